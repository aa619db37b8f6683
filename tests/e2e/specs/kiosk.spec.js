// Staff enroll the common-room tablet; a client signs in with a PIN and is
// signed out again after the idle time (10 s in these tests) on whatever
// page they left it: with JavaScript the page counts down and goes back to
// the kiosk; without it the server has ended the session all the same.
import { test, expect } from '@playwright/test';
import { CLIENTS, FLOOR } from './accounts.js';
import { hydrated } from './pages.js';

async function enrollAndSignIn(page, withJs) {
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
  await page.getByLabel('Kiosk PIN').fill('000111');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByText('That PIN is not right.')).toBeVisible();

  await page.getByLabel('Your name').selectOption({ label: client.name });
  await page.getByLabel('Kiosk PIN').fill(client.pin);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { name: `Hello, ${client.name}` })).toBeVisible();
  if (withJs) await hydrated(page);
  return client;
}

test('kiosk PIN sign-in, kiosk-only screens, and a countdown to sign-out on every page', async ({ page }, info) => {
  test.skip(info.project.name !== 'with-js', 'the countdown needs JavaScript; the next test covers the server');
  const client = await enrollAndSignIn(page, true);

  // Only the kiosk's screens.
  await page.goto('/people');
  await expect(page).toHaveURL(/\/kiosk\/home$/);
  await hydrated(page);

  // An event page counts down too, and a touch starts the count over.
  await page.getByTestId('occurrence').first().click();
  await expect(page.getByTestId('event-title')).toBeVisible();
  await hydrated(page);
  const countdown = page.getByTestId('kiosk-countdown');
  await expect(countdown).toContainText(/Signing out in \d+ seconds?\./);
  await expect(countdown).toContainText(/Signing out in [1-5] seconds?\./, { timeout: 10_000 });
  await page.mouse.click(5, 5);
  await expect(countdown).toContainText(/Signing out in (9|10) seconds\./);

  // Left alone, it goes back to the kiosk, signed out.
  await expect(page.getByRole('heading', { name: 'Hello! Who are you?' })).toBeVisible({ timeout: 25_000 });
  await page.goto('/kiosk/home');
  await expect(page.getByRole('heading', { name: `Hello, ${client.name}` })).toHaveCount(0);
});

test('without JavaScript the server signs a quiet kiosk out all the same', async ({ page }, info) => {
  test.skip(info.project.name !== 'without-js', 'the server side, without the page helping');
  const client = await enrollAndSignIn(page, false);
  await page.getByTestId('occurrence').first().click();
  await expect(page.getByTestId('event-title')).toBeVisible();
  await expect(page.getByTestId('kiosk-countdown')).toContainText('Signing out in');
  await page.waitForTimeout(11_000);
  await page.reload();
  await expect(page.getByTestId('kiosk-countdown')).toHaveCount(0);
  await page.goto('/kiosk/home');
  await expect(page.getByRole('heading', { name: `Hello, ${client.name}` })).toHaveCount(0);
});
