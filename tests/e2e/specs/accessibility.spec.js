// axe-core (WCAG 2.2 A and AA rules) on every page a visitor, a client,
// staff and an administrator reach, in English and in Spanish (the
// browser's language picks it); each page also says which language it is
// in (`<html lang>`). Pages that show data are checked with data on them
// (dataRichPages): RSVPs, songs, a van, a meeting's panel, a dish slot and
// a claim.
import { test, expect } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { ADMIN, CLIENTS, FLOOR, STAFF } from './accounts.js';
import { EventForm, hydrated, signInByFieldNames as signIn } from './pages.js';

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const LANGUAGES = [['en', 'en-US'], ['es', 'es-MX']];

/// The client whose pages are checked (the kiosk's too).
const CLIENT = CLIENTS[1];

async function expectNoViolations(page, path, lang) {
  await page.goto(path);
  await hydrated(page);
  await expect(page.locator('html')).toHaveAttribute('lang', lang);
  const results = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  const found = results.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    nodes: v.nodes.map((n) => n.target.join(' ')).slice(0, 5),
  }));
  // Soft: one run lists every page with a violation, not just the first.
  expect.soft(found, `${path} (${lang})`).toEqual([]);
}

/// The path of the first occurrence titled `title` in the agenda (dates
/// of the seeded January 2027 or the coming days).
async function occurrencePath(page, title, date) {
  await page.goto(`/calendar?view=agenda${date ? `&date=${date}` : ''}`);
  await page.getByTestId('occurrence').filter({ hasText: title }).first().click();
  await expect(page.getByTestId('event-title')).toHaveText(title);
  return new URL(page.url()).pathname;
}

const seriesPath = (occurrence) => occurrence.replace(/\/occurrences\/.*/, '');

/// Answers "going" on the occurrence page open in `page`, unless already.
async function going(page) {
  await hydrated(page);
  if ((await page.getByTestId('rsvp-mine').textContent()) === "You're going.") return;
  await page.getByRole('button', { name: 'Going', exact: true }).click();
  await expect(page.getByTestId('rsvp-mine')).toHaveText("You're going.");
}

/// Puts a song on the karaoke queue of the page open in `page`, unless there.
async function song(page, title, artist) {
  const queued = page.getByTestId('karaoke').getByTestId('song').filter({ hasText: title });
  if ((await queued.count()) > 0) return;
  await hydrated(page);
  await page.getByLabel('Song title').fill(title);
  await page.getByLabel('Artist').fill(artist);
  await page.getByRole('button', { name: 'Add to the queue' }).click();
  await expect(queued).toBeVisible();
}

const POTLUCK = { title: 'Accessibility potluck', date: '2027-02-20' };

/// Pages with data on them, set up once per worker (and again, harmlessly,
/// after a restart) in English by staff and a client: a karaoke night no
/// other test uses (RSVPs, a song each); the museum trip with a van and
/// riders (as accessibility-reflow.spec.js sets it up); the Sunday meeting
/// with its outside panel; a potluck of its own with a dish slot and a
/// claim. Returns their paths.
let rich;
async function dataRichPages(browser) {
  if (rich) return rich;
  const staffContext = await browser.newContext({ locale: 'en-US' });
  const staff = await staffContext.newPage();
  await signIn(staff, STAFF.email, STAFF.password);

  const karaoke = await occurrencePath(staff, 'Karaoke night', '2027-01-08');
  await going(staff);
  await song(staff, 'Dancing in the Moonlight', 'King Harvest');

  const trip = await occurrencePath(staff, 'Museum trip', '2027-01-16');
  await hydrated(staff);
  if ((await staff.getByTestId('transport').count()) === 0) {
    await staff.getByTestId('logistics-editor').locator('summary').click();
    const form = staff.getByTestId('transport-form');
    await form.getByLabel('Passenger seats').fill('6');
    await form.getByLabel('Driver').selectOption({ label: FLOOR.name });
    await form.getByLabel('Leaves').fill('12:30');
    await form.getByLabel('Back by').fill('16:30');
    await form.getByLabel('Pick-up point').fill('Front entrance');
    await form.getByRole('button', { name: 'Save transport' }).click();
    await expect(staff.getByTestId('transport')).toContainText('By van: 6 seats');
  }

  const meeting = await occurrencePath(staff, 'Sunday NA meeting', '2027-01-03');
  if ((await staff.getByTestId('panel-group').count()) === 0) {
    await staff.goto(seriesPath(meeting));
    await hydrated(staff);
    const panel = staff.getByTestId('meeting-panel');
    await panel.getByText('Set the outside panel').click();
    await panel.getByLabel('Group').fill('Hope Group of NA');
    await panel.getByLabel('Panel members').fill('Mike R.\nAna\nMary-Ann');
    await panel.getByLabel('Phone').fill('555-0142');
    await panel.getByLabel('E-mail').fill('hope.group@example.org');
    await panel.getByLabel('Notes for coordinating').fill('Call the week before.');
    await panel.getByRole('button', { name: 'Save panel' }).click();
    await expect(staff.getByTestId('panel-members')).toHaveText('Mike R., Ana, Mary-Ann');
  }

  await staff.goto(`/calendar?view=agenda&date=${POTLUCK.date}`);
  if ((await staff.getByTestId('occurrence').filter({ hasText: POTLUCK.title }).count()) === 0) {
    const form = new EventForm(staff);
    await form.open();
    await form.fill({ kind: 'potluck', title: POTLUCK.title, date: POTLUCK.date, start: '17:00', end: '19:00',
      location: 'Dining hall' });
    await form.submit();
    await expect(staff.getByTestId('event-title')).toHaveText(POTLUCK.title);
  }
  const potluck = await occurrencePath(staff, POTLUCK.title, POTLUCK.date);
  const slots = staff.getByTestId('what-to-bring');
  if ((await slots.getByTestId('slot').count()) === 0) {
    await hydrated(staff);
    await slots.getByText('Add a dish slot').click();
    await slots.getByLabel('Category').last().selectOption({ label: 'Main dish' });
    await slots.getByLabel('How many').last().fill('2');
    await slots.getByRole('button', { name: 'Add', exact: true }).click();
    await expect(slots.getByTestId('slot')).toHaveCount(1);
  }
  await staffContext.close();

  // The client: going to each, a song, a dish.
  const clientContext = await browser.newContext({ locale: 'en-US' });
  const client = await clientContext.newPage();
  await signIn(client, CLIENT.login, CLIENT.password);
  await client.goto(karaoke);
  await going(client);
  await song(client, 'Dreams', 'Fleetwood Mac');
  await client.goto(trip);
  await going(client);
  await client.goto(potluck);
  await going(client);
  const claims = client.getByTestId('what-to-bring').getByTestId('claim').filter({ hasText: 'Tamales' });
  if ((await claims.count()) === 0) {
    const form = client.getByTestId('claim-dish');
    await form.getByLabel('What is needed').selectOption({ label: 'Main dish (2 still needed)' });
    await form.getByLabel("What you'll bring").fill('Tamales');
    await form.getByLabel('Dairy').check();
    await form.getByRole('button', { name: 'Sign up' }).click();
    await expect(claims).toContainText('You');
  }
  await clientContext.close();

  rich = { karaoke, trip, meeting, potluck };
  return rich;
}

for (const [lang, locale] of LANGUAGES) {
  test.describe(`in ${lang}`, () => {
    test.use({ locale });

    test('pages for visitors have no accessibility violations', async ({ page }) => {
      for (const path of ['/', '/sign-in', '/kiosk', '/subscribe', `/subscribe/poster?lang=${lang}`,
        '/no/such/page']) {
        await expectNoViolations(page, path, lang);
      }
    });

    test('kiosk screens have no accessibility violations', async ({ page }) => {
      // Floor staff enroll the tablet (the form), a client signs in with
      // the PIN (the form) and sees their page, then an event's page with
      // the countdown to sign-out.
      await signIn(page, FLOOR.email, FLOOR.password);
      await expectNoViolations(page, '/kiosk', lang);
      await page.locator('#kiosk-name').press('Enter');
      await expect(page.getByTestId('kiosk')).toBeVisible();
      await expectNoViolations(page, '/kiosk', lang);
      await page.locator('#person_id').selectOption({ label: CLIENT.name });
      await page.locator('#pin').fill(CLIENT.pin);
      await page.locator('#pin').press('Enter');
      await expect(page.getByTestId('kiosk-home')).toBeVisible();
      await expectNoViolations(page, '/kiosk/home', lang);
      await page.getByTestId('occurrence').first().click();
      await expect(page.getByTestId('kiosk-countdown')).toBeVisible();
      await expectNoViolations(page, new URL(page.url()).pathname, lang);
    });

    test('pages for staff have no accessibility violations', async ({ page, browser }) => {
      test.setTimeout(180_000);
      const { karaoke, trip, meeting, potluck } = await dataRichPages(browser);
      await signIn(page, STAFF.email, STAFF.password);
      for (const path of ['/', '/calendar?view=agenda', '/calendar?view=week', '/calendar?view=month',
        // Printouts are in the facility's language unless the link asks.
        `/calendar/print?lang=${lang}`, '/today', '/events/new', '/events/import', '/templates', '/me', '/me/calendar',
        '/me/sessions', '/me/password', '/subscribe', `/subscribe/poster?lang=${lang}`, '/people', '/people/new',
        '/reports', '/no/such/page']) {
        await expectNoViolations(page, path, lang);
      }
      const art = await occurrencePath(page, 'Art hour');
      for (const path of [art, `${art}/roster`, `${art}/edit`]) await expectNoViolations(page, path, lang);
      // With data: songs with the controls that run the night, people on
      // the roster, a van and its riders, a panel with its contact (and
      // its form on the series' page), a dish slot with a claim.
      for (const path of [karaoke, `${karaoke}/karaoke`, `${karaoke}/roster`, seriesPath(karaoke),
        `${seriesPath(karaoke)}/edit`, trip, `${trip}/manifest`, meeting, seriesPath(meeting), potluck,
        `${potluck}/signups`]) {
        await expectNoViolations(page, path, lang);
      }
      await page.goto('/people');
      await page.getByRole('link', { name: CLIENTS[0].name }).first().click();
      const person = new URL(page.url()).pathname;
      for (const path of [person, `${person}/calendar`]) await expectNoViolations(page, path, lang);
    });

    test('pages for an administrator have no accessibility violations', async ({ page }) => {
      await signIn(page, ADMIN.email, ADMIN.password);
      for (const path of ['/settings', '/audit']) await expectNoViolations(page, path, lang);
    });

    test('pages for a client have no accessibility violations', async ({ page, browser }) => {
      test.setTimeout(120_000);
      const { karaoke, trip, meeting, potluck } = await dataRichPages(browser);
      await signIn(page, CLIENT.login, CLIENT.password);
      for (const path of ['/', '/me', '/me/calendar', '/calendar?view=week', '/today', '/subscribe',
        // Their own RSVPs and song, the van they ride, the panel's first
        // names, their dish with the form for another.
        karaoke, `${karaoke}/karaoke`, trip, meeting, potluck,
        // A staff page: 403.
        '/people']) {
        await expectNoViolations(page, path, lang);
      }
      await expectNoViolations(page, await occurrencePath(page, 'Movie night'), lang);
    });
  });
}

test('the public board has no accessibility violations, in both languages', async ({ browser }) => {
  // An administrator shows the board to visitors for the check, then hides
  // it again (it is off by default).
  const adminContext = await browser.newContext({ locale: 'en-US' });
  const admin = await adminContext.newPage();
  await signIn(admin, ADMIN.email, ADMIN.password);
  const setPublic = async (on) => {
    await admin.goto('/settings');
    await admin.getByLabel("Show today's board without signing in").setChecked(on);
    await admin.getByRole('button', { name: 'Save settings' }).click();
    await expect(admin.getByText('Settings saved.')).toBeVisible();
  };
  await setPublic(true);
  try {
    for (const [lang, locale] of LANGUAGES) {
      const visitorContext = await browser.newContext({ locale });
      const visitor = await visitorContext.newPage();
      await expectNoViolations(visitor, '/today', lang);
      await expect(visitor).toHaveURL(/\/today$/);
      await expect(visitor.getByTestId('board')).toBeVisible();
      await visitorContext.close();
    }
  } finally {
    await setPublic(false);
    await adminContext.close();
  }
});
