// Staff answer for a client who has no phone, then check them in.
import { test, expect } from '@playwright/test';
import { FLOOR } from './accounts.js';
import { hydrated } from './pages.js';

test('staff RSVP for a client and check them in', async ({ page }, info) => {
  const withJs = info.project.name === 'with-js';
  const client = withJs ? 'Kim C.' : 'Lee W.';
  await page.goto('/sign-in');
  await page.getByLabel('E-mail or sign-in name').fill(FLOOR.email);
  await page.getByLabel('Password').fill(FLOOR.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('viewer-name')).toHaveText(FLOOR.name);

  await page.goto('/calendar');
  await page.getByTestId('occurrence').filter({ hasText: 'Art hour' }).first().click();
  await page.getByRole('link', { name: 'Roster and check-in' }).click();
  if (withJs) await hydrated(page);

  await page.getByLabel('Name').fill(client.split(' ')[0]);
  await page.getByRole('button', { name: 'Search' }).click();
  await page.getByRole('button', { name: `Going — ${client}` }).click();
  const row = page.getByTestId('roster-row').filter({ hasText: client });
  await expect(row).toContainText('Going');
  await expect(row).toContainText(`answered by ${FLOOR.name}`);

  await row.getByLabel(`Check-in — ${client}`).selectOption('attended');
  await row.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByTestId('roster-row').filter({ hasText: client })).toContainText('✓ Attended');
});
