// axe-core on each page a visitor and a staff member reach.
import { test, expect } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { SignInPage, hydrated } from './pages.js';

async function expectNoViolations(page, path) {
  await page.goto(path);
  await hydrated(page);
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations, path).toEqual([]);
}

test('pages for visitors have no accessibility violations', async ({ page }) => {
  for (const path of ['/', '/sign-in']) await expectNoViolations(page, path);
});

test('pages for staff have no accessibility violations', async ({ page }) => {
  await new SignInPage(page).signIn();
  for (const path of ['/', '/events/new', '/calendar?view=week', '/calendar?view=month', '/me', '/people',
    '/people/new', '/reports', '/templates']) {
    await expectNoViolations(page, path);
  }
  // An occurrence with its RSVP panel, and its roster.
  await page.goto('/calendar');
  await page.getByTestId('occurrence').filter({ hasText: 'Art hour' }).first().click();
  await hydrated(page);
  const occurrence = new URL(page.url()).pathname;
  await expectNoViolations(page, occurrence);
  await expectNoViolations(page, `${occurrence}/roster`);
});
