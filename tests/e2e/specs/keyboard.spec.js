// Arrow keys move the calendar; "t" comes back to today. Each key follows
// the page's own link (a new page from the server), so each page answers
// its keys once its script has loaded.
import { test, expect } from '@playwright/test';
import { SignInPage, hydrated } from './pages.js';

test('keyboard moves the calendar back and forth', async ({ page }) => {
  await new SignInPage(page).signIn();
  await page.goto('/calendar?view=month&date=2027-03-10');
  await hydrated(page);
  await page.keyboard.press('ArrowRight');
  await expect(page.locator('.period')).toHaveText('April 2027');
  await hydrated(page);
  await page.keyboard.press('ArrowLeft');
  await expect(page.locator('.period')).toHaveText('March 2027');
  await hydrated(page);
  await page.keyboard.press('ArrowLeft');
  await expect(page.locator('.period')).toHaveText('February 2027');
  await hydrated(page);
  await page.keyboard.press('t');
  await expect(page).not.toHaveURL(/2027-02/);
});
