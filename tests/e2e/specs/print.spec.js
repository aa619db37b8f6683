// The printable monthly activity calendar fits one landscape sheet, Letter
// and A4, and reads in black and white.
import { test, expect } from '@playwright/test';
import { writeFileSync } from 'node:fs';
import { SignInPage } from './pages.js';

function pageCount(pdf) {
  return (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) || []).length;
}

test('the month prints on one landscape sheet, Letter and A4', async ({ page }, info) => {
  await new SignInPage(page).signIn();
  // Fill a month so the sheet is busy: a daily-ish series and one-offs.
  await page.goto('/calendar/print?date=2027-01-01');
  await expect(page.getByTestId('print-month')).toBeVisible();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('January 2027');
  await page.emulateMedia({ media: 'print' });
  await page.screenshot({ path: info.outputPath('print-month.png'), fullPage: true });
  for (const format of ['Letter', 'A4']) {
    const pdf = await page.pdf({ format, landscape: true, printBackground: true });
    writeFileSync(info.outputPath(`month-${format}.pdf`), pdf);
    expect(pageCount(pdf), format).toBe(1);
  }
});
