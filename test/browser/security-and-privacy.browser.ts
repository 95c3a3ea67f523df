import type { Page } from '@playwright/test';
import { browserStorage, expect, expectAccessible, openCase, screenshot, signIn, test } from './support/fixtures';
import { fictionalIntake, type Account } from './support/service-api';
import { nextCode } from './support/totp';

const STRICT_CSP = [`script-src 'self'`, `style-src 'self'`, `default-src 'none'`, `frame-ancestors 'none'`];

/** Nothing of the case left: not in the page, not in storage, not in caches. */
async function expectNoTraceOf(page: Page, secrets: string[]): Promise<void> {
  const html = await page.content();
  for (const secret of secrets) expect(html).not.toContain(secret);
  expect(await browserStorage(page)).toEqual({ local: 0, session: 0, caches: [], databases: 0, workers: 0 });
}

test.describe('Security and privacy of the console', () => {
  let account: Account;
  let reference: string;
  const givenName = 'Tamriko';
  const familyName = 'Beridze-Testova';

  test.beforeAll(async ({ service, adminToken }) => {
    account = await service.staffAccount(adminToken, `nino.${Date.now()}@corridor.test`, ['caseworker']);
    const token = await service.login(account);
    ({ reference } = await service.call<{ reference: string }>('POST', '/api/v1/cases', fictionalIntake(givenName, familyName), token));
  });

  test('pages carry the strict CSP and no-store; API answers are never cached', async ({ page, request, cspViolations }) => {
    for (const path of ['/', '/sign-in', '/cases/AB-0000']) {
      const response = await request.get(path, { headers: { accept: 'text/html' } });
      expect(response.status()).toBe(200);
      const csp = response.headers()['content-security-policy'] ?? '';
      for (const directive of STRICT_CSP) expect(csp).toContain(directive);
      expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|https?:/);
      expect(response.headers()['cache-control']).toBe('no-store');
    }
    const apiAnswers: Array<{ url: string; cacheControl: string | undefined }> = [];
    page.on('response', (response) => {
      if (new URL(response.url()).pathname.startsWith('/api/')) apiAnswers.push({ url: response.url(), cacheControl: response.headers()['cache-control'] });
    });
    await signIn(page, account);
    await page.getByRole('link', { name: 'My caseload', exact: true }).click();
    await expect(page.getByRole('link', { name: reference })).toBeVisible();
    await expectAccessible(page);
    expect(apiAnswers.length).toBeGreaterThan(0);
    for (const answer of apiAnswers) expect(answer.cacheControl).toBe('no-store');
    // Scripts and styles are files of our own origin; nothing is loaded from elsewhere.
    const origins = await page.evaluate(() => performance.getEntriesByType('resource').map((entry) => new URL(entry.name).origin));
    expect(new Set(origins)).toEqual(new Set([new URL(page.url()).origin]));
    expect(cspViolations).toEqual([]);
  });

  test('after sign-out no case data remains in the page, storage or caches', async ({ page }) => {
    await signIn(page, account);
    await openCase(page, reference);
    await expect(page.getByRole('heading', { name: `${givenName} ${familyName}` })).toBeVisible();
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
    await expectNoTraceOf(page, [givenName, familyName, reference]);
    // Back does not bring it back: the session is gone from memory.
    await page.goBack();
    await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
    await expectNoTraceOf(page, [givenName, familyName, reference]);
  });

  test('the idle lock hides everything until the user signs in again, then returns to the same page', async ({ page }) => {
    await page.clock.install();
    await signIn(page, account);
    await openCase(page, reference);
    await expect(page.getByRole('heading', { name: `${givenName} ${familyName}` })).toBeVisible();
    // CONSOLE_IDLE_LOCK_SECONDS is 300 for these tests; the page's clock jumps past it.
    await page.clock.fastForward('05:05');
    await expect(page.getByRole('heading', { name: 'Locked' })).toBeVisible();
    await expectNoTraceOf(page, [givenName, familyName, reference]);
    await expectAccessible(page);
    await screenshot(page, 'idle-lock');
    await page.getByLabel(/^Password/).fill(account.password);
    await page.getByLabel('Authenticator code').fill(await nextCode(account.secret));
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('heading', { name: `${givenName} ${familyName}` })).toBeVisible();
    await expect(page).toHaveURL(new RegExp(`/cases/${reference}$`));
  });

  test('Escape twice replaces the screen with a neutral page at once and ends the session', async ({ page }) => {
    await signIn(page, account);
    await openCase(page, reference);
    await expect(page.getByRole('heading', { name: `${givenName} ${familyName}` })).toBeVisible();
    await page.keyboard.press('Escape');
    await page.keyboard.press('Escape');
    await expect(page.getByRole('heading', { name: 'Good morning' })).toBeVisible();
    await expect(page).toHaveTitle('New tab');
    await expectNoTraceOf(page, [givenName, familyName, reference]);
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect(page.getByRole('heading', { name: 'Locked' })).toBeVisible();
  });
});
