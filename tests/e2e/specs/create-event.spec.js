// Staff sign in, create an event through the form, and find it in the list
// and on its own page — with JavaScript (hydrated) and without.
import { test, expect } from '@playwright/test';
import { EventForm, SignInPage, hydrated } from './pages.js';

function soon(days) {
  const d = new Date();
  d.setDate(d.getDate() + days);
  return d.toISOString().slice(0, 10);
}

test('staff create an event and see it in the list and on its page', async ({ page }, info) => {
  const withJs = info.project.name === 'with-js';
  const title = `Karaoke night ${info.project.name} ${Date.now()}`;
  await new SignInPage(page).signIn();

  const form = new EventForm(page);
  await form.open();
  if (withJs) {
    await hydrated(page);
    // Only the wasm bundle updates the counter while typing.
    await expect(page.getByTestId('title-count')).toHaveText('200 characters left');
    await page.getByLabel('Title').fill('Karaoke');
    await expect(page.getByTestId('title-count')).toHaveText('193 characters left');
  }
  await form.fill({
    kind: 'karaoke',
    title,
    date: soon(3),
    start: '19:00',
    end: '21:00',
    location: 'Common room',
    description: 'Sign up at the door.',
  });
  await form.submit();

  await expect(page.getByTestId('event-title')).toHaveText(title);
  await expect(page.getByRole('status')).toContainText('Event created.');
  await expect(page.getByTestId('event-when')).toContainText('7:00 PM – 9:00 PM');

  // The agenda (the calendar's first view) lists it on its day.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Calendar' }).click();
  const entry = page.getByTestId('occurrence').filter({ hasText: title });
  await expect(entry).toContainText('7:00 PM – 9:00 PM');
  await entry.click();
  await expect(page.getByTestId('event-title')).toHaveText(title);
  await expect(page.getByTestId('event-when')).toContainText('7:00 PM – 9:00 PM');
});

test('invalid input is answered at the field and nothing is stored', async ({ page }, info) => {
  const withJs = info.project.name === 'with-js';
  await new SignInPage(page).signIn();
  const form = new EventForm(page);
  await form.open();
  if (withJs) await hydrated(page);
  await form.fill({ title: '   ', date: soon(4), start: '19:00', end: '18:00' });
  await form.submit();

  await expect(form.fieldError('title')).toHaveText('Title is required.');
  await expect(form.fieldError('end')).toHaveText('The end must be after the start.');
  await expect(page.getByLabel('Title')).toHaveAttribute('aria-invalid', 'true');
  // What was typed is still there.
  await expect(page.getByLabel('Starts – Date')).toHaveValue(soon(4));
  await expect(page.getByLabel('Ends – Time')).toHaveValue('18:00');

  if (withJs) {
    // Fixing a field clears its message as you type.
    await page.getByLabel('Title').fill('Movie night');
    await expect(form.fieldError('title')).toBeHidden();
  }
});
