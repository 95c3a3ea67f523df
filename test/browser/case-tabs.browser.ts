import type { Page } from '@playwright/test';
import { expect, expectAccessible, openCase, screenshot, signIn, test } from './support/fixtures';
import { fictionalIntake, type Account } from './support/service-api';

/**
 * The case page's work tabs, each driven end to end in the browser against the real service:
 * journey, resettlement, check-ins (a one-time link answered through /c/<token>), escalations,
 * notes, partner shares and the history. Every person here is fictional.
 */

const DAY_MS = 86_400_000;
const isoDay = (offsetDays: number): string => new Date(Date.now() + offsetDays * DAY_MS).toISOString().slice(0, 10);

async function openTab(page: Page, reference: string, tab: string): Promise<void> {
  await openCase(page, reference);
  await page.getByRole('tab', { name: tab }).click();
  await expect(page.getByRole('tab', { name: tab })).toHaveAttribute('aria-selected', 'true');
}

test.describe('Case page work tabs', () => {
  let caseworker: Account;
  let coordinator: Account;
  let caseworkerToken: string;
  let coordinatorToken: string;
  const newCase = async (
    givenName: string,
    familyName: string,
    service: { call: <T>(method: string, path: string, body?: unknown, token?: string) => Promise<T> },
  ): Promise<string> => {
    const intake = fictionalIntake(givenName, familyName);
    const { reference } = await service.call<{ reference: string }>(
      'POST',
      '/api/v1/cases',
      { ...intake, consent: { ...intake.consent, sharing: true } },
      caseworkerToken,
    );
    return reference;
  };

  test.beforeAll(async ({ service, adminToken }) => {
    const stamp = Date.now();
    caseworker = await service.staffAccount(adminToken, `tabs.cw.${stamp}@corridor.test`, ['caseworker']);
    coordinator = await service.staffAccount(adminToken, `tabs.co.${stamp}@corridor.test`, ['coordinator']);
    caseworkerToken = await service.login(caseworker);
    coordinatorToken = await service.login(coordinator);
  });

  test('check-ins: set PINs, issue a one-time link with its QR code, answer it at /c/<token>, see it in the history', async ({ page, context, service }) => {
    const reference = await newCase('Elnara', 'Mammadli-Testova', service);
    await signIn(page, caseworker);
    await openTab(page, reference, 'Check-ins');
    await expect(page.getByText('Next check-in due')).toBeVisible();

    // A problem's pointer puts the server's words next to the field it names.
    await page.getByLabel('Safety PIN').fill('2468');
    await page.getByLabel('Duress PIN').fill('12');
    await page.getByRole('button', { name: 'Save PINs' }).click();
    const pins = page.getByRole('form', { name: 'Check-in PINs' });
    await expect(pins.getByText(/duressPin must be 4 to 8 digits/)).toBeVisible();
    await expect(pins.getByRole('alert')).toHaveCount(0);
    await page.getByLabel('Duress PIN').fill('1357');
    await page.getByRole('button', { name: 'Save PINs' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'PINs saved.' })).toBeVisible();
    await expect(page.getByLabel('Safety PIN')).toHaveValue('');

    // A staff check-in by call.
    await page.getByLabel('Channel').selectOption('CALL');
    await page.getByRole('button', { name: 'Record check-in' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Check-in recorded.' })).toBeVisible();
    const history = page.getByRole('table', { name: 'History' });
    await expect(history.getByRole('row')).toHaveCount(2);
    await expect(history).toContainText('Call');
    await expect(history).toContainText('Staff');

    await page.getByRole('button', { name: 'Issue a check-in link' }).click();
    const link = page.getByRole('textbox', { name: 'Link' });
    await expect(link).toHaveValue(/\/c\/[A-Za-z0-9_-]+$/);
    await expect(page.getByRole('img', { name: 'QR code of the one-time link' })).toBeVisible();
    await expect(page.getByText(/^Expires /)).toBeVisible();
    await expectAccessible(page);
    await screenshot(page, 'case-checkins');

    // The person answers the link with the safety PIN, on their own phone (another tab here).
    const path = new URL(await link.inputValue()).pathname;
    const phone = await context.newPage();
    await phone.goto(path);
    await phone.getByLabel('Code').fill('2468');
    await phone.getByRole('button', { name: 'Continue' }).click();
    await expect(phone.getByText('Received.')).toBeVisible();
    await phone.close();

    // Back in the console: the check-in by link is in the history, with no word of which PIN.
    await page.getByRole('tab', { name: 'Notes' }).click();
    await page.getByRole('tab', { name: 'Check-ins' }).click();
    await expect(history.getByRole('row')).toHaveCount(3);
    await expect(history).toContainText('The person (link)');
    await expect(page.locator('main')).not.toContainText(/duress PIN was|safety PIN was|under duress/i);
  });

  test('check-ins: an enrolment link lets the person choose both PINs', async ({ page, context, service }) => {
    const reference = await newCase('Rauf', 'Karimov-Testov', service);
    await signIn(page, caseworker);
    await openTab(page, reference, 'Check-ins');
    await page.getByRole('button', { name: 'Issue a PIN enrolment link' }).click();
    await expect(page.getByText('PIN enrolment link', { exact: true })).toBeVisible();
    const path = new URL(await page.getByRole('textbox', { name: 'Link' }).inputValue()).pathname;
    const phone = await context.newPage();
    await phone.goto(path);
    await phone.getByLabel('First code').fill('4826');
    await phone.getByLabel('Second code').fill('9173');
    await phone.getByRole('button', { name: 'Save' }).click();
    await expect(phone.getByText('Received.')).toBeVisible();
    await phone.close();
  });

  test('journey: request a plan a coordinator approves, a leg departs and arrives, a stay runs its clock with the 21-day warning', async ({
    page,
    service,
  }) => {
    const reference = await newCase('Gunay', 'Aliyeva-Testova', service);
    await signIn(page, caseworker);
    await openTab(page, reference, 'Journey');
    await expect(page.getByText('No relocation plan yet.')).toBeVisible();

    const plan = page.getByRole('form', { name: 'Request approval of a plan' });
    await plan.getByLabel('Origin country').fill('AZ');
    await plan.getByLabel('Transit country').fill('FR');
    await plan.getByLabel('Destination country').fill('DE');
    await plan.getByRole('button', { name: 'Request approval of a plan' }).click();
    // The server names the transit country: its words stand next to that field.
    await expect(plan.getByLabel('Transit country')).toHaveAttribute('aria-invalid', 'true');
    await plan.getByLabel('Transit country').fill('TR');
    await plan.getByLabel('Planned departure').fill(isoDay(10));
    await plan.getByLabel('Estimated cost').fill('1250.50');
    await plan.getByLabel('Currency').fill('EUR');
    await plan.getByRole('button', { name: 'Request approval of a plan' }).click();
    const plans = page.getByRole('region', { name: 'Relocation plans' });
    await expect(plans.getByText('Awaiting approval')).toBeVisible();
    await expect(plans).toContainText('AZ → TR → DE');
    await expect(plans).toContainText('€1,250.50');
    // A caseworker may not approve (four eyes, coordinators only): no button is offered.
    await expect(plans.getByRole('button', { name: 'Approve' })).toHaveCount(0);

    // A coordinator approves (through the API here); the tab shows it when opened again.
    const { relocationPlans } = await service.call<{ relocationPlans: Array<{ id: string }> }>(
      'GET',
      `/api/v1/cases/${reference}/journey`,
      undefined,
      coordinatorToken,
    );
    await service.call('POST', `/api/v1/cases/${reference}/relocation-plans/${relocationPlans[0]!.id}/approval`, { decision: 'APPROVE' }, coordinatorToken);
    await page.getByRole('tab', { name: 'Notes' }).click();
    await page.getByRole('tab', { name: 'Journey' }).click();
    await expect(plans.getByText('Approved', { exact: true })).toBeVisible();

    const leg = page.getByRole('form', { name: 'Add a movement leg' });
    await leg.getByLabel('From country').fill('GE');
    await leg.getByLabel('To country').fill('TR');
    await leg.getByLabel('Mode').selectOption('LAND');
    await leg.getByRole('button', { name: 'Add a movement leg' }).click();
    const legs = page.getByRole('region', { name: 'Movement legs' });
    await expect(legs.getByText('Planned', { exact: true })).toBeVisible();
    await legs.getByRole('button', { name: 'Record departure' }).click();
    await expect(legs.getByText('Under way')).toBeVisible();
    await legs.getByRole('button', { name: 'Record arrival' }).click();
    await expect(legs.getByText('Arrived', { exact: true })).toBeVisible();

    // AZ nationals may stay 90 days in TR (the seeded rule): entered 75 days ago, 15 are left.
    const stay = page.getByRole('form', { name: 'Record a stay' });
    await stay.getByLabel('Host country').fill('TR');
    await stay.getByLabel('Entry date').fill(isoDay(-75));
    await stay.getByLabel('Accommodation', { exact: true }).selectOption('SAFE_HOUSE');
    await stay.getByRole('button', { name: 'Record a stay' }).click();
    const clock = page.getByRole('region', { name: 'Stay clock' });
    await expect(clock.getByRole('progressbar', { name: '75 of 90 days used' })).toBeVisible();
    await expect(clock).toContainText('15 days left');
    await expect(clock.getByRole('status')).toHaveText('21 days or fewer left: plan the next move.');
    await expectAccessible(page);
    await screenshot(page, 'case-journey');
  });

  test('the tabs speak Russian: plural forms and dates in Russian', async ({ page, service }) => {
    const reference = await newCase('Orxan', 'Babayev-Testov', service);
    await service.call('POST', `/api/v1/cases/${reference}/stays`, { hostCountry: 'TR', entryDate: isoDay(-71) }, caseworkerToken);
    await signIn(page, caseworker);
    // The switcher saves the language on the caseworker's profile: put it back for the tests after.
    try {
      await page.getByLabel('Language').selectOption('ru');
      await page.getByRole('link', { name: 'Мои дела', exact: true }).click();
      await page.getByRole('link', { name: reference }).click();
      await page.getByRole('tab', { name: 'Маршрут' }).click();
      const clock = page.getByRole('region', { name: 'Срок пребывания' });
      await expect(clock).toContainText('Осталось 19 дней');
      await expect(clock.getByRole('status')).toHaveText('Осталось не больше 21 дня: спланируйте следующий шаг.');
      const entry = new Intl.DateTimeFormat('ru', { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${isoDay(-71)}T00:00:00Z`));
      await expect(clock).toContainText(entry);
      await expectAccessible(page);
    } finally {
      await service.call('PATCH', '/api/v1/me', { preferredLanguage: 'en' }, caseworkerToken);
    }
  });

  test('resettlement: open an application, tick a document, add a milestone, request submission', async ({ page, service }) => {
    const reference = await newCase('Samir', 'Huseynov-Testov', service);
    await signIn(page, caseworker);
    await openTab(page, reference, 'Resettlement');
    const form = page.getByRole('form', { name: 'New application' });
    await form.getByLabel('Destination country').fill('CA');
    await form.getByLabel('Pathway').selectOption('PRIVATE_SPONSORSHIP');
    await form.getByLabel('Sponsoring organisation').fill('Fictional Welcome Circle');
    await form.getByRole('button', { name: 'Open application' }).click();
    const application = page.getByRole('article', { name: 'CA: Private sponsorship' });
    await expect(application.locator('.mantine-Badge-root')).toHaveText('Preparing');
    await application.getByRole('checkbox', { name: 'Passport' }).check();
    await expect(application.getByRole('checkbox', { name: 'Passport' })).toBeChecked();
    await application.getByLabel('Milestone', { exact: true }).selectOption('REFERRAL_SENT');
    await application.getByLabel(/^Date/).fill(isoDay(-2));
    await application.getByRole('button', { name: 'Add milestone' }).click();
    await expect(application.getByRole('table')).toContainText('Referral sent');
    await application.getByRole('button', { name: 'Request submission' }).click();
    await expect(application.getByText(/Submission requested .*awaiting a coordinator/)).toBeVisible();
    await expectAccessible(page);
    // A move the server refuses (409): its words are shown in the application, nothing changes.
    await application.getByLabel('New status').selectOption('ACCEPTED');
    await application.getByRole('button', { name: 'Change status' }).click();
    await expect(application.getByRole('alert')).toContainText('cannot move from PREPARING to ACCEPTED');
    await expect(application.locator('.mantine-Badge-root')).toHaveText('Preparing');
  });

  test('escalations: acknowledge an open one, resolve it with an outcome, read its timeline', async ({ page, service }) => {
    const reference = await newCase('Aynur', 'Rzayeva-Testova', service);
    await service.call('POST', `/api/v1/cases/${reference}/escalations`, { level: 2 }, caseworkerToken);
    await signIn(page, caseworker);
    await openTab(page, reference, 'Escalations');
    const open = page.getByRole('region', { name: /Open escalations/ });
    await expect(open.getByRole('heading', { name: 'Open escalations (1)' })).toBeVisible();
    const card = open.getByRole('article', { name: 'Raised by staff' });
    await expect(card).toContainText('Level 2');
    await expect(card).toContainText(/Opened .*(now|second|minute)/);
    await expectAccessible(page);
    await card.getByRole('button', { name: 'Acknowledge' }).click();
    await expect(card.getByText('Acknowledged', { exact: true })).toBeVisible();
    await expect(card.getByRole('button', { name: 'Acknowledge' })).toHaveCount(0);
    await card.getByLabel('Outcome').selectOption('SAFE');
    await card.getByRole('button', { name: 'Resolve' }).click();
    await expect(open.getByText('No open escalation.')).toBeVisible();
    const resolved = page.getByRole('region', { name: 'Resolved' }).getByRole('article', { name: 'Raised by staff' });
    await expect(resolved).toContainText('Outcome: Safe');
    await resolved.getByRole('button', { name: 'Show timeline' }).click();
    const timeline = resolved.getByRole('list', { name: 'Timeline' });
    await expect(timeline.getByRole('listitem')).toHaveCount(3);
    await expect(timeline).toContainText('Opened');
    await expect(timeline).toContainText('Acknowledged');
    await expect(timeline).toContainText('Resolved');
  });

  test('notes and history: a note is added and listed; the history shows it with the case opening', async ({ page, service }) => {
    const reference = await newCase('Farid', 'Nasirov-Testov', service);
    await signIn(page, caseworker);
    await openTab(page, reference, 'Notes');
    await expect(page.getByText('No notes yet.')).toBeVisible();
    await page.getByRole('textbox', { name: 'Note' }).fill('Called the fictional safe contact; all well.');
    await page.getByRole('button', { name: 'Add note' }).click();
    await expect(page.getByRole('article').filter({ hasText: 'Called the fictional safe contact; all well.' })).toBeVisible();
    await expect(page.getByRole('textbox', { name: 'Note' })).toHaveValue('');
    await expectAccessible(page);
    await page.getByRole('tab', { name: 'History' }).click();
    const history = page.getByRole('region', { name: 'Case history' });
    await expect(history).toContainText('Case opened');
    await expect(history).toContainText('Note added');
    await expectAccessible(page);
  });

  test('shares: an unknown agency is named at its field; a share to a partner is listed and revoked', async ({ page, service, adminToken }) => {
    const reference = await newCase('Leyla', 'Abbasova-Testova', service);
    const agency = await service.call<{ id: string }>(
      'POST',
      '/api/v1/admin/agencies',
      { name: 'Fictional Shelter Network', type: 'SHELTER', countries: ['GE'] },
      adminToken,
    );
    await signIn(page, caseworker);
    await openTab(page, reference, 'Partner shares');
    await expect(page.getByText('Not shared with any partner.')).toBeVisible();
    const form = page.getByRole('form', { name: 'Share with a partner' });
    await form.getByLabel('Agency ID').fill('6f1c1f0e-2b7a-4c55-9d0e-1a2b3c4d5e6f');
    await form.getByLabel('Purpose').selectOption('SHELTER');
    await form.getByRole('checkbox', { name: 'City' }).check();
    await form.getByLabel('Expires on').fill(isoDay(30));
    await form.getByRole('button', { name: 'Share' }).click();
    await expect(form.getByText('is not an active partner agency')).toBeVisible();
    await expect(form.getByLabel('Agency ID')).toHaveAttribute('aria-invalid', 'true');
    await form.getByLabel('Agency ID').fill(agency.id);
    await form.getByRole('button', { name: 'Share' }).click();
    const list = page.getByRole('table', { name: 'Shared with partners' });
    await expect(list.getByRole('row')).toHaveCount(2);
    await expect(list).toContainText('City');
    await expect(list).toContainText('First name');
    await expect(list.getByText('Active', { exact: true })).toBeVisible();
    await expectAccessible(page);
    await list.getByRole('button', { name: 'Revoke' }).click();
    await expect(list.getByText('Revoked', { exact: true })).toBeVisible();
    await expect(list.getByRole('button', { name: 'Revoke' })).toHaveCount(0);
  });
});
