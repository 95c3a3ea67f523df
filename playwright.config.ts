import { defineConfig } from '@playwright/test';

/**
 * Browser tests of the staff console: Debian's Chromium (/usr/bin/chromium; Playwright's own
 * browser download is not reachable here) against the real service started by the global setup
 * (`node dist/src/main.js` with every role, its own database and Redis prefix). `.ci/run` sets
 * PLAYWRIGHT_JSON_OUTPUT_FILE to count the results with Jest's.
 */
const jsonOutput = process.env.PLAYWRIGHT_JSON_OUTPUT_FILE;

export default defineConfig({
  testDir: 'test/browser',
  testMatch: '**/*.browser.ts',
  globalSetup: './test/browser/support/global-setup.ts',
  // One service, one browser at a time: the machine has two cores shared with Jest.
  workers: 1,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 90_000,
  expect: { timeout: 15_000 },
  reporter: jsonOutput ? [['list'], ['json', { outputFile: jsonOutput }]] : [['list']],
  outputDir: 'test-results',
  use: {
    browserName: 'chromium',
    headless: true,
    locale: 'en-GB',
    timezoneId: 'UTC',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
    screenshot: 'off',
    trace: 'off',
  },
});
