// Without JavaScript nothing counts down on the page, but the server ends
// a quiet kiosk session all the same: after the idle time the next request
// finds the client signed out.
import { test, expect } from '@playwright/test';
import { enrollAndSignIn } from './pages.js';

test('without JavaScript the server signs a quiet kiosk out all the same', async ({ page }) => {
  const client = await enrollAndSignIn(page, false);
  await page.getByTestId('occurrence').first().click();
  await expect(page.getByTestId('event-title')).toBeVisible();
  await expect(page.getByTestId('kiosk-countdown')).toContainText('Signing out in');
  // Nothing on the page changes without JavaScript, and any request would be
  // a person's touch that keeps the session: the only honest wait is the
  // idle time itself (10 s here) and a second more.
  await page.waitForTimeout(11_000);
  await page.reload();
  await expect(page.getByTestId('kiosk-countdown')).toHaveCount(0);
  await page.goto('/kiosk/home');
  await expect(page.getByRole('heading', { name: `Hello, ${client.name}` })).toHaveCount(0);
});
