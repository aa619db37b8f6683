// Arrow keys move the calendar; "t" comes back to today.
import { test, expect } from '@playwright/test';
import { SignInPage, hydrated } from './pages.js';

test('keyboard moves the calendar back and forth', async ({ page }) => {
  await new SignInPage(page).signIn();
  await page.goto('/calendar?view=month&date=2027-03-10');
  await hydrated(page);
  await page.keyboard.press('ArrowRight');
  await expect(page.locator('.period')).toHaveText('April 2027');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  await expect(page.locator('.period')).toHaveText('February 2027');
  await page.keyboard.press('t');
  await expect(page).not.toHaveURL(/2027-02/);
});
