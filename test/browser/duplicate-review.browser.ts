import { expect, expectAccessible, screenshot, signIn, test } from './support/fixtures';
import { fictionalIntake, type Account } from './support/service-api';

/** A possible duplicate shown at once after intake, reviewed side by side and decided. */
test.describe('Duplicate review', () => {
  let account: Account;
  let token: string;
  let older: string;

  test.beforeAll(async ({ service, adminToken }) => {
    account = await service.staffAccount(adminToken, `duplicates.${Date.now()}@corridor.test`, ['caseworker']);
    token = await service.login(account);
    const person = fictionalIntake('Rəşad', 'Hüseynov');
    ({ reference: older } = await service.call<{ reference: string }>(
      'POST',
      '/api/v1/cases',
      { ...person, person: { ...person.person, dateOfBirth: '1990-05-02' } },
      token,
    ));
  });

  test('flags the new case at once, shows both cases side by side, and closes the newer one as the duplicate', async ({ page, service, cspViolations }) => {
    await signIn(page, account);
    await page.getByRole('link', { name: 'New case', exact: true }).click();
    const person = page.getByRole('group', { name: 'Person', exact: true });
    await person.getByLabel('Given name').fill('Rəşad');
    await person.getByLabel('Family name').fill('Hüseynov');
    await person.getByLabel('Date of birth').fill('1990-05-02');
    await page.getByLabel('Country of origin').fill('AZ');
    await page.getByLabel('Consents to receive services').check();
    await page.getByLabel('How consent was given').selectOption('IN_PERSON');
    await page.getByRole('button', { name: 'Open the case' }).click();

    const notice = page.getByRole('alert').filter({ hasText: 'Possible duplicate' });
    await expect(notice).toBeVisible();
    const newer = ((await page.getByRole('status').getByRole('link').textContent()) ?? '').trim();
    await notice.getByRole('link', { name: new RegExp(older) }).click();
    await expect(page).toHaveURL(new RegExp(`/cases/${newer}/duplicates/${older}$`));

    const table = page.getByRole('table');
    await expect(table.getByRole('columnheader', { name: newer })).toBeVisible();
    await expect(table.getByRole('columnheader', { name: older })).toBeVisible();
    const nameRow = table.getByRole('row', { name: /^Name/ });
    await expect(nameRow.getByRole('cell')).toHaveText(['Rəşad Hüseynov', 'Rəşad Hüseynov']);
    await expect(nameRow).toContainText('same');
    await expect(table.getByRole('row', { name: /^Date of birth/ }).getByRole('cell')).toHaveText(['1990-05-02', '1990-05-02']);
    await expectAccessible(page);
    await screenshot(page, 'duplicate-review');

    await expect(page.getByRole('button', { name: 'Record the decision' })).toBeDisabled();
    await page.getByLabel(`Same person: close as duplicate ${newer} (the newer case)`).check();
    await page.getByRole('button', { name: 'Record the decision' }).click();
    const outcome = page.getByRole('status');
    await expect(outcome).toContainText('Recorded: the same person.');
    await expect(outcome).toContainText('Closed as duplicate');
    await expectAccessible(page);

    const closed = await service.call<{ stage: string; closure: { reason: string } | null; duplicateOf: string | null }>(
      'GET',
      `/api/v1/cases/${newer}`,
      undefined,
      token,
    );
    expect(closed).toMatchObject({ stage: 'CLOSED', closure: { reason: 'DUPLICATE' }, duplicateOf: older });
    const kept = await service.call<{ stage: string; possibleDuplicate: boolean }>('GET', `/api/v1/cases/${older}`, undefined, token);
    expect(kept).toMatchObject({ stage: 'INTAKE', possibleDuplicate: false });
    expect(cspViolations).toEqual([]);
  });
});
