// A coordinator plans a weekly series, takes one date off the calendar,
// moves another, and sees both in the week and month views.
import { test, expect } from '@playwright/test';
import { EventForm, SignInPage, hydrated } from './pages.js';

/// The next `weekday` (0 = Sunday) at least `after` days from today, as YYYY-MM-DD.
function nextWeekday(weekday, after = 3) {
  const d = new Date();
  d.setDate(d.getDate() + after);
  while (d.getDay() !== weekday) d.setDate(d.getDate() + 1);
  return d;
}

const iso = (d) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
const plusDays = (d, n) => { const e = new Date(d); e.setDate(e.getDate() + n); return e; };
const longDate = (d) => d.toLocaleDateString('en-US', { weekday: 'long', month: 'long', day: 'numeric', year: 'numeric' });

test('a weekly series with one date skipped and one moved shows in week and month views', async ({ page }, info) => {
  const withJs = info.project.name === 'with-js';
  const title = `Tuesday karaoke ${info.project.name} ${Date.now()}`;
  const first = nextWeekday(2);
  const second = plusDays(first, 7);
  const third = plusDays(first, 14);
  await new SignInPage(page).signIn();

  const form = new EventForm(page);
  await form.open();
  if (withJs) await hydrated(page);
  await form.fill({ kind: 'karaoke', title, date: iso(first), start: '19:00', end: '21:00', location: 'Common room' });
  await page.getByLabel('Repeats').selectOption('weekly');
  await page.getByLabel('Tue', { exact: true }).check();
  await page.getByLabel('After').check();
  await page.getByLabel('Number of dates').fill('4');
  await form.submit();

  await expect(page.getByTestId('event-title')).toHaveText(title);
  await expect(page.getByTestId('event-rule')).toHaveText('Every week on Tuesday, 4 times');
  const dates = page.locator('.next-dates li');
  await expect(dates).toHaveCount(4);

  // Take the second date off the calendar.
  await dates.nth(1).getByTestId('occurrence').click();
  await expect(page.getByTestId('event-when')).toContainText(longDate(second));
  await page.locator('summary', { hasText: 'Take this date off the calendar' }).click();
  await page.getByRole('button', { name: 'Take this date off the calendar' }).click();
  await expect(page.getByRole('status')).toContainText('That date is off the calendar.');
  await expect(page.locator('.next-dates li')).toHaveCount(3);

  // Move the third date to 18:00–20:00, this date only.
  await page.locator('.next-dates li').nth(1).getByTestId('occurrence').click();
  await expect(page.getByTestId('event-when')).toContainText(longDate(third));
  await page.getByRole('link', { name: 'Edit this date' }).click();
  await expect(page.getByRole('heading', { name: 'Edit a date' })).toBeVisible();
  if (withJs) await hydrated(page);
  await page.getByLabel('This date only').check();
  await page.getByLabel('Starts – Time').fill('18:00');
  await page.getByLabel('Ends – Time').fill('20:00');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByRole('status')).toContainText('This date is changed.');
  await expect(page.getByTestId('event-when')).toContainText('6:00 PM – 8:00 PM');

  // The week of the moved date shows it at its new time.
  await page.goto(`/calendar?view=week&date=${iso(third)}`);
  const moved = page.getByTestId('occurrence').filter({ hasText: title });
  await expect(moved).toHaveCount(1);
  await expect(moved).toContainText('6:00 PM – 8:00 PM');
  await expect(moved).toContainText('Changed');

  // The week of the skipped date has nothing of the series.
  await page.goto(`/calendar?view=week&date=${iso(second)}`);
  await expect(page.getByTestId('occurrence').filter({ hasText: title })).toHaveCount(0);

  // The month(s) show three dates: 7 PM, 6 PM (moved), 7 PM; the skipped one is gone.
  const months = new Set([first, second, third, plusDays(first, 21)].map((d) => iso(d).slice(0, 7)));
  let chips = [];
  for (const month of months) {
    await page.goto(`/calendar?view=month&date=${month}-01`);
    const inMonth = page.locator('td:not(.other-month)').getByTestId('occurrence').filter({ hasText: title });
    chips = chips.concat(await inMonth.allTextContents());
  }
  expect(chips.map((c) => c.match(/\d+:\d+ [AP]M/)[0])).toEqual(['7:00 PM', '6:00 PM', '7:00 PM']);
});
