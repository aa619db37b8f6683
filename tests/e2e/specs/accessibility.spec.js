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
  for (const path of ['/', '/events/new']) await expectNoViolations(page, path);
});
