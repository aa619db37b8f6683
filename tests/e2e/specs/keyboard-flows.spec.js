// Every task a person does, from the keyboard alone: Tab reaches each
// control (in the page's order), typing fills it, Enter or Space works it,
// and after an action the focus lands on the result, or on the first field
// that needs fixing. No mouse, no `fill`, no `click` in this file. With
// JavaScript, and again (RSVP, a song, a dish, a check-in) without it.
import { test, expect } from '@playwright/test';
import { CLIENTS, FLOOR, STAFF } from './accounts.js';
import { facilityDate, hydrated } from './pages.js';

const NOA = CLIENTS[2];

/// Presses Tab until `target` has the focus; fails if it never does.
async function tabTo(page, target, max = 150) {
  await target.waitFor();
  for (let i = 0; i < max; i += 1) {
    await page.keyboard.press('Tab');
    if (await target.evaluate((el) => el === document.activeElement)) return;
  }
  throw new Error(`Tab never reaches ${target}`);
}

async function typeInto(page, target, text) {
  await tabTo(page, target);
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type(text);
}

/// Chooses the option of a <select> that starts with `label` by typing
/// it, as a person does on a focused list.
async function choose(page, select, label) {
  await tabTo(page, select);
  await page.keyboard.type(label);
  const escaped = label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  await expect(select.locator('option:checked')).toHaveText(new RegExp(`^\\s*${escaped}`));
}

/// Picks a radio button as the keyboard does: Tab reaches the group (its
/// checked button), the arrow keys move the choice.
async function pickRadio(page, radio) {
  const name = await radio.getAttribute('name');
  await tabTo(page, page.locator(`input[type=radio][name="${name}"]:checked`));
  for (let i = 0; i < 6 && !(await radio.isChecked()); i += 1) await page.keyboard.press('ArrowDown');
  await expect(radio).toBeChecked();
}

async function press(page, target, key = 'Enter') {
  await tabTo(page, target);
  await page.keyboard.press(key);
}

async function signIn(page, login, password, name, withJs = true) {
  await page.goto('/sign-in');
  if (withJs) await hydrated(page);
  await typeInto(page, page.getByLabel('E-mail or sign-in name'), login);
  await typeInto(page, page.getByLabel('Password'), password);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('viewer-name')).toHaveText(name);
  if (withJs) await hydrated(page);
}

/// The page's one-time message: the result of the form just posted.
const flash = (page) => page.locator('#main > .flash');

/// What has the keyboard focus, for a failure message.
function focusedElement(page) {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el) return 'nothing';
    const text = (el.textContent || '').trim().replace(/\s+/g, ' ').slice(0, 40);
    return `<${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.className ? `.${el.className}` : ''}> "${text}"`;
  });
}

/// After an action, the focus is on `target` (the result, or the first
/// thing to fix). `soft` records a miss and goes on with the task, so one
/// run lists every place the focus is not where it should be.
async function expectFocus(page, target, what, { soft = false } = {}) {
  const focused = () => target.evaluate((el) => el === document.activeElement).catch(() => false);
  await expect.poll(focused, { timeout: soft ? 1_000 : 5_000 }).toBe(true).catch(() => {});
  const check = soft ? expect.soft : expect;
  check(await focused(), `${what}: the focus is on ${await focusedElement(page)}`).toBe(true);
}

/// The next Thursday at least three days ahead, as [YYYY-MM-DD, MMDDYYYY].
function nextThursday() {
  const d = new Date();
  d.setDate(d.getDate() + 3);
  while (d.getDay() !== 4) d.setDate(d.getDate() + 1);
  const mm = String(d.getMonth() + 1).padStart(2, '0');
  const dd = String(d.getDate()).padStart(2, '0');
  return [`${d.getFullYear()}-${mm}-${dd}`, `${mm}${dd}${d.getFullYear()}`];
}

test('a coordinator plans a series and cancels one date from the keyboard', async ({ page }) => {
  const title = `Keyboard karaoke ${Date.now()}`;
  const [, typedDate] = nextThursday();
  await signIn(page, STAFF.email, STAFF.password, STAFF.name);
  await page.goto('/events/new');
  await hydrated(page);

  // A mistake first: the focus goes to the field that needs fixing.
  await press(page, page.getByRole('button', { name: 'Create event' }));
  await expect(page.getByLabel('Title')).toBeFocused();

  await choose(page, page.getByLabel('Kind'), 'Karaoke');
  await typeInto(page, page.getByLabel('Title'), title);
  await tabTo(page, page.getByLabel('Starts – Date'));
  await page.keyboard.type(typedDate);
  await tabTo(page, page.getByLabel('Starts – Time'));
  await page.keyboard.type('0700P');
  await tabTo(page, page.getByLabel('Ends – Time'));
  await page.keyboard.type('0900P');
  await typeInto(page, page.getByLabel('Location', { exact: true }), 'Common room');
  await choose(page, page.getByLabel('Repeats'), 'Weekly');
  await press(page, page.getByLabel('Thu', { exact: true }), 'Space');
  await pickRadio(page, page.getByLabel('After'));
  await typeInto(page, page.getByLabel('Number of dates'), '3');
  await press(page, page.getByRole('button', { name: 'Create event' }));

  await expect(page.getByTestId('event-title')).toHaveText(title);
  await expect(page.getByRole('status')).toBeFocused();
  await expect(page.getByTestId('event-rule')).toHaveText('Every week on Thursday, 3 times');
  await expect(page.locator('.next-dates li')).toHaveCount(3);

  // Take the second date off the calendar.
  await press(page, page.locator('.next-dates li').nth(1).getByTestId('occurrence'));
  await expect(page.getByTestId('event-when')).toBeVisible();
  await hydrated(page);
  await press(page, page.locator('summary', { hasText: 'Take this date off the calendar' }));
  await press(page, page.getByRole('button', { name: 'Take this date off the calendar' }));
  await expect(page.getByRole('status')).toContainText('That date is off the calendar.');
  await expect(page.getByRole('status')).toBeFocused();
  await expect(page.locator('.next-dates li')).toHaveCount(2);

  // Cancel the first date: it stays listed, marked cancelled.
  await press(page, page.locator('.next-dates li').first().getByTestId('occurrence'));
  await expect(page.getByTestId('event-when')).toBeVisible();
  await hydrated(page);
  await press(page, page.getByRole('button', { name: 'Cancel this date' }));
  await expect(flash(page)).toHaveText('That date is cancelled.');
  await expectFocus(page, flash(page), 'after cancelling a date');
  await expect(page.locator('.cancelled-note')).toHaveText('This event is cancelled.');
  await expect(page.getByRole('button', { name: 'Put this date back on' })).toBeVisible();
  await press(page, page.getByRole('link', { name: title, exact: true }));
  await expect(page.getByTestId('event-rule')).toHaveText('Every week on Thursday, 3 times');
  await expect(page.locator('.next-dates li')).toHaveCount(2);
  await expect(page.locator('.next-dates li').first()).toContainText('Cancelled');
  await expect(page.locator('.next-dates li').nth(1)).not.toContainText('Cancelled');
});

test('a client signs in, RSVPs, adds a song and claims a dish from the keyboard', async ({ page, browser }) => {
  // A planner adds a dish slot to the winter potluck (keyboard too).
  const planning = await browser.newContext();
  const planner = await planning.newPage();
  await signIn(planner, STAFF.email, STAFF.password, STAFF.name);
  await planner.goto('/calendar?view=week&date=2027-01-23');
  await press(planner, planner.getByTestId('occurrence').filter({ hasText: 'Winter potluck' }).first());
  await expect(planner.getByTestId('event-title')).toHaveText('Winter potluck');
  await hydrated(planner);
  const slots = planner.getByTestId('what-to-bring');
  await press(planner, slots.getByText('Add a dish slot'));
  await choose(planner, slots.getByLabel('Category').last(), 'Side dish');
  await typeInto(planner, slots.getByLabel('How many').last(), '2');
  await press(planner, slots.getByRole('button', { name: 'Add', exact: true }));
  await expect(slots.getByTestId('slot').filter({ hasText: 'Side dish' })).toBeVisible();
  await planning.close();

  await signIn(page, NOA.login, NOA.password, NOA.name);

  // Movie night: the answer is saved in place; the focus stays on the
  // button and the panel's status says what happened.
  await page.goto(`/calendar?view=week&date=${facilityDate(50)}`);
  await press(page, page.getByTestId('occurrence').filter({ hasText: 'Movie night' }).first());
  await expect(page.getByTestId('event-title')).toHaveText('Movie night');
  await hydrated(page);
  const goingButton = page.getByRole('button', { name: 'Going', exact: true });
  await press(page, goingButton);
  await expect(page.getByTestId('rsvp-mine')).toHaveText("You're going.");
  await expect(page.locator('.rsvp-message')).toHaveText("You're on the list.");
  await expectFocus(page, goingButton, 'after an RSVP in place');

  // The karaoke night: going, then a song (an empty one first).
  await page.goto('/calendar?view=week&date=2027-01-05');
  await press(page, page.getByTestId('occurrence').filter({ hasText: 'Karaoke night' }).first());
  await expect(page.getByTestId('karaoke')).toBeVisible();
  await hydrated(page);
  await press(page, page.getByRole('button', { name: 'Going', exact: true }));
  await expect(page.getByTestId('rsvp-mine')).toHaveText("You're going.");
  await expect(flash(page)).toHaveText("You're on the list.");
  await expectFocus(page, flash(page), 'after an RSVP');
  await hydrated(page);
  await press(page, page.getByRole('button', { name: 'Add to the queue' }));
  await expectFocus(page, page.getByLabel('Song title'), 'after adding a song with no title');
  await typeInto(page, page.getByLabel('Song title'), 'Bésame mucho');
  await typeInto(page, page.getByLabel('Artist'), 'Consuelo Velázquez');
  await press(page, page.getByRole('button', { name: 'Add to the queue' }));
  await expect(page.getByTestId('karaoke').getByTestId('song').filter({ hasText: 'Bésame mucho' })).toBeVisible();
  await expect(flash(page)).toHaveText('The song is in the queue.');
  await expectFocus(page, flash(page), 'after adding a song');

  // The potluck: going, then a dish (one with alcohol first, refused).
  await page.goto('/calendar?view=week&date=2027-01-23');
  await press(page, page.getByTestId('occurrence').filter({ hasText: 'Winter potluck' }).first());
  await hydrated(page);
  await press(page, page.getByRole('button', { name: 'Going', exact: true }));
  const claim = page.getByTestId('claim-dish');
  await expect(claim).toBeVisible();
  await expect(flash(page)).toHaveText("You're on the list.");
  await expectFocus(page, flash(page), 'after an RSVP to the potluck');
  await hydrated(page);
  await choose(page, claim.getByLabel('What is needed'), 'Side dish (2 still needed)');
  await typeInto(page, claim.getByLabel("What you'll bring"), 'Rum cake');
  await press(page, claim.getByRole('button', { name: 'Sign up' }));
  await expect(page.getByText('Thank you for offering! Our house is alcohol-free')).toBeVisible();
  await expectFocus(page, claim.getByLabel("What you'll bring"), 'after a refused dish');
  await hydrated(page);
  await choose(page, claim.getByLabel('What is needed'), 'Side dish (2 still needed)');
  await typeInto(page, claim.getByLabel("What you'll bring"), 'Arroz con frijoles');
  await press(page, claim.getByRole('button', { name: 'Sign up' }));
  await expect(page.getByTestId('claim').filter({ hasText: 'Arroz con frijoles' })).toContainText('You');
  await expect(flash(page)).toHaveText("Thank you! You're signed up.");
  await expectFocus(page, flash(page), 'after claiming a dish');
});

test('floor staff check a client in from the keyboard', async ({ page }) => {
  await signIn(page, FLOOR.email, FLOOR.password, FLOOR.name);
  await page.goto(`/calendar?view=week&date=${facilityDate(2)}`);
  await press(page, page.getByTestId('occurrence').filter({ hasText: 'Art hour' }).first());
  await press(page, page.getByRole('link', { name: 'Roster and check-in' }));
  await hydrated(page);
  await typeInto(page, page.getByLabel('Name'), 'Noa');
  await page.keyboard.press('Enter');
  await press(page, page.getByRole('button', { name: `Going — ${NOA.name}` }));
  const row = page.getByTestId('roster-row').filter({ hasText: NOA.name });
  await expect(row).toContainText('Going');
  await expect(flash(page)).toHaveText('Answer saved.');
  await expectFocus(page, flash(page), 'after answering for a client');
  await hydrated(page);
  await choose(page, row.getByLabel(`Check-in — ${NOA.name}`), 'Attended');
  await press(page, row.getByRole('button', { name: 'Save' }));
  await expect(page.getByTestId('roster-row').filter({ hasText: NOA.name })).toContainText('✓ Attended');
  await expect(flash(page)).toHaveText('Attendance saved.');
  await expectFocus(page, flash(page), 'after a check-in');
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  // Every form posts and the server answers with the next page: the focus
  // belongs on its message, or on the first field to fix, all the same.
  test('RSVP, a song, a dish and a check-in from the keyboard, the focus on each result', async ({ page, browser }) => {
    test.setTimeout(90_000);
    const soft = { soft: true };

    // A planner adds a dessert slot to the winter potluck.
    const planning = await browser.newContext({ javaScriptEnabled: false });
    const planner = await planning.newPage();
    await signIn(planner, STAFF.email, STAFF.password, STAFF.name, false);
    await planner.goto('/calendar?view=week&date=2027-01-23');
    await press(planner, planner.getByTestId('occurrence').filter({ hasText: 'Winter potluck' }).first());
    const slots = planner.getByTestId('what-to-bring');
    await press(planner, slots.getByText('Add a dish slot'));
    await choose(planner, slots.getByLabel('Category').last(), 'Dessert');
    await typeInto(planner, slots.getByLabel('How many').last(), '1');
    await press(planner, slots.getByRole('button', { name: 'Add', exact: true }));
    await expect(slots.getByTestId('slot').filter({ has: planner.locator('.slot-category', { hasText: 'Dessert' }) }))
      .toBeVisible();
    await planning.close();

    await signIn(page, NOA.login, NOA.password, NOA.name, false);

    // A karaoke night no other test uses: going, then a song.
    await page.goto('/calendar?view=week&date=2027-01-12');
    await press(page, page.getByTestId('occurrence').filter({ hasText: 'Karaoke night' }).first());
    await expect(page.getByTestId('karaoke')).toBeVisible();
    await press(page, page.getByRole('button', { name: 'Going', exact: true }));
    await expect(page.getByTestId('rsvp-mine')).toHaveText("You're going.");
    await expect(flash(page)).toHaveText("You're on the list.");
    await expectFocus(page, flash(page), 'after an RSVP (no JavaScript)', soft);
    await press(page, page.getByRole('button', { name: 'Add to the queue' }));
    await expectFocus(page, page.getByLabel('Song title'), 'after adding a song with no title (no JavaScript)');
    await typeInto(page, page.getByLabel('Song title'), 'Cielito lindo');
    await typeInto(page, page.getByLabel('Artist'), 'Quirino Mendoza');
    await press(page, page.getByRole('button', { name: 'Add to the queue' }));
    await expect(page.getByTestId('karaoke').getByTestId('song').filter({ hasText: 'Cielito lindo' })).toBeVisible();
    await expect(flash(page)).toHaveText('The song is in the queue.');
    await expectFocus(page, flash(page), 'after adding a song (no JavaScript)', soft);

    // The potluck: going, then the dessert (one with alcohol first).
    await page.goto('/calendar?view=week&date=2027-01-23');
    await press(page, page.getByTestId('occurrence').filter({ hasText: 'Winter potluck' }).first());
    await press(page, page.getByRole('button', { name: 'Going', exact: true }));
    const claim = page.getByTestId('claim-dish');
    await expect(claim).toBeVisible();
    await choose(page, claim.getByLabel('What is needed'), 'Dessert (1 still needed)');
    await typeInto(page, claim.getByLabel("What you'll bring"), 'Rum cake');
    await press(page, claim.getByRole('button', { name: 'Sign up' }));
    await expect(page.getByText('Thank you for offering! Our house is alcohol-free')).toBeVisible();
    await expectFocus(page, claim.getByLabel("What you'll bring"), 'after a refused dish (no JavaScript)', soft);
    await choose(page, claim.getByLabel('What is needed'), 'Dessert (1 still needed)');
    await typeInto(page, claim.getByLabel("What you'll bring"), 'Flan');
    await press(page, claim.getByRole('button', { name: 'Sign up' }));
    await expect(page.getByTestId('claim').filter({ hasText: 'Flan' })).toContainText('You');
    await expect(flash(page)).toHaveText("Thank you! You're signed up.");
    await expectFocus(page, flash(page), 'after claiming a dish (no JavaScript)', soft);

    // Floor staff answer for the client and check them in.
    const floorContext = await browser.newContext({ javaScriptEnabled: false });
    const floor = await floorContext.newPage();
    await signIn(floor, FLOOR.email, FLOOR.password, FLOOR.name, false);
    await floor.goto(`/calendar?view=week&date=${facilityDate(2)}`);
    await press(floor, floor.getByTestId('occurrence').filter({ hasText: 'Art hour' }).first());
    await press(floor, floor.getByRole('link', { name: 'Roster and check-in' }));
    await typeInto(floor, floor.getByLabel('Name'), 'Noa');
    await floor.keyboard.press('Enter');
    await press(floor, floor.getByRole('button', { name: `Going — ${NOA.name}` }));
    await expect(flash(floor)).toHaveText('Answer saved.');
    await expectFocus(floor, flash(floor), 'after answering for a client (no JavaScript)', soft);
    const row = floor.getByTestId('roster-row').filter({ hasText: NOA.name });
    await choose(floor, row.getByLabel(`Check-in — ${NOA.name}`), 'Left early');
    await press(floor, row.getByRole('button', { name: /^(Save|Update)$/ }));
    await expect(floor.getByTestId('roster-row').filter({ hasText: NOA.name })).toContainText('✓ Left early');
    await expect(flash(floor)).toHaveText('Attendance saved.');
    await expectFocus(floor, flash(floor), 'after a check-in (no JavaScript)', soft);
    await floorContext.close();
  });
});
