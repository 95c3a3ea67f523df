import { OPENAPI_FILE } from '@app/export-openapi';
import { watchContract } from '@test/support/openapi-contract';
import { StaffRole } from '@common/access/roles';
import { base32Decode, totpCode, totpStep } from '@modules/staff/totp';
import { bearer, newStaff, systemRequest, type StaffFixture } from '@test/support/builders/staff';
import { FakeClock } from '@test/support/fake-clock';
import { LogCapture } from '@test/support/log-capture';
import { TestContext, type TestApp } from '@test/support/test-context';
import { StaffAccountsService } from '@modules/staff/staff-accounts.service';

describe('staff authentication', () => {
  let ctx: TestContext;
  let app: TestApp;
  /** Every staff answer in this file is checked against docs/openapi.json. */
  let contract: ReturnType<typeof watchContract>;
  const clock = new FakeClock(new Date());
  const logs = new LogCapture();
  let admin: StaffFixture;

  beforeAll(async () => {
    ctx = await TestContext.create();
    app = await ctx.startApp({
      clock,
      logs,
      env: {
        LOGIN_LOCKOUT_THRESHOLD: '3',
        LOGIN_LOCKOUT_BASE_SECONDS: '60',
        LOGIN_RATE_LIMIT_PER_ACCOUNT: '1000',
        LOGIN_RATE_LIMIT_PER_ACCOUNT_AND_ADDRESS: '1000',
        LOGIN_RATE_LIMIT_PER_IP: '1000',
      },
    });
    contract = watchContract(app.http!, OPENAPI_FILE);
    admin = await newStaff(app, clock, [StaffRole.Admin]);
  });
  afterAll(() => ctx.close());

  const inject = (options: Parameters<NonNullable<TestApp['http']>['inject']>[0]) => app.http!.inject(options);
  const loginAttempt = (email: string, password: string, code: string) =>
    inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password, code } });
  const whoCanSeeSessions = (token: string) => inject({ method: 'GET', url: '/api/v1/me/sessions', headers: bearer(token) });
  const auditActions = async (resourceId: string) =>
    (
      await (
        await ctx.dataSource()
      ).query<Array<{ action: string }>>(`SELECT action FROM audit_events WHERE resource_id = $1 ORDER BY occurred_at, action`, [resourceId])
    ).map((row) => row.action);

  it('signs in with password and a TOTP code, and the token works', async () => {
    const person = await newStaff(app, clock, [StaffRole.Caseworker]);
    const sessions = await whoCanSeeSessions(person.token);
    expect(sessions.statusCode).toBe(200);
    expect(sessions.json()).toEqual([expect.objectContaining({ current: true })]);
    expect(await auditActions(person.id)).toEqual(expect.arrayContaining(['staff.invited', 'staff.enrolment_started', 'staff.mfa_enrolled', 'auth.login']));
  });

  it('refuses a wrong password, a wrong code and an unknown account with the same answer; a reused code gets its own once the password is right', async () => {
    const person = await newStaff(app, clock, [StaffRole.Caseworker]);
    const wrongPassword = await loginAttempt(person.email, 'not-the-password-at-all', person.nextCode());
    const code = person.nextCode();
    const wrongCode = await loginAttempt(person.email, person.password, code === '000000' ? '111111' : '000000');
    const first = await loginAttempt(person.email, person.password, code);
    const replayedWithoutPassword = await loginAttempt(person.email, 'not-the-password-at-all', code);
    const unknown = await loginAttempt('nobody@example.org', person.password, code);
    expect(first.statusCode).toBe(200);
    for (const response of [wrongPassword, wrongCode, replayedWithoutPassword, unknown]) {
      expect(response.statusCode).toBe(401);
      expect(response.json()).toMatchObject({ type: 'urn:corridor:problem:invalid-credentials' });
    }
    // The same detail for every failure, so it reveals nothing about which part was wrong.
    expect(new Set([wrongPassword, wrongCode, replayedWithoutPassword, unknown].map((r) => r.json().detail)).size).toBe(1);
    // With the right password, a code already used says so (issue 14).
    const replayed = await loginAttempt(person.email, person.password, code);
    expect(replayed.statusCode).toBe(401);
    expect(replayed.json()).toMatchObject({ type: 'urn:corridor:problem:totp-code-reused', detail: expect.stringContaining('already been used') });
  });

  it('locks the account after repeated wrong codes with the right password, then lets it in again', async () => {
    const person = await newStaff(app, clock, [StaffRole.Caseworker]);
    const wrongCode = (): string => (person.nextCode() === '000000' ? '111111' : '000000');
    for (let i = 0; i < 3; i += 1) expect((await loginAttempt(person.email, person.password, wrongCode())).statusCode).toBe(401);
    // Locked: even the right password and code are refused.
    expect((await loginAttempt(person.email, person.password, person.nextCode())).statusCode).toBe(401);
    clock.advance(61_000);
    expect((await loginAttempt(person.email, person.password, person.nextCode())).statusCode).toBe(200);
    const actions = await auditActions(person.id);
    expect(actions).toContain('auth.account_locked');

    // Locks again after three more.
    for (let i = 0; i < 3; i += 1) await loginAttempt(person.email, person.password, wrongCode());
    expect((await loginAttempt(person.email, person.password, person.nextCode())).statusCode).toBe(401);
    clock.advance(61_000);
    expect((await loginAttempt(person.email, person.password, person.nextCode())).statusCode).toBe(200);
  });

  it('rotates refresh tokens and revokes the whole session when a spent one comes back', async () => {
    const person = await newStaff(app, clock, [StaffRole.Coordinator]);
    const refreshed = await inject({ method: 'POST', url: '/api/v1/auth/refresh', payload: { refreshToken: person.refreshToken } });
    expect(refreshed.statusCode).toBe(200);
    const next = refreshed.json();
    expect(next.refreshToken).not.toBe(person.refreshToken);
    // The old access token was replaced by the new one.
    expect((await whoCanSeeSessions(person.token)).statusCode).toBe(401);
    expect((await whoCanSeeSessions(next.accessToken)).statusCode).toBe(200);

    const reused = await inject({ method: 'POST', url: '/api/v1/auth/refresh', payload: { refreshToken: person.refreshToken } });
    expect(reused.statusCode).toBe(401);
    // Theft assumed: the live access token and the newest refresh token die too.
    expect((await whoCanSeeSessions(next.accessToken)).statusCode).toBe(401);
    expect((await inject({ method: 'POST', url: '/api/v1/auth/refresh', payload: { refreshToken: next.refreshToken } })).statusCode).toBe(401);
    expect(await auditActions((await (await ctx.dataSource()).query(`SELECT id FROM staff_sessions WHERE user_id = $1`, [person.id]))[0].id)).toContain(
      'auth.refresh_reuse_detected',
    );
  });

  it('expires access tokens and sessions', async () => {
    const person = await newStaff(app, clock, [StaffRole.Caseworker]);
    clock.advance(16 * 60_000);
    expect((await whoCanSeeSessions(person.token)).statusCode).toBe(401);
    const refreshed = await inject({ method: 'POST', url: '/api/v1/auth/refresh', payload: { refreshToken: person.refreshToken } });
    expect(refreshed.statusCode).toBe(200);
    clock.advance(13 * 3600_000);
    expect((await inject({ method: 'POST', url: '/api/v1/auth/refresh', payload: { refreshToken: refreshed.json().refreshToken } })).statusCode).toBe(401);
  });

  it('logs out, lists and revokes sessions', async () => {
    const person = await newStaff(app, clock, [StaffRole.Caseworker]);
    const second = (await loginAttempt(person.email, person.password, person.nextCode())).json();
    const sessions = (await whoCanSeeSessions(person.token)).json<Array<{ id: string; current: boolean }>>();
    expect(sessions).toHaveLength(2);
    const other = sessions.find((s) => !s.current)!;
    expect((await inject({ method: 'DELETE', url: `/api/v1/me/sessions/${other.id}`, headers: bearer(person.token) })).statusCode).toBe(204);
    expect((await whoCanSeeSessions(second.accessToken)).statusCode).toBe(401);
    // Someone else's session id answers 404.
    const stranger = await newStaff(app, clock, [StaffRole.Caseworker]);
    const mine = (await whoCanSeeSessions(person.token)).json()[0].id;
    expect((await inject({ method: 'DELETE', url: `/api/v1/me/sessions/${mine}`, headers: bearer(stranger.token) })).statusCode).toBe(404);
    expect((await inject({ method: 'POST', url: '/api/v1/auth/logout', headers: bearer(person.token) })).statusCode).toBe(204);
    expect((await whoCanSeeSessions(person.token)).statusCode).toBe(401);
  });

  it('changes a password with the current password and a current code, ending the other sessions', async () => {
    const person = await newStaff(app, clock, [StaffRole.Caseworker]);
    const other = (await loginAttempt(person.email, person.password, person.nextCode())).json();
    const change = (payload: object) => inject({ method: 'POST', url: '/api/v1/me/password', headers: bearer(person.token), payload });
    const weak = await change({ currentPassword: person.password, newPassword: 'password1234', code: person.nextCode() });
    expect(weak.statusCode).toBe(422);
    expect(weak.json()).toMatchObject({ type: 'urn:corridor:problem:weak-password', problems: ['common'] });
    const code = person.nextCode();
    const changed = await change({ currentPassword: person.password, newPassword: 'a-much-longer-new-passphrase', code });
    expect(changed.statusCode).toBe(204);
    expect((await whoCanSeeSessions(other.accessToken)).statusCode).toBe(401);
    expect((await whoCanSeeSessions(person.token)).statusCode).toBe(200);
    expect((await loginAttempt(person.email, 'a-much-longer-new-passphrase', person.nextCode())).statusCode).toBe(200);
  });

  it('rate-limits login attempts per account through Redis, across replicas', async () => {
    const replicas = [
      await ctx.startApp({ clock, env: { LOGIN_RATE_LIMIT_PER_ACCOUNT: '2' } }),
      await ctx.startApp({ clock, env: { LOGIN_RATE_LIMIT_PER_ACCOUNT: '2' } }),
    ];
    const attempt = (replica: TestApp) =>
      replica.http!.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email: 'rate@example.org', password: 'whatever-password', code: '123456' },
      });
    expect((await attempt(replicas[0]!)).statusCode).toBe(401);
    expect((await attempt(replicas[1]!)).statusCode).toBe(401);
    const third = await attempt(replicas[0]!);
    expect(third.statusCode).toBe(429);
    expect(third.headers['retry-after']).toMatch(/^\d+$/);
    expect(third.json()).toMatchObject({ type: 'urn:corridor:problem:rate-limited' });
    await Promise.all(replicas.map((replica) => replica.close()));
  });

  it('enrols with a one-time token that cannot be used twice', async () => {
    const issued = await app.context.get(StaffAccountsService).invite(systemRequest(), { email: 'once@example.org', roles: [StaffRole.Auditor] });
    const begin = await inject({
      method: 'POST',
      url: '/api/v1/auth/enrolment',
      payload: { token: issued.enrolmentToken, password: 'tbilisi-in-the-rain-2017' },
    });
    expect(begin.statusCode).toBe(200);
    expect(begin.json().otpauthUri).toMatch(/^otpauth:\/\/totp\//);
    const secret = base32Decode(begin.json().secret);
    clock.advance(30_000);
    const wrong = await inject({
      method: 'POST',
      url: '/api/v1/auth/enrolment/confirm',
      payload: { token: issued.enrolmentToken, code: '000000' === totpCode(secret, totpStep(clock.nowMs())) ? '111111' : '000000' },
    });
    expect(wrong.statusCode).toBe(422);
    const confirm = await inject({
      method: 'POST',
      url: '/api/v1/auth/enrolment/confirm',
      payload: { token: issued.enrolmentToken, code: totpCode(secret, totpStep(clock.nowMs())) },
    });
    expect(confirm.statusCode).toBe(200);
    const again = await inject({
      method: 'POST',
      url: '/api/v1/auth/enrolment',
      payload: { token: issued.enrolmentToken, password: 'tbilisi-in-the-rain-2017' },
    });
    expect(again.statusCode).toBe(401);
    expect(again.json()).toMatchObject({ type: 'urn:corridor:problem:invalid-enrolment-token' });
  });

  it('refuses weak passwords at enrolment', async () => {
    const issued = await app.context.get(StaffAccountsService).invite(systemRequest(), { email: 'weak@example.org', roles: [StaffRole.Caseworker] });
    const response = await inject({ method: 'POST', url: '/api/v1/auth/enrolment', payload: { token: issued.enrolmentToken, password: 'qwerty123456' } });
    expect(response.statusCode).toBe(422);
    expect(response.json().problems).toContain('common');
  });

  it('never writes a password, token, TOTP secret or code to the logs or the audit log', async () => {
    const person = await newStaff(app, clock, [StaffRole.Caseworker]);
    await loginAttempt(person.email, 'wrong-but-secret-password', person.nextCode());
    const audit = JSON.stringify(await (await ctx.dataSource()).query(`SELECT * FROM audit_events`));
    const secrets = [
      person.password,
      'wrong-but-secret-password',
      person.token,
      person.refreshToken,
      person.secret.toString('hex'),
      admin.password,
      admin.token,
      person.email,
    ];
    for (const secret of secrets) {
      expect(logs.text).not.toContain(secret);
      expect(audit).not.toContain(secret);
    }
    expect(logs.lines.length).toBeGreaterThan(0);
  });

  it('stores staff emails and TOTP secrets only encrypted', async () => {
    const person = await newStaff(app, clock, [StaffRole.Caseworker], 'plaintext-probe@example.org');
    const rows = JSON.stringify(await (await ctx.dataSource()).query(`SELECT * FROM staff_users`));
    expect(rows).not.toContain('plaintext-probe');
    expect(rows).not.toContain(person.secret.toString('hex'));
    expect(rows).not.toContain(person.secret.toString('base64'));
  });

  it('answered only what the staff OpenAPI document declares', () => {
    expect(contract.checked()).toBeGreaterThan(0);
    expect(contract.violations()).toEqual([]);
  });
});
