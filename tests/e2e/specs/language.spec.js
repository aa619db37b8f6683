// The language switch at the top of every page, used from the keyboard:
// the page comes back in Spanish and what the form held is still there
// (with JavaScript; without it the link still switches the language).
import { test, expect } from '@playwright/test';
import { SignInPage, hydrated } from './pages.js';

test('switching language from the keyboard keeps what the form holds', async ({ page }, info) => {
  const withJs = info.project.name === 'with-js';
  await new SignInPage(page).signIn();
  await page.goto('/events/new');
  if (withJs) await hydrated(page);
  await page.getByLabel('Title').fill('Noche de karaoke');
  await page.getByLabel('Description').fill('Traigan sus canciones favoritas.');

  await page.getByRole('navigation', { name: 'Language' }).getByRole('link', { name: 'Español' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.locator('html')).toHaveAttribute('lang', 'es');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Nueva actividad');
  if (withJs) {
    await hydrated(page);
    await expect(page.getByLabel('Título')).toHaveValue('Noche de karaoke');
    await expect(page.getByLabel('Descripción')).toHaveValue('Traigan sus canciones favoritas.');
  }

  // And back: the session's choice holds on the next page until changed.
  await page.goto('/calendar');
  await expect(page.locator('html')).toHaveAttribute('lang', 'es');
  await page.getByRole('navigation', { name: 'Idioma' }).getByRole('link', { name: 'English' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page).toHaveURL(/\/calendar$/);
});
