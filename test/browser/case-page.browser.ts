import { expect, expectAccessible, openCase, screenshot, signIn, test } from './support/fixtures';
import { fictionalIntake, type Account } from './support/service-api';

/** The case page frame: header, stages with what each move still lacks, a move made; the profile and triage tabs. */
test.describe('Case page', () => {
  let account: Account;
  let token: string;
  let reference: string;

  test.beforeAll(async ({ service, adminToken }) => {
    account = await service.staffAccount(adminToken, `casepage.${Date.now()}@corridor.test`, ['caseworker']);
    token = await service.login(account);
    ({ reference } = await service.call<{ reference: string }>(
      'POST',
      '/api/v1/cases',
      { ...fictionalIntake('Orxan', 'Bağırov'), location: { city: 'Tbilisi', safeHouse: 'Fictional flat 3' } },
      token,
    ));
  });

  test('shows the header and stages, makes a move, and tells what the next move still lacks', async ({ page, cspViolations }) => {
    await signIn(page, account);
    await openCase(page, reference);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Orxan Bağırov');
    await expect(page.getByText(reference, { exact: true })).toBeVisible();
    await expect(page.getByText('Priority: Urgent')).toBeVisible();
    const path = page.getByRole('list', { name: 'Stages of the case' });
    await expect(path.locator('[aria-current="step"]')).toContainText('Intake');

    const toVerification = page.getByRole('article', { name: 'Move to Verification' });
    await expect(toVerification).toContainText('Ready');
    const toClosed = page.getByRole('article', { name: 'Move to Closed' });
    await expect(toClosed.getByRole('button', { name: 'Move to Closed' })).toBeDisabled();
    await expect(toClosed.getByLabel('Closure reason')).toBeVisible();
    await expectAccessible(page);

    await toVerification.getByRole('button', { name: 'Move to Verification' }).click();
    await expect(path.locator('[aria-current="step"]')).toContainText('Verification');
    const toTriaged = page.getByRole('article', { name: 'Move to Triaged' });
    await expect(toTriaged).toContainText('Not yet');
    await expect(toTriaged).toContainText('A verification outcome');
    await expect(toTriaged).toContainText('A triage assessment');
    await expect(toTriaged.getByRole('button', { name: 'Move to Triaged' })).toBeDisabled();
    await screenshot(page, 'case-page');
    expect(cspViolations).toEqual([]);
  });

  test('records triage with a factor checklist, shows the score, and overrides only with a reason', async ({ page, service }) => {
    await signIn(page, account);
    await openCase(page, reference);
    await page.getByRole('tab', { name: 'Triage' }).click();
    await page.getByLabel('In hiding').check();
    await page.getByLabel('Outed').check();
    await page.getByLabel('Override the suggested priority').selectOption('NORMAL');
    await page.getByRole('button', { name: 'Record the triage' }).click();
    // Refused before sending: an override needs a reason.
    await expect(page.getByLabel('Reason for the override')).toHaveAccessibleDescription(/3 to 2000/);
    await page.getByLabel('Reason for the override').fill('Fictional: already in a safe flat with a partner');
    await page.getByRole('button', { name: 'Record the triage' }).click();

    const result = page.getByRole('status').filter({ hasText: 'Triage recorded' });
    await expect(result).toContainText('Score10');
    await expect(result).toContainText('Suggested priorityEmergency');
    await expect(result).toContainText('Normal (overridden)');
    await expectAccessible(page);
    await expect(page.getByText('Priority: Normal')).toBeVisible();
    // The triage guard is met now; only the verification is still missing.
    const toTriaged = page.getByRole('article', { name: 'Move to Triaged' });
    await expect(toTriaged).not.toContainText('A triage assessment');
    await expect(toTriaged).toContainText('A verification outcome');
    const file = await service.call<{ priority: string; triagedAt: string | null }>('GET', `/api/v1/cases/${reference}`, undefined, token);
    expect(file.priority).toBe('NORMAL');
    expect(file.triagedAt).not.toBeNull();
  });

  test('keeps protected fields hidden until revealed, group by group', async ({ page }) => {
    await signIn(page, account);
    await openCase(page, reference);
    const location = page.getByRole('region', { name: 'Location' });
    await expect(location).toContainText('Hidden.');
    await expect(page.getByText('Fictional flat 3')).toHaveCount(0);
    await location.getByRole('button', { name: 'Reveal Location' }).click();
    await expect(location).toContainText('Fictional flat 3');
    await expect(location).toContainText('Tbilisi');
    await expect(page.getByText('Fictional narrative for the console tests')).toHaveCount(0);
    await expectAccessible(page);
    await location.getByRole('button', { name: 'Hide Location' }).click();
    await expect(page.getByText('Fictional flat 3')).toHaveCount(0);
  });
});
