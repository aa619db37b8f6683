// A client signs in, says they're going, and sees the count change —
// without a reload when JavaScript runs.
import { test, expect } from '@playwright/test';
import { CLIENTS } from './accounts.js';
import { facilityDate, hydrated } from './pages.js';

async function signInAsClient(page, client) {
  await page.goto('/sign-in');
  await page.getByLabel('E-mail or sign-in name').fill(client.login);
  await page.getByLabel('Password').fill(client.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('viewer-name')).toHaveText(client.name);
}

test('a client RSVPs and sees the count change', async ({ page }, info) => {
  const withJs = info.project.name === 'with-js';
  const client = withJs ? CLIENTS[0] : CLIENTS[1];
  await signInAsClient(page, client);
  await page.goto('/calendar?view=week&date=' + facilityDate(50));
  // Seeded 50 hours from now: at some hours of the day it runs past
  // midnight in the facility and the week shows it on both days.
  await page.getByTestId('occurrence').filter({ hasText: 'Movie night' }).first().click();
  const count = page.getByTestId('rsvp-count');
  await expect(count).toHaveText(/of 10 going/);
  const before = Number((await count.textContent()).match(/(\d+) of 10/)[1]);
  if (withJs) {
    await hydrated(page);
    await page.evaluate(() => { window.__stillHere = true; });
  }
  await page.getByRole('button', { name: 'Going', exact: true }).click();
  await expect(count).toHaveText(new RegExp(`^${before + 1} of 10 going`));
  await expect(page.getByTestId('rsvp-mine')).toHaveText("You're going.");
  if (withJs) {
    expect(await page.evaluate(() => window.__stillHere)).toBe(true);
  }
  // "My schedule" lists it.
  await page.getByRole('link', { name: 'My schedule' }).click();
  await expect(page.getByTestId('my-schedule')).toContainText('Movie night');
});
