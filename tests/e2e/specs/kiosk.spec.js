// Staff enroll the common-room tablet; a client signs in with a PIN and is
// signed out again after the idle time (10 s in these tests).
import { test, expect } from '@playwright/test';
import { CLIENTS, FLOOR } from './accounts.js';
import { hydrated } from './pages.js';

test('kiosk PIN sign-in, kiosk-only screens, and idle sign-out', async ({ page }) => {
  await page.goto('/sign-in');
  await page.getByLabel('E-mail or sign-in name').fill(FLOOR.email);
  await page.getByLabel('Password').fill(FLOOR.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('viewer-name')).toHaveText(FLOOR.name);

  await page.goto('/kiosk');
  await page.getByRole('button', { name: 'Make this tablet a kiosk' }).click();
  await expect(page.getByRole('heading', { name: 'Hello! Who are you?' })).toBeVisible();

  const client = CLIENTS[0];
  await page.getByLabel('Your name').selectOption({ label: client.name });
  await page.getByLabel('Kiosk PIN').fill('0000');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByText('That PIN is not right.')).toBeVisible();

  await page.getByLabel('Your name').selectOption({ label: client.name });
  await page.getByLabel('Kiosk PIN').fill(client.pin);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { name: `Hello, ${client.name}` })).toBeVisible();
  await hydrated(page);

  // Only the kiosk's screens.
  await page.goto('/people');
  await expect(page).toHaveURL(/\/kiosk\/home$/);
  await hydrated(page);

  // A quiet tablet signs its client out.
  await expect(page.getByRole('heading', { name: 'Hello! Who are you?' })).toBeVisible({ timeout: 25_000 });
  await page.goto('/kiosk/home');
  await expect(page.getByRole('heading', { name: `Hello, ${client.name}` })).toHaveCount(0);
});
