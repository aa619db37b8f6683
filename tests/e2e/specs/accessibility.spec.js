// axe-core (WCAG 2.2 A and AA rules) on every page a visitor, a client,
// staff and an administrator reach, in English and in Spanish (the
// browser's language picks it); each page also says which language it is
// in (`<html lang>`).
import { test, expect } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { ADMIN, CLIENTS, STAFF } from './accounts.js';
import { hydrated, signInByFieldNames as signIn } from './pages.js';

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

async function expectNoViolations(page, path, lang) {
  await page.goto(path);
  await hydrated(page);
  await expect(page.locator('html')).toHaveAttribute('lang', lang);
  const results = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  const found = results.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    nodes: v.nodes.map((n) => n.target.join(' ')).slice(0, 5),
  }));
  expect(found, `${path} (${lang})`).toEqual([]);
}

/// The path of the first occurrence titled `title` in the agenda (dates
/// of the seeded January 2027 or the coming days).
async function occurrencePath(page, title, date) {
  await page.goto(`/calendar?view=agenda${date ? `&date=${date}` : ''}`);
  await page.getByTestId('occurrence').filter({ hasText: title }).first().click();
  await expect(page.getByTestId('event-title')).toHaveText(title);
  return new URL(page.url()).pathname;
}

for (const [lang, locale] of [['en', 'en-US'], ['es', 'es-MX']]) {
  test.describe(`in ${lang}`, () => {
    test.use({ locale });

    test('pages for visitors have no accessibility violations', async ({ page }) => {
      for (const path of ['/', '/sign-in', '/kiosk', '/no/such/page']) {
        await expectNoViolations(page, path, lang);
      }
    });

    test('pages for staff have no accessibility violations', async ({ page }) => {
      test.setTimeout(180_000);
      await signIn(page, STAFF.email, STAFF.password);
      for (const path of ['/', '/calendar?view=agenda', '/calendar?view=week', '/calendar?view=month',
        // Printouts are in the facility's language unless the link asks.
        `/calendar/print?lang=${lang}`, '/today', '/events/new', '/events/import', '/templates', '/me', '/me/calendar',
        '/me/sessions', '/me/password', '/subscribe', `/subscribe/poster?lang=${lang}`, '/people', '/people/new',
        '/reports', '/no/such/page']) {
        await expectNoViolations(page, path, lang);
      }
      const art = await occurrencePath(page, 'Art hour');
      for (const path of [art, `${art}/roster`, `${art}/edit`]) await expectNoViolations(page, path, lang);
      const van = await occurrencePath(page, 'Van to the lake');
      await expectNoViolations(page, `${van}/manifest`, lang);
      const potluck = await occurrencePath(page, 'Winter potluck', '2027-01-23');
      for (const path of [potluck, `${potluck}/signups`]) await expectNoViolations(page, path, lang);
      const karaoke = await occurrencePath(page, 'Karaoke night', '2027-01-05');
      for (const path of [karaoke, `${karaoke}/karaoke`, karaoke.replace(/\/occurrences\/.*/, '/edit')]) {
        await expectNoViolations(page, path, lang);
      }
      await page.goto('/people');
      await page.getByRole('link', { name: CLIENTS[0].name }).first().click();
      const person = new URL(page.url()).pathname;
      for (const path of [person, `${person}/calendar`]) await expectNoViolations(page, path, lang);
    });

    test('pages for an administrator have no accessibility violations', async ({ page }) => {
      await signIn(page, ADMIN.email, ADMIN.password);
      for (const path of ['/settings', '/audit']) await expectNoViolations(page, path, lang);
    });

    test('pages for a client have no accessibility violations', async ({ page }) => {
      await signIn(page, CLIENTS[1].login, CLIENTS[1].password);
      for (const path of ['/', '/me', '/me/calendar', '/calendar?view=week']) {
        await expectNoViolations(page, path, lang);
      }
      await expectNoViolations(page, await occurrencePath(page, 'Movie night'), lang);
    });
  });
}
