import type { Route } from '@playwright/test';
import { expect, expectAccessible, screenshot, signIn, test } from './support/fixtures';
import { fictionalIntake, type Account } from './support/service-api';
import { nextCode } from './support/totp';

const problem = (route: Route, status: number, body: Record<string, unknown>, headers: Record<string, string> = {}) =>
  route.fulfill({ status, contentType: 'application/problem+json', headers, body: JSON.stringify({ status, ...body }) });

interface SessionRow {
  id: string;
  current: boolean;
}

test.describe('Error states', () => {
  let account: Account;
  let token: string;
  let reference: string;

  test.beforeAll(async ({ service, adminToken }) => {
    account = await service.staffAccount(adminToken, `errors.${Date.now()}@corridor.test`, ['caseworker']);
    token = await service.login(account);
    ({ reference } = await service.call<{ reference: string }>('POST', '/api/v1/cases', fictionalIntake('Gunel', 'Testova-Aliyeva'), token));
    await service.call('POST', `/api/v1/cases/${reference}/escalations`, { level: 1 }, token);
  });

  test('a field error of the server is shown next to the field its JSON pointer names', async ({ page }) => {
    await signIn(page, account);
    await page.getByRole('link', { name: 'My profile' }).click();
    const field = page.getByLabel(/^Display name/);
    await field.fill('Leyla <3');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect(field).toHaveAttribute('aria-invalid', 'true');
    await expect(field).toHaveAccessibleDescription(/letters, spaces and name punctuation/);
    // Nothing about it said elsewhere: the field carries it.
    await expect(page.locator('[data-problem]')).toHaveCount(0);
    await expectAccessible(page);
    await screenshot(page, 'error-field');
  });

  test('a session ended on the server asks for the password in place and keeps the half-filled form', async ({ page, service }) => {
    await signIn(page, account);
    await page.getByRole('link', { name: 'My profile' }).click();
    const field = page.getByLabel(/^Display name/);
    await field.fill('Leyla Testova');

    // Someone ends the browser's session (another device, an admin): its token and cookie die.
    const apiToken = await service.login(account);
    for (const row of await service.call<SessionRow[]>('GET', '/api/v1/me/sessions', undefined, apiToken)) {
      if (!row.current) await service.call('DELETE', `/api/v1/me/sessions/${row.id}`, undefined, apiToken);
    }

    await page.getByRole('button', { name: 'Save' }).click();
    const dialog = page.getByRole('dialog', { name: 'Your session has ended' });
    await expect(dialog).toBeVisible();
    await expectAccessible(page);
    await screenshot(page, 'error-session-ended');
    await dialog.getByLabel(/^Password/).fill(account.password);
    await dialog.getByLabel('Authenticator code').fill(await nextCode(account.secret));
    await dialog.getByRole('button', { name: 'Sign in' }).click();
    await expect(dialog).toBeHidden();
    // The waiting request went through with the new session; what was typed is still there.
    await expect(page.getByRole('status')).toHaveText('Saved.');
    await expect(field).toHaveValue('Leyla Testova');
    const me = await service.call<{ displayName: string }>('GET', '/api/v1/me', undefined, apiToken);
    expect(me.displayName).toBe('Leyla Testova');
  });

  test('403, 404, 429 and network loss each have a clear state', async ({ page }) => {
    await signIn(page, account);
    const tasks = '**/api/v1/me/tasks';

    await page.route(tasks, (route) => problem(route, 403, { type: 'urn:corridor:problem:forbidden', title: 'Forbidden' }));
    await page.reload();
    await expect(page.locator('[data-problem="forbidden"]')).toContainText('Your role does not allow this');
    await expectAccessible(page);
    await page.unroute(tasks);

    await page.route(tasks, (route) => problem(route, 404, { type: 'urn:corridor:problem:not-found', title: 'Not found' }));
    await page.reload();
    await expect(page.locator('[data-problem="not-found"]')).toContainText('not yours to see');
    await page.unroute(tasks);

    await page.route(tasks, (route) => problem(route, 429, { type: 'urn:corridor:problem:rate-limited', title: 'Too many requests' }, { 'retry-after': '3' }));
    await page.reload();
    const limited = page.locator('[data-problem="rate-limited"]');
    await expect(limited).toContainText(/Try again in [123] seconds?/);
    await expectAccessible(page);
    await screenshot(page, 'error-rate-limited');
    await expect(limited).toContainText('You can try again now', { timeout: 6_000 });
    await page.unroute(tasks);
    await limited.getByRole('button', { name: 'Try again' }).click();
    await expect(page.locator('section[data-section="escalations"]')).toContainText(reference);

    // The network goes: a banner for the whole console, and the page says what failed.
    await page.route(tasks, (route) => route.abort('internetdisconnected'));
    await page.reload();
    await expect(page.locator('[data-problem="offline"]')).toBeVisible();
    const lost = page.locator('main [data-problem="network"]');
    await expect(lost).toContainText('The connection failed');
    await expectAccessible(page);
    await screenshot(page, 'error-network');
    // It comes back: "Try again" fetches, and the banner goes with the first answer.
    await page.unroute(tasks);
    await lost.getByRole('button', { name: 'Try again' }).click();
    await expect(page.locator('section[data-section="escalations"]')).toContainText(reference);
    await expect(page.locator('[data-problem="offline"]')).toHaveCount(0);
    await page.unrouteAll();
  });

  test('409 lists the unmet guards; an unknown address has its own page', async ({ page }) => {
    await signIn(page, account);
    await page.route('**/api/v1/escalations/*/acknowledgement', (route) =>
      problem(route, 409, {
        type: 'urn:corridor:problem:stage-transition-refused',
        title: 'Conflict',
        detail: 'The case cannot move from INTAKE to TRIAGED: a triage is needed.',
        guard: 'triage-required',
        unmet: [
          { guard: 'triage-required', description: 'The case must be triaged first', detail: 'no triage recorded' },
          { guard: 'consent-required', description: 'Consent to services is needed', detail: 'consent.services is false' },
        ],
      }),
    );
    const row = page.locator('section[data-section="escalations"] tr', { hasText: reference });
    await row.getByRole('button', { name: 'Acknowledge' }).click();
    const conflict = page.locator('[data-problem="conflict"]');
    await expect(conflict).toContainText('Still missing:');
    await expect(conflict.getByRole('listitem')).toHaveText([
      'The case must be triaged first: no triage recorded',
      'Consent to services is needed: consent.services is false',
    ]);
    await expectAccessible(page);
    await screenshot(page, 'error-conflict');

    await page.goto('/no-such-page');
    await expect(page.getByRole('heading', { name: 'Not found' })).toBeVisible();
    await expectAccessible(page);
  });
});
