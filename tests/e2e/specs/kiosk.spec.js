// Staff enroll the common-room tablet; a client signs in with a PIN and is
// signed out again after the idle time (10 s in these tests) on whatever
// page they left it: the page counts down and goes back to the kiosk
// (without JavaScript: kiosk-no-js.spec.js).
import { test, expect } from '@playwright/test';
import { enrollAndSignIn, hydrated } from './pages.js';

test('kiosk PIN sign-in, kiosk-only screens, and a countdown to sign-out on every page', async ({ page }) => {
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
