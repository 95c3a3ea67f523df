import { expect, expectAccessible, screenshot, signIn, test } from './support/fixtures';
import { nextCode } from './support/totp';

test.describe('Enrolment and sign-in', () => {
  test('a caseworker enrols from the invitation link, signs in with password and code, and signs out', async ({ page, service, adminToken, cspViolations }) => {
    const email = `leyla.${Date.now()}@corridor.test`;
    const token = await service.invite(adminToken, email, ['caseworker']);

    // The token travels in the fragment: never sent to the server or in a Referer.
    await page.goto(`/enrol#token=${encodeURIComponent(token)}`);
    await expect(page.getByRole('heading', { name: 'Set up your account' })).toBeVisible();
    await expectAccessible(page);
    await screenshot(page, 'enrol-password');

    // The server's password feedback appears next to the password field.
    const weak = 'password1234';
    await page.getByLabel('New password').fill(weak);
    await page.getByLabel('Repeat the password').fill(weak);
    await page.getByRole('button', { name: 'Continue' }).click();
    const passwordField = page.getByLabel('New password');
    await expect(page.getByText('Choose a longer, less common password')).toBeVisible();
    // Next to the field, and tied to it for screen readers.
    const describedBy = (await passwordField.getAttribute('aria-describedby')) ?? '';
    await expect(page.locator(`[id="${describedBy.split(' ').find((id) => id.endsWith('-error')) ?? 'none'}"]`)).toContainText('less common password');

    const password = 'a quiet river under old bridges';
    await passwordField.fill(password);
    await page.getByLabel('Repeat the password').fill(password);
    await page.getByRole('button', { name: 'Continue' }).click();

    // The QR code is drawn in the page (no image from elsewhere) beside the key for typing in.
    const qr = page.getByRole('img', { name: 'QR code of your authenticator key' });
    await expect(qr).toBeVisible();
    expect(await qr.evaluate((canvas) => (canvas as HTMLCanvasElement).toDataURL().length)).toBeGreaterThan(1000);
    const secret = (await page.getByTestId('totp-secret').textContent()) ?? '';
    expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
    await expectAccessible(page);
    await screenshot(page, 'enrol-authenticator');

    // A wrong code is said next to the code field.
    await page.getByLabel('Authenticator code').fill('000000');
    await page.getByRole('button', { name: 'Confirm' }).click();
    await expect(page.getByText('The code is not correct.')).toBeVisible();
    await expect(page.getByLabel('Authenticator code')).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByLabel('Authenticator code')).toHaveAccessibleDescription(/The code is not correct/);

    await page.getByLabel('Authenticator code').fill(await nextCode(secret));
    await page.getByRole('button', { name: 'Confirm' }).click();
    await expect(page.getByText('Your account is ready')).toBeVisible();
    await page.getByRole('link', { name: 'Go to sign-in' }).click();
    await expect(page).toHaveURL(/\/sign-in$/);

    await signIn(page, { email, password, secret });
    await expect(page.getByText(email)).toBeVisible();
    await expectAccessible(page);

    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
    // The ended session's pages are out of reach: the app sends the user to sign-in.
    await page.goto('/today');
    await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
    expect(cspViolations).toEqual([]);
  });

  test('a wrong code is refused with a message and the code field cleared', async ({ page, service, adminToken }) => {
    const account = await service.staffAccount(adminToken, `omid.${Date.now()}@corridor.test`, ['caseworker']);
    await page.goto('/sign-in');
    await expectAccessible(page);
    await screenshot(page, 'sign-in');
    await page.getByLabel('Email').fill(account.email);
    await page.getByLabel(/^Password/).fill(account.password);
    await page.getByLabel('Authenticator code').fill('123456');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('alert')).toContainText('The email, password or code is not correct.');
    await expect(page.getByLabel('Authenticator code')).toHaveValue('');
    await expectAccessible(page);
  });

  test('the form says what is missing before asking the server', async ({ page }) => {
    await page.goto('/sign-in');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByText('Enter your work email address')).toBeVisible();
    await expect(page.getByText('The code has six digits')).toBeVisible();
  });

  test('sign-in works by keyboard alone', async ({ page, service, adminToken }) => {
    const account = await service.staffAccount(adminToken, `keys.${Date.now()}@corridor.test`, ['caseworker']);
    await page.goto('/sign-in');
    // The form must be there before the first key: a Tab into an empty page goes nowhere.
    await expect(page.getByLabel('Email')).toBeVisible();
    await page.keyboard.press('Tab');
    await expect(page.getByLabel('Email')).toBeFocused();
    await page.keyboard.type(account.email);
    await page.keyboard.press('Tab');
    await expect(page.getByLabel(/^Password/)).toBeFocused();
    await page.keyboard.type(account.password);
    // Past the show-password toggle, which is not in the tab order.
    await page.keyboard.press('Tab');
    await expect(page.getByLabel('Authenticator code')).toBeFocused();
    await page.keyboard.type(await nextCode(account.secret));
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { name: 'Today' })).toBeVisible();
    // Navigation by keyboard: the caseload link is reachable and opens with Enter.
    await page.getByRole('link', { name: 'My caseload', exact: true }).focus();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { name: 'My caseload' })).toBeVisible();
  });

  test('the invitation page without a token says what to do', async ({ page }) => {
    await page.goto('/enrol');
    await expect(page.getByRole('alert')).toContainText('invitation link');
    await expect(page.getByRole('button', { name: 'Continue' })).toBeDisabled();
  });
});
