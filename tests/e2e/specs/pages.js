// Page objects: what a person sees and does on each page, located by role,
// label or test id.
import { expect } from '@playwright/test';
import { CLIENTS, FLOOR, STAFF } from './accounts.js';

export class SignInPage {
  constructor(page) {
    this.page = page;
  }

  async signIn(email = STAFF.email, password = STAFF.password) {
    await this.page.goto('/sign-in');
    await this.page.getByLabel('E-mail').fill(email);
    await this.page.getByLabel('Password').fill(password);
    await this.page.getByRole('button', { name: 'Sign in' }).click();
    await expect(this.page.getByTestId('viewer-name')).toHaveText(STAFF.name);
  }
}

export class EventForm {
  constructor(page) {
    this.page = page;
  }

  async open() {
    await this.page.goto('/events/new');
    await expect(this.page.getByRole('heading', { name: 'New event' })).toBeVisible();
  }

  async fill({ kind, title, date, start, end, location, description }) {
    if (kind) await this.page.getByLabel('Kind').selectOption(kind);
    if (title !== undefined) await this.page.getByLabel('Title').fill(title);
    if (date) await this.page.getByLabel('Starts – Date').fill(date);
    if (start) await this.page.getByLabel('Starts – Time').fill(start);
    if (end) await this.page.getByLabel('Ends – Time').fill(end);
    if (location) await this.page.getByLabel('Location', { exact: true }).fill(location);
    if (description) await this.page.getByLabel('Description').fill(description);
  }

  async submit() {
    await this.page.getByRole('button', { name: 'Create event' }).click();
  }

  fieldError(id) {
    return this.page.locator(`#${id}-error`);
  }
}

/// Signs in by the form's field names, whatever language the page is in.
export async function signInByFieldNames(page, login, password) {
  await page.goto('/sign-in');
  await page.locator('input[name="email"]').fill(login);
  await page.locator('input[name="password"]').fill(password);
  await page.locator('input[name="password"]').press('Enter');
  await expect(page.getByTestId('viewer-name')).toBeVisible();
}

/// Waits until the wasm bundle has hydrated the page.
export async function hydrated(page) {
  await expect(page.locator('body')).toHaveAttribute('data-hydrated', 'true');
}

/// The date (YYYY-MM-DD) `hours` from now in the facility's zone
/// (server.js sets America/New_York), for calendar URLs: the UTC date is
/// a day ahead in the evening.
export function facilityDate(hours) {
  return new Date(Date.now() + hours * 3600_000).toLocaleDateString('en-CA', { timeZone: 'America/New_York' });
}

/// Floor staff make this browser a kiosk; the first client gets a PIN
/// wrong once, then signs in. Returns the client.
export async function enrollAndSignIn(page, withJs) {
  await page.goto('/sign-in');
  await page.getByLabel('E-mail or sign-in name').fill(FLOOR.email);
  await page.getByLabel('Password').fill(FLOOR.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('viewer-name')).toHaveText(FLOOR.name);

  await page.goto('/kiosk');
  await page.getByRole('button', { name: 'Make this tablet a kiosk' }).click();
  await expect(page.getByRole('heading', { name: 'Hello! Who are you?' })).toBeVisible();

  const client = CLIENTS[0];
  await page.getByLabel('Your name').selectOption({ label: client.name });
  await page.getByLabel('Kiosk PIN').fill('000111');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByText('That PIN is not right.')).toBeVisible();

  await page.getByLabel('Your name').selectOption({ label: client.name });
  await page.getByLabel('Kiosk PIN').fill(client.pin);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { name: `Hello, ${client.name}` })).toBeVisible();
  if (withJs) await hydrated(page);
  return client;
}
