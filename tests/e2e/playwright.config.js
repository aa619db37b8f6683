// Browser tests run Debian's Chromium (browser downloads are not possible
// here) against the release `hearth` binary, started by ./server.js on a
// fresh data directory.
import { defineConfig } from '@playwright/test';

const port = Number(process.env.HEARTH_E2E_PORT || 3917);
export const baseURL = `http://127.0.0.1:${port}`;

const chromium = {
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
};

export default defineConfig({
  testDir: './specs',
  outputDir: './test-results',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: true,
  timeout: 45_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  use: {
    baseURL,
    browserName: 'chromium',
    launchOptions: chromium,
    screenshot: 'only-on-failure',
    trace: 'off',
  },
  projects: [
    // The kiosk's countdown needs JavaScript (kiosk.spec.js); without it the
    // server's own expiry is what is checked (kiosk-no-js.spec.js); a
    // policy on scripts (csp.spec.js) needs scripts, and without them no
    // bundle is downloaded (first-load.spec.js).
    { name: 'with-js', use: { javaScriptEnabled: true }, testIgnore: /no-js/ },
    // Accessibility, printing and keyboard shortcuts are checked once, with
    // JavaScript (shortcuts need it; the links they stand for do not).
    { name: 'without-js', use: { javaScriptEnabled: false }, testIgnore: /accessibility|print|keyboard|csp|kiosk\.spec|first-load/ },
  ],
  webServer: {
    command: `node ./server.js ${port}`,
    url: `${baseURL}/readyz`,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
