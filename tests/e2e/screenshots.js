// Takes the screenshots the README shows, from a running Hearth (the demo,
// by default): `node screenshots.js [base-url] [out-dir]`.
import { chromium } from '@playwright/test';
import { mkdirSync } from 'node:fs';

const base = process.argv[2] || 'http://127.0.0.1:3000';
const out = process.argv[3] || '../../docs';
mkdirSync(out, { recursive: true });

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});
const page = await browser.newPage({ viewport: { width: 1100, height: 800 } });
await page.goto(`${base}/sign-in`);
await page.getByLabel('E-mail').fill(process.env.HEARTH_EMAIL || 'coordinator@demo.hearth.test');
await page.getByLabel('Password').fill(process.env.HEARTH_PASSWORD || 'hearth-demo-password');
await page.getByRole('button', { name: 'Sign in' }).click();
await page.getByTestId('viewer-name').waitFor();
await page.screenshot({ path: `${out}/upcoming.png`, fullPage: false });
const next = new Date();
next.setMonth(next.getMonth() + 1, 1);
const nextMonth = `${next.getFullYear()}-${String(next.getMonth() + 1).padStart(2, '0')}-01`;
await page.goto(`${base}/calendar?view=month&date=${nextMonth}`);
await page.locator('body[data-hydrated="true"]').waitFor();
await page.screenshot({ path: `${out}/month.png`, fullPage: false });
await page.goto(`${base}/events/new`);
await page.locator('body[data-hydrated="true"]').waitFor();
await page.screenshot({ path: `${out}/new-event.png`, fullPage: true });
const phone = await browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true });
await phone.context().addCookies(await page.context().cookies());
await phone.goto(`${base}/`);
await phone.screenshot({ path: `${out}/upcoming-phone.png` });

// A date of the weekly karaoke night with its RSVPs, then its roster.
// The demo answers for the next night still to come; tonight's, once it
// is over, is listed first and has none.
await page.goto(`${base}/calendar`);
const nights = await page.getByRole('link', { name: /Friday karaoke night/ }).evaluateAll(
  (links) => links.map((link) => link.href),
);
for (const night of nights) {
  await page.goto(night);
  await page.getByRole('heading', { name: 'Are you coming?' }).waitFor();
  if (!(await page.getByText('0 going', { exact: true }).count())) break;
}
await page.screenshot({ path: `${out}/occurrence.png`, fullPage: true });
// The same page in Spanish (`?lang=es`: a link to that language's version).
const occurrence = page.url();
await page.goto(`${occurrence}${occurrence.includes('?') ? '&' : '?'}lang=es`);
await page.getByRole('heading', { name: '¿Vienes?' }).waitFor();
await page.screenshot({ path: `${out}/occurrence-es.png`, fullPage: true });
await page.goto(occurrence);
await page.getByRole('link', { name: 'Roster and check-in' }).click();
await page.getByTestId('roster').waitFor();
await page.screenshot({ path: `${out}/roster.png`, fullPage: false });

// A client's own schedule, on a phone.
const client = await browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true });
await client.goto(`${base}/sign-in`);
await client.getByLabel(/E-mail/).fill('maria.g');
await client.getByLabel('Password').fill(process.env.HEARTH_PASSWORD || 'hearth-demo-password');
await client.getByRole('button', { name: 'Sign in' }).click();
await client.getByTestId('viewer-name').waitFor();
await client.goto(`${base}/me`);
await client.screenshot({ path: `${out}/me-phone.png` });

// The same client gets a calendar link for the phone.
await client.goto(`${base}/me/calendar`);
await client.getByTestId('new-link').click();
await client.getByTestId('fresh-link').waitFor();
await client.screenshot({ path: `${out}/my-calendar-phone.png`, fullPage: true });

// The facility's subscribe page, and the poster as printed.
await page.goto(`${base}/subscribe`);
await page.screenshot({ path: `${out}/subscribe.png`, fullPage: true });
await page.goto(`${base}/subscribe/poster`);
await page.emulateMedia({ media: 'print' });
await page.screenshot({ path: `${out}/poster.png`, fullPage: true });
await browser.close();
