// A coordinator gives an off-site outing a van, a client says they're
// going, and staff print the van manifest: one portrait page with the
// driver, the times and a box to tick for each rider.
import { test, expect } from '@playwright/test';
import { writeFileSync } from 'node:fs';
import { CLIENTS, FLOOR } from './accounts.js';
import { SignInPage, facilityDate, hydrated } from './pages.js';

function pageCount(pdf) {
  return (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) || []).length;
}

const outingDay = () => facilityDate(74);

async function openOuting(page) {
  await page.goto(`/calendar?view=week&date=${outingDay()}`);
  // Late in the evening the outing runs past midnight and shows on both
  // days of the week: either chip opens it.
  await page.getByTestId('occurrence').filter({ hasText: 'Van to the lake' }).first().click();
  await expect(page.getByTestId('event-title')).toHaveText('Van to the lake');
}

test('a coordinator sets up the van and prints the manifest', async ({ page, browser }, info) => {
  const withJs = info.project.name === 'with-js';
  await new SignInPage(page).signIn();
  await openOuting(page);
  if (withJs) await hydrated(page);

  // The van: a bad time is refused with the reason at the field, nothing lost.
  await page.getByTestId('logistics-editor').locator('summary').click();
  const form = page.getByTestId('transport-form');
  await form.getByLabel('Passenger seats').fill('6');
  await form.getByLabel('Driver').selectOption({ label: FLOOR.name });
  await form.getByLabel('Leaves').fill('17:30');
  await form.getByLabel('Back by').fill('17:00');
  await form.getByLabel('Pick-up point').fill('Front porch');
  await form.getByRole('button', { name: 'Save transport' }).click();
  await expect(page.getByText('The van must be back after it leaves.')).toBeVisible();
  const retry = page.getByTestId('transport-form');
  await expect(retry.getByLabel('Pick-up point')).toHaveValue('Front porch');
  await retry.getByLabel('Back by').fill('21:00');
  await retry.getByRole('button', { name: 'Save transport' }).click();
  const transport = page.getByTestId('transport');
  await expect(transport).toContainText('By van: 6 seats');
  await expect(transport).toContainText('Front porch');
  await expect(transport).toContainText(FLOOR.name);

  // A client sees the van and says they're going.
  const context = await browser.newContext({ javaScriptEnabled: withJs });
  const clientPage = await context.newPage();
  const client = withJs ? CLIENTS[0] : CLIENTS[1];
  await clientPage.goto('/sign-in');
  await clientPage.getByLabel('E-mail or sign-in name').fill(client.login);
  await clientPage.getByLabel('Password').fill(client.password);
  await clientPage.getByRole('button', { name: 'Sign in' }).click();
  await expect(clientPage.getByTestId('viewer-name')).toHaveText(client.name);
  await openOuting(clientPage);
  await expect(clientPage.getByTestId('transport')).toContainText('5:30 PM');
  await expect(clientPage.getByTestId('manifest-link')).toHaveCount(0);
  await clientPage.getByRole('button', { name: 'Going', exact: true }).click();
  await expect(clientPage.getByTestId('rsvp-mine')).toHaveText("You're going.");
  await context.close();

  // Staff print the manifest.
  await page.reload();
  await page.getByTestId('manifest-link').click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Van manifest');
  await expect(page.getByTestId('manifest-driver')).toHaveText(FLOOR.name);
  await expect(page.getByTestId('manifest-rider').filter({ hasText: client.name })).toHaveCount(1);
  await expect(page.locator('.manifest .box').first()).toBeVisible();
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('button', { name: 'Print' })).toBeHidden();
  await page.screenshot({ path: info.outputPath('manifest-print.png'), fullPage: true });
  const pdf = await page.pdf({ format: 'Letter', printBackground: true, preferCSSPageSize: true });
  writeFileSync(info.outputPath('manifest.pdf'), pdf);
  expect(pageCount(pdf)).toBe(1);
});
