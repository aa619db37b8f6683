// A planner adds dish slots; a client who is going signs up to bring a
// dish with its allergens, sees it listed and "still needed" drop, and is
// kindly told no when the dish contains alcohol. Then the printed sheet.
import { test, expect } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { CLIENTS, STAFF } from './accounts.js';
import { facilityDate, hydrated } from './pages.js';

async function signIn(page, login, password, name) {
  await page.goto('/sign-in');
  await page.getByLabel('E-mail or sign-in name').fill(login);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('viewer-name')).toHaveText(name);
}

/// Opens the potluck's occurrence page from the week view.
async function openPotluck(page, title, hoursAhead) {
  const date = facilityDate(hoursAhead);
  await page.goto(`/calendar?view=week&date=${date}`);
  await page.getByTestId('occurrence').filter({ hasText: title }).first().click();
  await expect(page.getByTestId('event-title')).toHaveText(title);
}

/// axe-core finds nothing in the sign-up parts of the page as it is now.
async function expectAccessible(page, what) {
  const results = await new AxeBuilder({ page })
    .include('[data-testid=what-to-bring]')
    .include('[data-testid=volunteer-tasks]')
    .include('[data-testid=signup-sheet]')
    .analyze();
  expect(results.violations, what).toEqual([]);
}

/// The slot of a category (not the category lists of its edit form).
function slotCalled(section, category) {
  return section.getByTestId('slot').filter({ has: section.page().locator('.slot-category', { hasText: category }) });
}

test('a client going to a potluck signs up to bring a dish', async ({ browser }, info) => {
  const withJs = info.project.name === 'with-js';
  const title = `Harvest potluck ${info.project.name}`;
  const hoursAhead = withJs ? 74 : 98;
  const client = withJs ? CLIENTS[0] : CLIENTS[1];
  const options = { javaScriptEnabled: withJs, baseURL: info.project.use.baseURL };

  // The planner adds two slots.
  const staffContext = await browser.newContext(options);
  const planner = await staffContext.newPage();
  await signIn(planner, STAFF.email, STAFF.password, STAFF.name);
  await openPotluck(planner, title, hoursAhead);
  const plannerSection = planner.getByTestId('what-to-bring');
  await expect(plannerSection).toContainText('Nothing to sign up for yet.');
  if (withJs) await hydrated(planner);
  const slots = [['Main dish', '2', 'Feeds eight', 2], ['Dessert', '1', '', 3]];
  for (const [category, quantity, notes, needed] of slots) {
    const categoryField = plannerSection.getByLabel('Category').last();
    await expect(async () => {
      if (!(await categoryField.isVisible())) await plannerSection.getByText('Add a dish slot').click();
      await expect(categoryField).toBeVisible({ timeout: 1000 });
    }).toPass();
    await categoryField.selectOption({ label: category });
    await plannerSection.getByLabel('How many').last().fill(quantity);
    await plannerSection.getByLabel('Notes').last().fill(notes);
    await plannerSection.getByRole('button', { name: 'Add', exact: true }).click();
    await expect(slotCalled(plannerSection, category)).toBeVisible();
    await expect(plannerSection.getByTestId('still-needed')).toHaveText(`Still needed: ${needed} more.`);
  }
  if (withJs) await expectAccessible(planner, 'the occurrence page for a planner');

  // The client answers "going", then signs up.
  const clientContext = await browser.newContext(options);
  const page = await clientContext.newPage();
  await signIn(page, client.login, client.password, client.name);
  await openPotluck(page, title, hoursAhead);
  const section = page.getByTestId('what-to-bring');
  await expect(section.getByTestId('rsvp-first')).toBeVisible();
  if (withJs) await hydrated(page);
  await page.getByRole('button', { name: 'Going', exact: true }).click();
  const form = section.getByTestId('claim-dish');
  await expect(form).toBeVisible();
  await expect(section.getByTestId('headcount')).toContainText('Headcount for planning: 1 (1 going');

  // Alcohol, even cooked off, is refused kindly; what was typed stays.
  await form.getByLabel('What is needed').selectOption({ label: 'Dessert (1 still needed)' });
  await form.getByLabel("What you'll bring").fill('Rum cake');
  await form.getByRole('button', { name: 'Sign up' }).click();
  await expect(page.getByText('Thank you for offering! Our house is alcohol-free')).toBeVisible();
  await expect(page.getByTestId('claim-dish').getByLabel("What you'll bring")).toHaveValue('Rum cake');

  // A dish without alcohol, with its allergens.
  const again = page.getByTestId('claim-dish');
  await again.getByLabel('What is needed').selectOption({ label: 'Dessert (1 still needed)' });
  await again.getByLabel("What you'll bring").fill('Apple crumble');
  await again.getByLabel('Gluten').check();
  await again.getByLabel('Dairy').check();
  await again.getByRole('button', { name: 'Sign up' }).click();
  const claim = section.getByTestId('claim').filter({ hasText: 'Apple crumble' });
  await expect(claim).toContainText('You');
  await expect(claim).toContainText('Gluten');
  await expect(claim).toContainText('Dairy');
  await expect(section.getByTestId('still-needed')).toHaveText('Still needed: 2 more.');
  await expect(slotCalled(section, 'Dessert')).toContainText('All taken');
  await section.screenshot({ path: `test-results/potluck-section-${info.project.name}.png` });
  if (withJs) await expectAccessible(page, 'the occurrence page with the claim form');

  // Staff print the sheet: names, the dish, its allergens, blank lines.
  await planner.goto(planner.url().replace(/\/?$/, '/signups'));
  const sheet = planner.getByTestId('signup-sheet');
  await expect(sheet).toContainText(client.name);
  await expect(sheet).toContainText('Apple crumble');
  await expect(sheet).toContainText('Gluten, Dairy');
  await expect(sheet.locator('tr.blank')).toHaveCount(2);
  if (withJs) await expectAccessible(planner, 'the sign-up sheet');
  if (withJs) {
    await planner.emulateMedia({ media: 'print' });
    await planner.screenshot({ path: 'test-results/potluck-sheet-print.png', fullPage: true });
    await planner.pdf({ path: 'test-results/potluck-sheet.pdf', format: 'Letter' });
  }
  await staffContext.close();
  await clientContext.close();
});
