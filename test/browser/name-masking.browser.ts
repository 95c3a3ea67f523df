import { browserStorage, expect, expectAccessible, openCase, signIn, test } from './support/fixtures';
import { fictionalIntake, type Account } from './support/service-api';

/** Names masked in lists until a row is revealed: my own setting, kept on the server. */
test.describe('Name masking', () => {
  let account: Account;
  let token: string;
  let first: string;

  test.beforeAll(async ({ service, adminToken }) => {
    account = await service.staffAccount(adminToken, `masking.${Date.now()}@corridor.test`, ['caseworker']);
    token = await service.login(account);
    ({ reference: first } = await service.call<{ reference: string }>('POST', '/api/v1/cases', fictionalIntake('Elnur', 'Cəfərov'), token));
    await service.call('POST', '/api/v1/cases', fictionalIntake('Günel', 'Rüstəmova'), token);
  });

  test('masks names once switched on, reveals one row by click or keyboard, and keeps the setting on the server only', async ({
    page,
    service,
    cspViolations,
  }) => {
    await signIn(page, account);
    await page.getByRole('link', { name: 'My caseload', exact: true }).click();
    const table = page.getByRole('table');
    await expect(table).toContainText('Elnur Cəfərov');
    await expect(table).toContainText('Günel Rüstəmova');

    await page.getByLabel('Mask names in lists').click();
    await expect(page.getByLabel('Mask names in lists')).toBeChecked();
    await expect(table).not.toContainText('Elnur Cəfərov');
    await expect(table).not.toContainText('Günel Rüstəmova');
    await expect(table.getByRole('button', { name: /^Show the name of case/ })).toHaveCount(2);
    await expectAccessible(page);
    expect(await service.call<{ maskNames: boolean }>('GET', '/api/v1/me', undefined, token)).toMatchObject({ maskNames: true });
    const stored = await browserStorage(page);
    expect(stored).toEqual({ local: 0, session: 0, caches: [], databases: 0, workers: 0 });

    // One row by mouse; the other stays masked.
    await table.getByRole('button', { name: `Show the name of case ${first}` }).click();
    await expect(table).toContainText('Elnur Cəfərov');
    await expect(table).not.toContainText('Günel Rüstəmova');
    // The other by keyboard.
    await table.getByRole('button', { name: /^Show the name of case/ }).focus();
    await page.keyboard.press('Enter');
    await expect(table).toContainText('Günel Rüstəmova');

    // The case page's header follows the setting too.
    await openCase(page, first);
    await expect(page.getByRole('heading', { level: 1 })).not.toContainText('Elnur');
    await page.getByRole('button', { name: `Show the name of case ${first}` }).click();
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Elnur Cəfərov');

    // A new sign-in reads the setting from the server: still masked.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await signIn(page, account);
    await page.getByRole('link', { name: 'My caseload', exact: true }).click();
    await expect(page.getByLabel('Mask names in lists')).toBeChecked();
    await expect(page.getByRole('table').getByRole('button', { name: /^Show the name of case/ })).toHaveCount(2);
    await page.getByLabel('Mask names in lists').click();
    await expect(page.getByRole('table')).toContainText('Elnur Cəfərov');
    expect(await service.call<{ maskNames: boolean }>('GET', '/api/v1/me', undefined, token)).toMatchObject({ maskNames: false });
    expect(cspViolations).toEqual([]);
  });
});
