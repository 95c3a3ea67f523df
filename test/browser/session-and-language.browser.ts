import { browserStorage, expect, expectAccessible, screenshot, signIn, test } from './support/fixtures';
import type { Account } from './support/service-api';
import { nextCode } from './support/totp';

interface SessionRow {
  id: string;
  current: boolean;
}

test.describe('Browser session and language', () => {
  test('a reload keeps the session (HttpOnly cookie); sign-out ends it on the server and a reload shows sign-in', async ({
    page,
    context,
    service,
    adminToken,
  }) => {
    const account = await service.staffAccount(adminToken, `reload.${Date.now()}@corridor.test`, ['caseworker']);
    await signIn(page, account);

    // The refresh token is in an HttpOnly, SameSite=Strict cookie scoped to the browser-session routes.
    const cookies = await context.cookies();
    const refresh = cookies.find((cookie) => cookie.name === 'corridor_refresh');
    expect(refresh).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/api/v1/auth/browser' });
    expect(await page.evaluate(() => document.cookie)).toBe('');

    await page.reload();
    await expect(page.getByRole('heading', { name: 'Today' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
    // A fresh navigation to a page behind sign-in works too.
    await page.goto('/cases');
    await expect(page.getByRole('heading', { name: 'My caseload' })).toBeVisible();
    // Nothing of the session in any browser storage.
    expect(await browserStorage(page)).toEqual({ local: 0, session: 0, caches: [], databases: 0, workers: 0 });

    const apiToken = await service.login(account);
    const before = await service.call<SessionRow[]>('GET', '/api/v1/me/sessions', undefined, apiToken);
    expect(before.filter((row) => !row.current)).toHaveLength(1);

    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
    // Ended on the server, and the cookie is gone.
    const after = await service.call<SessionRow[]>('GET', '/api/v1/me/sessions', undefined, apiToken);
    expect(after.filter((row) => !row.current)).toHaveLength(0);
    expect((await context.cookies()).some((cookie) => cookie.name === 'corridor_refresh')).toBe(false);

    await page.reload();
    await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
    await page.goto('/today');
    await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
    expect(await browserStorage(page)).toEqual({ local: 0, session: 0, caches: [], databases: 0, workers: 0 });
  });

  test('the preferred language from the profile applies on sign-in; the switcher saves it; dates and numbers follow it', async ({
    page,
    service,
    adminToken,
  }) => {
    const account: Account = await service.staffAccount(adminToken, `ru.${Date.now()}@corridor.test`, ['caseworker']);
    const token = await service.login(account);
    await service.call('PATCH', '/api/v1/me', { preferredLanguage: 'ru' }, token);

    // The browser asks for English (the tests' locale); the profile says Russian, and wins.
    await page.goto('/sign-in');
    await page.getByLabel('Email').fill(account.email);
    await page.getByLabel(/^Password/).fill(account.password);
    await page.getByLabel('Authenticator code').fill(await nextCode(account.secret));
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('heading', { name: 'Сегодня' })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'ru');
    await expect(page.getByRole('navigation')).toContainText('Мои дела');
    // Dates in Russian (month names and the year mark "г.").
    await expect(page.getByText(/Обновлено \d{1,2} [а-я]+\.? \d{4} г\./)).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Эскалации, ждущие подтверждения' })).toBeVisible();
    await expectAccessible(page);
    await screenshot(page, 'today-ru');

    // A reload keeps Russian (the profile is read again).
    await page.reload();
    await expect(page.getByRole('heading', { name: 'Сегодня' })).toBeVisible();

    // The switcher changes the console at once and saves the choice to the profile.
    await page.getByLabel('Язык').selectOption('en');
    await expect(page.getByRole('heading', { name: 'Today' })).toBeVisible();
    await expect(page.getByText(/Updated (?:[A-Z][a-z]{2} \d{1,2}, \d{4}|\d{1,2} [A-Z][a-z]{2} \d{4})/)).toBeVisible();
    await expect.poll(async () => (await service.call<{ preferredLanguage: string }>('GET', '/api/v1/me', undefined, token)).preferredLanguage).toBe('en');
  });
});
