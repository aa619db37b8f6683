// The karaoke night: staff put songs on the queue and run it; the screen
// in the room shows "now singing" and "up next" and follows along live,
// without reloading (with JavaScript), or with a link to refresh (without).
import { test, expect } from '@playwright/test';
import { CLIENTS, FLOOR, STAFF } from './accounts.js';
import { hydrated } from './pages.js';

async function signIn(page, login, password, name) {
  await page.goto('/sign-in');
  await page.getByLabel('E-mail or sign-in name').fill(login);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('viewer-name')).toHaveText(name);
}

/// Opens the first seeded karaoke night (Tuesday, January 5, 2027).
async function openKaraokeNight(page) {
  await page.goto('/calendar?view=week&date=2027-01-05');
  await page.getByTestId('occurrence').filter({ hasText: 'Karaoke night' }).first().click();
  await expect(page.getByTestId('karaoke')).toBeVisible();
}

async function addSong(page, title, artist) {
  await page.getByLabel('Song title').fill(title);
  await page.getByLabel('Artist').fill(artist);
  await page.getByRole('button', { name: 'Add to the queue' }).click();
  await expect(page.getByTestId('karaoke').getByTestId('song').filter({ hasText: title })).toBeVisible();
}

const song = (page, title) => page.getByTestId('karaoke').getByTestId('song').filter({ hasText: title });

test('the screen in the room follows the queue live', async ({ page, browser }, info) => {
  test.skip(info.project.name !== 'with-js', 'live updates need JavaScript; see the next test');
  await signIn(page, STAFF.email, STAFF.password, STAFF.name);
  await openKaraokeNight(page);
  await expect(page.getByTestId('karaoke-hint')).toContainText('RSVP');
  await page.getByRole('button', { name: 'Going', exact: true }).click();
  await expect(page.getByTestId('rsvp-mine')).toHaveText("You're going.");
  await page.reload();
  await expect(page.getByTestId('karaoke-privacy-note')).toContainText('first name and last initial');
  await hydrated(page);
  await addSong(page, 'Dancing Queen', 'ABBA');
  await addSong(page, 'Valerie', 'Amy Winehouse');
  await song(page, 'Dancing Queen').getByRole('button', { name: 'Start', exact: true }).click();
  await expect(page.getByTestId('karaoke-now')).toContainText('Dancing Queen');

  // The TV: a 1920×1080 screen signed in as a client (the room's tablet).
  const tv = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
  const screen = await tv.newPage();
  await signIn(screen, CLIENTS[0].login, CLIENTS[0].password, CLIENTS[0].name);
  const url = page.url().split('#')[0] + '/karaoke';
  await screen.goto(url);
  await hydrated(screen);
  await expect(screen.getByTestId('screen-now-title')).toHaveText('Dancing Queen');
  await expect(screen.getByTestId('screen-now-performer')).toHaveText('Dana W.');
  await expect(screen.getByTestId('screen-next')).toContainText('Valerie');
  await expect(screen.getByRole('navigation')).toHaveCount(0);
  await screen.evaluate(() => { window.__stillHere = true; });
  let navigations = 0;
  screen.on('framenavigated', (frame) => { if (frame === screen.mainFrame()) navigations += 1; });

  // Staff mark the song sung: the next starts, and the screen follows.
  await song(page, 'Dancing Queen').getByRole('button', { name: 'Sung', exact: true }).click();
  await expect(page.getByTestId('karaoke-now')).toContainText('Valerie');
  await expect(screen.getByTestId('screen-now-title')).toHaveText('Valerie');
  await expect(screen.getByTestId('screen-next')).toContainText('Add your song');
  expect(await screen.evaluate(() => window.__stillHere)).toBe(true);
  expect(navigations).toBe(0);
  await screen.screenshot({ path: info.outputPath('karaoke-screen.png') });
  await tv.close();
});

test('without JavaScript the queue forms work and the screen offers a refresh link', async ({ page }, info) => {
  test.skip(info.project.name !== 'without-js', 'the with-js run covers the live screen');
  await signIn(page, FLOOR.email, FLOOR.password, FLOOR.name);
  await openKaraokeNight(page);
  await page.getByRole('button', { name: 'Going', exact: true }).click();
  await expect(page.getByTestId('karaoke-privacy-note')).toBeVisible();
  await addSong(page, 'Jolene', 'Dolly Parton');
  await song(page, 'Jolene').getByRole('button', { name: 'Up', exact: true }).click();
  await expect(song(page, 'Jolene')).toBeVisible();
  const url = page.url().split('#')[0] + '/karaoke';
  await page.goto(url);
  await expect(page.getByTestId('screen-next')).toContainText('Jolene');
  // No forced reload (WCAG 2.2.1): a link to refresh instead.
  await expect(page.locator('meta[http-equiv="refresh"]')).toHaveCount(0);
  await expect(page.getByTestId('screen-refresh')).toHaveAttribute('href', new URL(url).pathname);
  await page.getByTestId('screen-refresh').click();
  await expect(page.getByTestId('screen-next')).toContainText('Jolene');
});
