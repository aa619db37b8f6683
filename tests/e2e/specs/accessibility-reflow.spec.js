// The layout holds on a 320-pixel-wide phone (WCAG 1.4.10 Reflow), which
// is also what a 1280-pixel window shows at 400 % zoom (and 640 pixels at
// 200 %): no page scrolls sideways.
import { test, expect } from '@playwright/test';
import { STAFF } from './accounts.js';
import { hydrated, signInByFieldNames as signIn } from './pages.js';

/// How far the page reaches past the window's right edge, in CSS pixels.
async function overflow(page, path) {
  await page.goto(path);
  await hydrated(page);
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

for (const width of [320, 640]) {
  test.describe(`${width} pixels wide`, () => {
    test.use({ viewport: { width, height: 720 } });

    test('no page scrolls sideways', async ({ page }) => {
      test.setTimeout(120_000);
      const wide = {};
      for (const path of ['/', '/sign-in', '/kiosk']) {
        const extra = await overflow(page, path);
        if (extra > 0) wide[path] = extra;
      }
      await signIn(page, STAFF.email, STAFF.password);
      await page.goto('/calendar?view=agenda');
      await page.getByTestId('occurrence').filter({ hasText: 'Movie night' }).first().click();
      const occurrence = new URL(page.url()).pathname;
      for (const path of ['/calendar?view=agenda', '/calendar?view=week', '/calendar?view=month',
        '/events/new', occurrence, `${occurrence}/roster`, '/people', '/people/new', '/me', '/subscribe',
        '/settings', '/reports', '/today', '/calendar?view=agenda&lang=es', '/events/new?lang=es']) {
        const extra = await overflow(page, path);
        if (extra > 0) wide[path] = extra;
      }
      expect(wide, 'pages wider than the window (pixels too wide)').toEqual({});
    });
  });
}
