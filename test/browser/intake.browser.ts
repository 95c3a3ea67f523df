import type { Page } from '@playwright/test';
import { expect, expectAccessible, screenshot, signIn, test } from './support/fixtures';
import type { Account } from './support/service-api';

/** The intake form: every field by mouse, the whole form by keyboard alone, and the server's field errors placed. */
test.describe('Intake', () => {
  let account: Account;
  let token: string;

  test.beforeAll(async ({ service, adminToken }) => {
    account = await service.staffAccount(adminToken, `intake.${Date.now()}@corridor.test`, ['caseworker']);
    token = await service.login(account);
  });

  const group = (page: Page, name: string) => page.getByRole('group', { name, exact: true });

  test('opens a case with every intake field, filled by mouse', async ({ page, service, cspViolations }) => {
    expect(cspViolations).toEqual([]);
    await signIn(page, account);
    await page.getByRole('link', { name: 'New case', exact: true }).click();
    await expect(page.getByRole('heading', { name: 'New case' })).toBeVisible();

    const person = group(page, 'Person');
    await person.getByLabel('Given name').fill('Tural');
    await person.getByLabel('Family name').fill('Məmmədli');
    await person.getByLabel('Patronymic').fill('Elçin oğlu');
    await person.getByLabel('Other names').fill('Tura, T. M.');
    await person.getByLabel('Date of birth').fill('1993-08-14');
    await person.getByLabel('Gender').fill('man');

    await page.getByRole('button', { name: 'Add a dependant' }).click();
    const dependant = group(page, 'Dependant 1');
    await dependant.getByLabel('Given name').fill('Aysel');
    await dependant.getByLabel('Family name').fill('Məmmədli');
    await dependant.getByLabel('Relationship').fill('SISTER');
    await dependant.getByLabel('Date of birth').fill('2009');

    await page.getByRole('button', { name: 'Add a contact channel' }).click();
    await page.getByLabel('Channel 1').selectOption('TELEGRAM');
    await page.getByLabel('Number or handle 1').fill('@fictional_tural_93');
    await page.getByLabel('Safe-contact instructions').fill('Telegram only; never mention the organisation');

    const location = group(page, 'Location');
    await location.getByLabel('Country of origin').fill('AZ');
    await location.getByLabel('Country now in').fill('GE');
    await location.getByLabel('City').fill('Batumi');
    await location.getByLabel('Address').fill('Fictional street 1');
    await location.getByLabel('Safe house').fill('Green door, second floor');

    await page.getByLabel('Narrative').fill('A fictional narrative for the intake test.');
    await page.getByLabel('Health needs').fill('Fictional: needs a regular prescription');
    const sogiesc = group(page, 'SOGIESC');
    await sogiesc.getByLabel('Sexual orientation').fill('gay');
    await sogiesc.getByLabel('Gender identity').fill('man');
    await sogiesc.getByLabel('Gender expression').fill('masculine');
    await sogiesc.getByLabel('Sex characteristics').fill('not stated');
    await sogiesc.getByLabel('SOGIESC notes').fill('Fictional note');

    await page.getByRole('button', { name: 'Add a document' }).click();
    const document = group(page, 'Document 1');
    await document.getByLabel('Document type').fill('PASSPORT');
    await document.getByLabel('Document number').fill('C00000000');
    await document.getByLabel('Issuing country').fill('AZ');
    await document.getByLabel('Expires on').fill('2031-01-01');

    await page.getByLabel('Consents to receive services').check();
    await page.getByLabel('Consents to sharing with partner agencies').check();
    await page.getByLabel('How consent was given').selectOption('PHONE');
    await page.getByLabel('When consent was given').fill('2026-11-30T09:30');
    await page.getByLabel('Provisional priority').selectOption('EMERGENCY');
    await expectAccessible(page);
    await screenshot(page, 'intake');

    await page.getByRole('button', { name: 'Open the case' }).click();
    await expect(page.getByRole('heading', { name: 'Case opened' })).toBeVisible();
    const link = page.getByRole('status').getByRole('link');
    const reference = (await link.textContent()) ?? '';
    expect(reference).toMatch(/^C-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    await expectAccessible(page);

    // The server holds every field as entered.
    const file = await service.call<{
      priority: string;
      originCountry: string;
      currentCountry: string;
      consent: Record<string, unknown>;
      protected: Record<string, unknown>;
    }>('GET', `/api/v1/cases/${reference}`, undefined, token);
    expect(file).toMatchObject({
      priority: 'EMERGENCY',
      originCountry: 'AZ',
      currentCountry: 'GE',
      consent: { services: true, sharing: true, resettlement: false, method: 'PHONE' },
    });
    expect(file.protected).toEqual({
      identity: { givenName: 'Tural', familyName: 'Məmmədli', patronymic: 'Elçin oğlu', aliases: ['Tura', 'T. M.'], dateOfBirth: '1993-08-14', gender: 'man' },
      contact: { channels: [{ type: 'TELEGRAM', value: '@fictional_tural_93' }], safeContactInstructions: 'Telegram only; never mention the organisation' },
      location: { city: 'Batumi', address: 'Fictional street 1', safeHouse: 'Green door, second floor' },
      narrative: 'A fictional narrative for the intake test.',
      sogiesc: { sexualOrientation: 'gay', genderIdentity: 'man', genderExpression: 'masculine', sexCharacteristics: 'not stated', notes: 'Fictional note' },
      health: 'Fictional: needs a regular prescription',
      documents: [{ type: 'PASSPORT', number: 'C00000000', issuingCountry: 'AZ', expiresOn: '2031-01-01' }],
      dependants: [{ givenName: 'Aysel', familyName: 'Məmmədli', relationship: 'SISTER', dateOfBirth: '2009' }],
    });

    await link.click();
    await expect(page).toHaveURL(new RegExp(`/cases/${reference}$`));
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Tural Elçin oğlu Məmmədli');
  });

  /** Presses Tab until the focused element is the one named (by its label, aria-label or text). */
  async function tabTo(page: Page, name: RegExp): Promise<void> {
    for (let presses = 0; presses < 120; presses++) {
      await page.keyboard.press('Tab');
      const focused = await page.evaluate(() => {
        const element = document.activeElement as HTMLElement | null;
        if (!element) return '';
        const labels = 'labels' in element ? Array.from((element as HTMLInputElement).labels ?? []).map((label) => label.textContent ?? '') : [];
        return [element.getAttribute('aria-label') ?? '', ...labels, element.tagName === 'A' || element.tagName === 'BUTTON' ? (element.textContent ?? '') : '']
          .map((part) => part.trim())
          .filter(Boolean)
          .join(' | ');
      });
      if (name.test(focused)) return;
    }
    throw new Error(`Tab never reached ${String(name)}`);
  }

  test('drives the whole intake by keyboard alone', async ({ page, service, cspViolations }) => {
    expect(cspViolations).toEqual([]);
    await signIn(page, account);
    await tabTo(page, /^New case/);
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { name: 'New case' })).toBeVisible();

    // Sending the empty form lands the keyboard on the first field to fix.
    await tabTo(page, /^Open the case/);
    await page.keyboard.press('Enter');
    const given = group(page, 'Person').getByLabel('Given name');
    await expect(given).toBeFocused();
    await expect(given).toHaveAttribute('aria-invalid', 'true');
    await expect(group(page, 'Consent').getByText("A case is opened only with the person's consent to services.")).toBeVisible();

    await page.keyboard.type('Kamran');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Əliyev');
    await tabTo(page, /Date of birth/);
    await page.keyboard.type('1988');
    await tabTo(page, /^Add a contact channel/);
    await page.keyboard.press('Enter');
    await tabTo(page, /Number or handle 1/);
    await page.keyboard.type('+995 555 000 111');
    await tabTo(page, /Country of origin/);
    await page.keyboard.type('AZ');
    await tabTo(page, /^Narrative/);
    await page.keyboard.type('Typed without a mouse.');
    await tabTo(page, /Consents to receive services/);
    await page.keyboard.press('Space');
    await tabTo(page, /How consent was given/);
    await page.keyboard.press('ArrowDown');
    await expect(page.getByLabel('How consent was given')).toHaveValue('IN_PERSON');
    await tabTo(page, /^Open the case/);
    await page.keyboard.press('Enter');

    await expect(page.getByRole('heading', { name: 'Case opened' })).toBeVisible();
    const reference = (await page.getByRole('status').getByRole('link').textContent()) ?? '';
    await tabTo(page, new RegExp(`^${reference}`));
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(new RegExp(`/cases/${reference}$`));
    const file = await service.call<{ protected: { identity: unknown; contact: unknown; narrative: unknown } }>(
      'GET',
      `/api/v1/cases/${reference}`,
      undefined,
      token,
    );
    expect(file.protected).toMatchObject({
      identity: { givenName: 'Kamran', familyName: 'Əliyev', dateOfBirth: '1988' },
      contact: { channels: [{ type: 'SIGNAL', value: '+995 555 000 111' }] },
      narrative: 'Typed without a mouse.',
    });
  });

  test("the server's validation errors land next to the fields their pointers name, and nothing is created", async ({ page, service, cspViolations }) => {
    expect(cspViolations).toEqual([]);
    await signIn(page, account);
    await page.getByRole('link', { name: 'New case', exact: true }).click();
    const before = await service.call<{ items: unknown[] }>('GET', '/api/v1/cases?mine=true&limit=100', undefined, token);

    // The form checks as the server does, so the test spoils the body on its way out: the
    // answers below are the real service's problem+json.
    interface SentIntake {
      person: { givenName: string; dateOfBirth?: string };
      contact: { channels: Array<{ value: string }> };
      originCountry: string;
      consent: { services: boolean };
    }
    let spoil: (body: SentIntake) => void = () => undefined;
    await page.route('**/api/v1/cases', async (route) => {
      if (route.request().method() !== 'POST') return route.continue();
      const body = route.request().postDataJSON() as SentIntake;
      spoil(body);
      return route.fulfill({ response: await route.fetch({ postData: JSON.stringify(body) }) });
    });

    await group(page, 'Person').getByLabel('Given name').fill('Nigar');
    await group(page, 'Person').getByLabel('Family name').fill('Qasımova');
    await page.getByRole('button', { name: 'Add a contact channel' }).click();
    await page.getByLabel('Number or handle 1').fill('+995 555 000 222');
    await group(page, 'Location').getByLabel('Country of origin').fill('AZ');
    await page.getByLabel('Consents to receive services').check();
    await page.getByLabel('How consent was given').selectOption('IN_PERSON');

    spoil = (body) => {
      body.person.givenName = 'N'.repeat(101);
      body.person.dateOfBirth = '14.08.1993';
      body.contact.channels = [{ value: '' }];
      body.originCountry = 'Azerbaijan';
    };
    await page.getByRole('button', { name: 'Open the case' }).click();
    await expect(group(page, 'Person').getByLabel('Given name')).toHaveAccessibleDescription(/100/);
    await expect(group(page, 'Person').getByLabel('Date of birth')).toHaveAccessibleDescription(/dateOfBirth must be YYYY-MM-DD or YYYY/);
    await expect(page.getByLabel('Number or handle 1')).toHaveAttribute('aria-invalid', 'true');
    await expect(group(page, 'Location').getByLabel('Country of origin')).toHaveAccessibleDescription(/ISO 3166-1 alpha-2/);
    await expect(page.getByRole('alert').first()).toContainText('Some fields need attention');
    await expectAccessible(page);

    // A refusal without a pointer that plainly means one field is placed there too.
    spoil = (body) => {
      body.consent.services = false;
    };
    await page.getByRole('button', { name: 'Open the case' }).click();
    await expect(page.getByLabel('Consents to receive services')).toHaveAttribute('aria-invalid', 'true');

    const after = await service.call<{ items: unknown[] }>('GET', '/api/v1/cases?mine=true&limit=100', undefined, token);
    expect(after.items.length).toBe(before.items.length);
  });
});
