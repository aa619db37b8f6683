// The layout holds on a 320-pixel-wide phone (WCAG 1.4.10 Reflow), which
// is also what a 1280-pixel window shows at 400 % zoom (and 640 pixels at
// 200 %): no page scrolls sideways. Data tables may scroll inside
// themselves; the page may not.
import { test, expect } from '@playwright/test';
import { CLIENTS, FLOOR, STAFF } from './accounts.js';
import { hydrated, signInByFieldNames as signIn } from './pages.js';

/// How far the page reaches past the window's right edge, in CSS pixels.
async function overflow(page, path) {
  await page.goto(path);
  await hydrated(page);
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

/// The path of the first occurrence titled `title` in the agenda.
async function occurrencePath(page, title, date) {
  await page.goto(`/calendar?view=agenda${date ? `&date=${date}` : ''}`);
  await page.getByTestId('occurrence').filter({ hasText: title }).first().click();
  await expect(page.getByTestId('event-title')).toHaveText(title);
  return new URL(page.url()).pathname;
}

const langEs = (path) => `${path}${path.includes('?') ? '&' : '?'}lang=es`;

/// Pages with their longest content, set up once per worker (and again,
/// harmlessly, after a restart): the museum trip, which no other test
/// uses, gets a van (its facts have the longest labels: "Regresa a más
/// tardar") and a client who is going (a roster row with the check-in
/// menu, whose longest choice is "No pudo asistir (enfermedad u otro
/// motivo)"; a rider on the manifest); a yearly event's page lists its
/// next dates; a client's page has a sign-in name and a stay.
let rich;
async function dataRichPages(page) {
  if (rich) return rich;
  const trip = await occurrencePath(page, 'Museum trip', '2027-01-16');
  await hydrated(page);
  if ((await page.getByTestId('transport').count()) === 0) {
    await page.getByTestId('logistics-editor').locator('summary').click();
    const form = page.getByTestId('transport-form');
    await form.getByLabel('Passenger seats').fill('6');
    await form.getByLabel('Driver').selectOption({ label: FLOOR.name });
    await form.getByLabel('Leaves').fill('12:30');
    await form.getByLabel('Back by').fill('16:30');
    await form.getByLabel('Pick-up point').fill('Front entrance');
    await form.getByRole('button', { name: 'Save transport' }).click();
    await expect(page.getByTestId('transport')).toContainText('By van: 6 seats');
  }
  const client = CLIENTS[0].name;
  await page.goto(`${trip}/roster`);
  await hydrated(page);
  if ((await page.getByTestId('roster-row').filter({ hasText: client }).count()) === 0) {
    await page.getByLabel('Name').fill(client.split(' ')[0]);
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByRole('button', { name: `Going — ${client}` }).click();
    await expect(page.getByTestId('roster-row').filter({ hasText: client })).toContainText('Going');
  }
  const series = (await occurrencePath(page, "New Year's Day brunch", '2027-01-01')).replace(/\/occurrences\/.*/, '');
  await page.goto('/people');
  await page.getByRole('link', { name: client }).first().click();
  const person = new URL(page.url()).pathname;
  // Spanish has the longer words; it is the one that overflowed.
  rich = [trip, `${trip}/roster`, `${trip}/manifest`, series, person].map(langEs);
  return rich;
}

for (const width of [320, 640]) {
  test.describe(`${width} pixels wide`, () => {
    test.use({ viewport: { width, height: 720 } });

    test('no page scrolls sideways', async ({ page }) => {
      test.setTimeout(120_000);
      const wide = {};
      for (const path of ['/', '/sign-in', '/kiosk']) {
        const extra = await overflow(page, path);
        if (extra > 0) wide[path] = extra;
      }
      await signIn(page, STAFF.email, STAFF.password);
      const richPaths = await dataRichPages(page);
      await page.goto('/calendar?view=agenda');
      await page.getByTestId('occurrence').filter({ hasText: 'Movie night' }).first().click();
      const occurrence = new URL(page.url()).pathname;
      for (const path of ['/calendar?view=agenda', '/calendar?view=week', '/calendar?view=month',
        '/events/new', occurrence, `${occurrence}/roster`, '/people', '/people/new', '/me', '/subscribe',
        '/settings', '/reports', '/today', '/calendar?view=agenda&lang=es', '/events/new?lang=es', ...richPaths]) {
        const extra = await overflow(page, path);
        if (extra > 0) wide[path] = extra;
      }
      expect(wide, 'pages wider than the window (pixels too wide)').toEqual({});
    });
  });
}
