// A client gets their own calendar link, with the Apple and Google buttons,
// the address to copy and a QR code, and the link serves their calendar;
// the facility's subscribe page and its poster show the public feed.
import { test, expect } from '@playwright/test';
import { CLIENTS } from './accounts.js';

test('a client gets a calendar link for the phone, and it serves a calendar', async ({ page, request, baseURL }) => {
  const client = CLIENTS[1];
  await page.goto('/sign-in');
  await page.getByLabel('E-mail or sign-in name').fill(client.login);
  await page.getByLabel('Password').fill(client.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('viewer-name')).toHaveText(client.name);

  await page.goto('/me');
  await page.getByTestId('my-calendar-link').click();
  await expect(page.getByRole('heading', { name: 'My calendar on my phone' })).toBeVisible();
  await page.getByTestId('new-link').click();
  await expect(page.getByTestId('fresh-link')).toBeVisible();
  const url = await page.getByTestId('feed-url').inputValue();
  expect(url).toMatch(/^http:\/\/.+\/feeds\/[0-9a-f]{64}\.ics$/);
  await expect(page.getByTestId('webcal')).toHaveAttribute('href', url.replace(/^http:/, 'webcal:'));
  await expect(page.getByTestId('google')).toHaveAttribute('href', /calendar\.google\.com\/calendar\/render\?cid=webcal/);
  await expect(page.locator('.fresh-link .qr svg')).toBeVisible();

  const feed = await request.get(url);
  expect(feed.status()).toBe(200);
  expect(feed.headers()['content-type']).toBe('text/calendar; charset=utf-8');
  expect(await feed.text()).toContain('BEGIN:VCALENDAR');

  // Discreet mode is a tick away.
  await page.getByLabel('Discreet mode').check();
  await page.getByLabel('Reminder').selectOption({ label: '30 minutes before' });
  await page.getByRole('button', { name: 'Save calendar settings' }).click();
  await expect(page.getByText('Calendar settings saved.')).toBeVisible();
  await expect(page.getByLabel('Discreet mode')).toBeChecked();
});

test('the facility subscribe page and its poster', async ({ page }) => {
  await page.goto('/subscribe');
  await expect(page.getByRole('heading', { name: 'Calendars for your phone' })).toBeVisible();
  const url = await page.getByTestId('feed-url').inputValue();
  expect(url).toMatch(/\/calendar\.ics$/);
  await expect(page.locator('.qr svg')).toBeVisible();
  await page.getByRole('link', { name: 'Print a poster with the QR code' }).click();
  await expect(page.getByTestId('poster')).toBeVisible();
  await expect(page.locator('.poster .qr svg')).toBeVisible();
});
