import AxeBuilder from '@axe-core/playwright';
import { expect, test as base, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserWorld } from './global-setup';
import { ServiceApi, type Account } from './service-api';
import { nextCode } from './totp';

interface WorkerFixtures {
  world: BrowserWorld;
  service: ServiceApi;
  /** One admin sign-in per worker (access tokens last 15 minutes). */
  adminToken: string;
}

interface Fixtures {
  /** CSP violations the page reported (the test fails on any). */
  cspViolations: string[];
}

export const test = base.extend<Fixtures, WorkerFixtures>({
  world: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const raw = process.env.CORRIDOR_BROWSER_WORLD;
      if (!raw) throw new Error('the browser global setup did not run');
      await use(JSON.parse(raw) as BrowserWorld);
    },
    { scope: 'worker' },
  ],
  service: [async ({ world }, use) => use(new ServiceApi(world.baseUrl)), { scope: 'worker' }],
  adminToken: [async ({ service, world }, use) => use(await service.login(world.admin)), { scope: 'worker' }],
  baseURL: async ({ world }, use) => use(world.baseUrl),
  cspViolations: async ({ page }, use) => {
    const violations: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
    });
    await use(violations);
    expect(violations, 'the page broke its Content-Security-Policy').toEqual([]);
  },
});

export { expect };

/** axe-core on the page as it is: no serious or critical violation. */
export async function expectAccessible(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
  expect(serious.map((violation) => `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(' ')).join(', ')})`)).toEqual([]);
}

/** With CORRIDOR_SCREENSHOTS=1, saves the page (fictional data only) for docs/console/. */
export async function screenshot(page: Page, name: string): Promise<void> {
  if (process.env.CORRIDOR_SCREENSHOTS !== '1') return;
  const dir = join(__dirname, '..', '..', '..', 'docs', 'console');
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: join(dir, `${name}.png`), fullPage: true });
}

/** Signs in through the form, as a person would. */
export async function signIn(page: Page, account: Account): Promise<void> {
  await page.goto('/sign-in');
  await page.getByLabel('Email').fill(account.email);
  await page.getByLabel(/^Password/).fill(account.password);
  await page.getByLabel('Authenticator code').fill(await nextCode(account.secret));
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { name: 'Today' })).toBeVisible();
}

/** Everything the browser keeps for the origin: storage, Cache Storage, IndexedDB, service workers. */
export async function browserStorage(page: Page): Promise<{ local: number; session: number; caches: string[]; databases: number; workers: number }> {
  return page.evaluate(async () => ({
    local: localStorage.length,
    session: sessionStorage.length,
    caches: await caches.keys(),
    databases: (await indexedDB.databases()).length,
    workers: (await navigator.serviceWorker.getRegistrations()).length,
  }));
}

/**
 * Opens a case the way a person does, inside the running page (a full navigation with page.goto
 * works too: the refresh cookie restores the session, at the cost of a refresh per load).
 */
export async function openCase(page: Page, reference: string): Promise<void> {
  await page.getByRole('link', { name: 'My caseload', exact: true }).click();
  await page.getByRole('link', { name: reference }).click();
  await expect(page).toHaveURL(new RegExp(`/cases/${reference}$`));
}
