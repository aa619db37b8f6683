// Every page is sent with a strict Content-Security-Policy whose nonce is
// the one on the page's own scripts; the page still hydrates, and the
// browser reports no refused script, style or connection.
import { test, expect } from '@playwright/test';
import { SignInPage, hydrated } from './pages.js';

test('pages hydrate under a strict Content-Security-Policy with a fresh nonce each time', async ({ page }) => {
  const refused = [];
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) refused.push(message.text());
  });
  await new SignInPage(page).signIn();
  const nonces = new Set();
  for (const path of ['/', '/calendar?view=week', '/subscribe', '/me/sessions']) {
    const answer = await page.goto(path);
    const policy = answer.headers()['content-security-policy'];
    expect(policy, path).toContain("frame-ancestors 'none'");
    const nonce = /script-src 'self' 'nonce-([^']+)' 'wasm-unsafe-eval'/.exec(policy)?.[1];
    expect(nonce, `${path}: ${policy}`).toBeTruthy();
    await expect(page.locator(`script[nonce]`).first()).toBeAttached();
    // The browser hides nonce attributes from the DOM; the property keeps it.
    const onPage = await page.locator('script[type="module"]').first().evaluate((s) => s.nonce);
    expect(onPage, path).toBe(nonce);
    nonces.add(nonce);
    await hydrated(page);
  }
  expect(nonces.size, 'a new nonce for every response').toBe(4);
  expect(refused).toEqual([]);
});
