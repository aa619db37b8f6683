// The "today" board on the common room's screen follows changes without
// reloading the page (with JavaScript) and never reloads itself; without
// JavaScript it offers a link to refresh (WCAG 2.2.1: no forced refresh).
import { test, expect } from '@playwright/test';
import { EventForm, SignInPage, facilityDate, hydrated } from './pages.js';

test('the board shows a new event of today, without a forced reload', async ({ page, context }, info) => {
  const withJs = info.project.name === 'with-js';
  const title = `Board check ${info.project.name} ${Date.now()}`;
  await new SignInPage(page).signIn();
  await page.goto('/today');
  await expect(page.getByTestId('board')).toBeVisible();
  await expect(page.locator('meta[http-equiv="refresh"]')).toHaveCount(0);
  await expect(page.getByTestId('board-live')).toHaveAttribute('aria-live', 'polite');
  await expect(page.getByTestId('board-live')).not.toContainText(title);
  if (withJs) await hydrated(page);
  await page.evaluate(() => { window.__stillHere = true; });
  let navigations = 0;
  page.on('framenavigated', (frame) => { if (frame === page.mainFrame()) navigations += 1; });

  // Staff add an event for today in another tab.
  const other = await context.newPage();
  const form = new EventForm(other);
  await form.open();
  await form.fill({ kind: 'recreation', title, date: facilityDate(0), start: '23:00', end: '23:45' });
  await form.submit();
  await expect(other.getByTestId('event-title')).toHaveText(title);
  await other.close();

  if (withJs) {
    // The board asks every 15 s; the list changes in place.
    await expect(page.getByTestId('board-live')).toContainText(title, { timeout: 25_000 });
    expect(await page.evaluate(() => window.__stillHere)).toBe(true);
    expect(navigations).toBe(0);
  } else {
    expect(navigations).toBe(0);
    await page.getByTestId('board-refresh').click();
    await expect(page.getByTestId('board-live')).toContainText(title);
  }
});
