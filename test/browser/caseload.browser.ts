import { expect, expectAccessible, screenshot, signIn, test } from './support/fixtures';
import { fictionalIntake, type Account } from './support/service-api';

test.describe('My caseload', () => {
  let account: Account;

  test.beforeAll(async ({ service, adminToken }) => {
    account = await service.staffAccount(adminToken, `caseload.${Date.now()}@corridor.test`, ['caseworker']);
    const token = await service.login(account);
    const intake = (givenName: string, familyName: string, priority: string) =>
      service.call('POST', '/api/v1/cases', { ...fictionalIntake(givenName, familyName), priority }, token);
    await intake('Нурлан', 'Алиев', 'EMERGENCY');
    await intake('Leyla', 'Həsənova', 'URGENT');
    await intake('Sabina', 'Quliyeva', 'NORMAL');
  });

  test('shows names, references, priorities and stages; filters and searches names in any script', async ({ page }) => {
    await signIn(page, account);
    await page.getByRole('link', { name: 'My caseload', exact: true }).click();
    const table = page.getByRole('table');
    await expect(table.getByRole('row')).toHaveCount(4);
    await expect(table).toContainText('Нурлан Алиев');
    await expect(table).toContainText('Leyla Həsənova');
    await expect(table).toContainText('Emergency');
    await expect(table).toContainText('Intake');
    await expectAccessible(page);
    await screenshot(page, 'caseload');

    await page.getByLabel('Priority').selectOption('EMERGENCY');
    await expect(table.getByRole('row')).toHaveCount(2);
    await expect(table).toContainText('Нурлан Алиев');
    await page.getByLabel('Priority').selectOption('');
    await expect(table.getByRole('row')).toHaveCount(4);

    // A Latin spelling finds the Cyrillic name (the server's cross-script search).
    await page.getByRole('textbox', { name: 'Name' }).fill('Nurlan Aliyev');
    await page.getByRole('button', { name: 'Search' }).click();
    await expect(table.getByRole('row')).toHaveCount(2);
    await expect(table).toContainText('Нурлан Алиев');
  });

  test('the page is Russian when the user chooses Russian, with its plural forms', async ({ page }) => {
    await signIn(page, account);
    await page.getByLabel('Language').selectOption('ru');
    await page.getByRole('link', { name: 'Мои дела', exact: true }).click();
    await expect(page.getByRole('heading', { name: 'Мои дела' })).toBeVisible();
    await expect(page.getByRole('table')).toContainText('3 дела на этой странице');
    await expect(page.locator('html')).toHaveAttribute('lang', 'ru');
    await expectAccessible(page);
  });
});
