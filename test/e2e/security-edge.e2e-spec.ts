import { DataSource } from 'typeorm';
import { ApiKeyScope, StaffRole } from '@common/access/roles';
import { BlindIndexer } from '@infra/crypto/blind-indexer';
import { newCase } from '@test/support/builders/cases';
import { newAgency, newApiKey } from '@test/support/builders/partners';
import { FirstAdminBootstrap } from '@modules/staff/first-admin.bootstrap';
import { StaffAccountsService } from '@modules/staff/staff-accounts.service';
import { StaffSecrets } from '@modules/staff/staff-secrets';
import { base32Decode, totpCode, totpStep } from '@modules/staff/totp';
import { bearer, longLivedStaff, newStaff, systemRequest, type StaffFixture } from '@test/support/builders/staff';
import { FakeClock } from '@test/support/fake-clock';
import { LogCapture } from '@test/support/log-capture';
import { TestContext, type TestApp } from '@test/support/test-context';

/** Issue 15, findings 6, 8 and 10 (bearer scheme, HSTS): each test performs the attack as reported. */
describe('security: HTTP edge (issue 15)', () => {
  let ctx: TestContext;
  let app: TestApp;
  let db: DataSource;
  const clock = new FakeClock(new Date());
  const logs = new LogCapture();
  let caseworker: StaffFixture;
  let partnerKey: string;

  beforeAll(async () => {
    ctx = await TestContext.create();
    app = await ctx.startApp({ clock, logs });
    db = await ctx.dataSource();
    caseworker = await longLivedStaff(app, clock, [StaffRole.Caseworker]);
    partnerKey = (await newApiKey(app, (await newAgency(app)).id, [ApiKeyScope.ReferralsWrite, ApiKeyScope.CasesRead])).key;
  });
  afterAll(() => ctx.close());

  const logLinesOf = (requestId: unknown) => logs.entries().filter((entry) => entry.requestId === requestId);

  // Finding 6: `POST /%63/<token>` was served as /c/<token> and logged with the token; `/C/<token>`
  // and `//c/<token>` answered 404 and were logged with it too.
  it('never logs a check-in token, however the path is spelled', async () => {
    const { reference } = await newCase(app, caseworker.token, { priority: 'URGENT' });
    const pins = await app.http!.inject({
      method: 'PUT',
      url: `/api/v1/cases/${reference}/checkin-pins`,
      headers: bearer(caseworker.token),
      payload: { safetyPin: '48213', duressPin: '90675' },
    });
    expect(pins.statusCode).toBe(204);
    const issued = await app.http!.inject({ method: 'POST', url: `/api/v1/cases/${reference}/checkin-links`, headers: bearer(caseworker.token), payload: {} });
    const token = String(issued.json().path).replace(/^\/c\//, '');
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const spellings = [
      `/%63/${token}`,
      `/C/${token}`,
      `//c/${token}`,
      `/c/${token}/`,
      `/%2563/${token}`,
      `/c/${token}?x=1`,
      `/c/${encodeURIComponent(token)}%2F`,
    ];
    const served: Array<{ url: string; status: number; path: unknown }> = [];
    for (const url of spellings) {
      const response = await app.http!.inject({
        method: 'POST',
        url,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: 'pin=11111',
        remoteAddress: '10.77.0.1',
      });
      const [line] = logLinesOf(response.headers['x-request-id']);
      served.push({ url, status: response.statusCode, path: line?.path });
    }
    // The encoded spelling reached the check-in page; every line names a route template or "(unmatched)".
    expect(served[0]).toMatchObject({ status: 200, path: '/c/:token' });
    for (const entry of served) expect(['/c/:token', '(unmatched)']).toContain(entry.path);
    expect(logs.text).not.toContain(token);
    expect(logs.text).not.toContain(token.slice(0, 20));
  });

  // Finding 8: a 10,000-deep array to POST /api/v1/auth/login answered 500 with a stack trace in the log.
  it('refuses deeply nested JSON with 400 problem+json on staff and partner routes, logging only the rejection', async () => {
    const deep = `${'['.repeat(10_000)}${']'.repeat(10_000)}`;
    const targets = [
      { url: '/api/v1/auth/login', headers: {}, payload: deep },
      { url: '/api/v1/auth/login', headers: {}, payload: `{"email":${deep},"password":"x","code":"123456"}` },
      { url: '/api/v1/cases', headers: bearer(caseworker.token), payload: `{"person":${'{"a":'.repeat(5_000)}1${'}'.repeat(5_000)}}` },
      { url: '/partner/v1/referrals', headers: { ...bearer(partnerKey), 'idempotency-key': 'deep-json-probe-1' }, payload: `{"person":${deep}}` },
    ];
    const before = await db.query(`SELECT (SELECT count(*) FROM cases)::int AS cases, (SELECT count(*) FROM referrals)::int AS referrals`);
    for (const target of targets) {
      const response = await app.http!.inject({
        method: 'POST',
        url: target.url,
        headers: { ...target.headers, 'content-type': 'application/json' },
        payload: target.payload,
      });
      expect({ url: target.url, status: response.statusCode, type: response.json().type }).toEqual({
        url: target.url,
        status: 400,
        type: 'urn:corridor:problem:body-too-deep',
      });
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      const lines = logLinesOf(response.headers['x-request-id']);
      // One line: the request, answered 400. No error, no stack.
      expect(lines).toEqual([expect.objectContaining({ msg: 'request', status: 400 })]);
    }
    expect(logs.text).not.toMatch(/RangeError|Maximum call stack/);
    expect(await db.query(`SELECT (SELECT count(*) FROM cases)::int AS cases, (SELECT count(*) FROM referrals)::int AS referrals`)).toEqual(before);
    // Ordinary nesting still parses (and fails validation, not parsing).
    const shallow = await app.http!.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: [[[['x']]]], password: 'x', code: '123456' } });
    expect(shallow.statusCode).toBe(400);
    expect(shallow.json().type).not.toBe('urn:corridor:problem:body-too-deep');
  });

  // Finding 10: `Authorization: bearer …` was refused; the scheme is case-insensitive (RFC 9110 §11.1).
  it('accepts the bearer scheme in any case, for staff and partners', async () => {
    for (const scheme of ['bearer', 'BEARER', 'bEaReR']) {
      const staff = await app.http!.inject({ method: 'GET', url: '/api/v1/me/sessions', headers: { authorization: `${scheme} ${caseworker.token}` } });
      expect({ scheme, status: staff.statusCode }).toEqual({ scheme, status: 200 });
      const partner = await app.http!.inject({ method: 'GET', url: '/partner/v1/me', headers: { authorization: `${scheme} ${partnerKey}` } });
      expect({ scheme, status: partner.statusCode }).toEqual({ scheme, status: 200 });
    }
    // The token itself stays case-sensitive, and other schemes are still refused.
    expect(
      (await app.http!.inject({ method: 'GET', url: '/api/v1/me/sessions', headers: { authorization: `bearer ${caseworker.token.toUpperCase()}` } }))
        .statusCode,
    ).toBe(401);
    expect((await app.http!.inject({ method: 'GET', url: '/api/v1/me/sessions', headers: { authorization: `Basic ${caseworker.token}` } })).statusCode).toBe(
      401,
    );
  });

  // Finding 10: HSTS was sent over plain HTTP.
  it('sends HSTS only on answers to HTTPS requests', async () => {
    const plain = await app.http!.inject({ method: 'GET', url: '/health' });
    expect(plain.headers['strict-transport-security']).toBeUndefined();
    // Without TRUST_PROXY a client cannot claim HTTPS with a header.
    const claimed = await app.http!.inject({ method: 'GET', url: '/health', headers: { 'x-forwarded-proto': 'https' } });
    expect(claimed.headers['strict-transport-security']).toBeUndefined();
    const proxied = await ctx.startApp({ env: { TRUST_PROXY: 'true' } });
    const viaTls = await proxied.http!.inject({ method: 'GET', url: '/health', headers: { 'x-forwarded-proto': 'https' } });
    expect(viaTls.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
    const viaPlain = await proxied.http!.inject({ method: 'GET', url: '/health', headers: { 'x-forwarded-proto': 'http' } });
    expect(viaPlain.headers['strict-transport-security']).toBeUndefined();
    await proxied.close();
  });
});

/** Issue 15, findings 9 and 10 (password change); issue 14, login and password feedback. */
describe('security: login limits and feedback (issues 14 and 15)', () => {
  let ctx: TestContext;
  let app: TestApp;
  let db: DataSource;
  const clock = new FakeClock(new Date());

  beforeAll(async () => {
    ctx = await TestContext.create();
    // Small numbers so the test stays short; the defaults are 10 per account and address, 100 per account.
    app = await ctx.startApp({
      clock,
      env: { LOGIN_RATE_LIMIT_PER_ACCOUNT_AND_ADDRESS: '5', LOGIN_RATE_LIMIT_PER_ACCOUNT: '20', LOGIN_LOCKOUT_THRESHOLD: '3' },
    });
    db = await ctx.dataSource();
  });
  afterAll(() => ctx.close());

  const attempt = (email: string, password: string, code: string, ip: string) =>
    app.http!.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password, code }, remoteAddress: ip });
  const lockState = async (id: string) => (await db.query(`SELECT failed_logins, locked_until FROM staff_users WHERE id = $1`, [id]))[0];

  // Finding 9: ten wrong passwords from anyone locked the owner out for 15 minutes at a time.
  it('lets the owner in from their own address after a stranger spent their attempts on the account', async () => {
    const owner = await newStaff(app, clock, [StaffRole.Caseworker]);
    const statuses: number[] = [];
    for (let i = 0; i < 12; i += 1) statuses.push((await attempt(owner.email, `guess-number-${i}-wrong`, '123456', '10.66.0.1')).statusCode);
    // The stranger's own allowance runs out; the owner's does not.
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429, 429, 429, 429, 429, 429]);
    expect(await lockState(owner.id)).toEqual({ failed_logins: 0, locked_until: null });
    expect((await attempt(owner.email, owner.password, owner.nextCode(), '10.66.0.2')).statusCode).toBe(200);
  });

  it('never locks an account for wrong passwords, from however many addresses', async () => {
    const owner = await newStaff(app, clock, [StaffRole.Caseworker]);
    for (let i = 0; i < 8; i += 1) expect((await attempt(owner.email, `guess-number-${i}-wrong`, owner.nextCode(), `10.68.0.${i + 1}`)).statusCode).toBe(401);
    expect(await lockState(owner.id)).toEqual({ failed_logins: 0, locked_until: null });
    expect((await attempt(owner.email, owner.password, owner.nextCode(), '10.68.1.1')).statusCode).toBe(200);
  });

  it('still bounds brute force: one ceiling per account over every address, and the lockout for wrong codes after a right password', async () => {
    const target = await newStaff(app, clock, [StaffRole.Caseworker]);
    const answers: number[] = [];
    // The owner's own login, then 19 guesses from four addresses: the ceiling of 20 for the account is reached…
    for (let address = 1; address <= 4; address += 1)
      for (let i = 0; i < (address === 4 ? 4 : 5); i += 1)
        answers.push((await attempt(target.email, `guess-${address}-${i}`, '123456', `10.67.0.${address}`)).statusCode);
    expect(answers).toEqual(Array.from({ length: 19 }, () => 401));
    // …and a fifth address gets no more guesses in this window.
    expect((await attempt(target.email, 'guess-5-0', '123456', '10.67.0.5')).statusCode).toBe(429);
    // Someone who has the password but guesses codes locks the account (the windows are Redis's real time: another account).
    const other = await newStaff(app, clock, [StaffRole.Caseworker]);
    const wrongCode = (): string => (other.nextCode() === '000000' ? '111111' : '000000');
    for (let i = 0; i < 3; i += 1) expect((await attempt(other.email, other.password, wrongCode(), '10.67.1.1')).statusCode).toBe(401);
    expect((await lockState(other.id)).locked_until).not.toBeNull();
    expect((await attempt(other.email, other.password, other.nextCode(), '10.67.1.2')).statusCode).toBe(401);
  });

  // Issue 14: the code that confirmed enrolment, used again to log in, answered "The email, password
  // or code is not correct." and counted toward the lockout.
  it('tells someone with the right password that a code was already used, without counting it toward the lockout', async () => {
    const email = `reuse-${Date.now()}@example.org`;
    const password = 'tbilisi-night-train-2017';
    const issued = await app.context.get(StaffAccountsService).invite(systemRequest(), { email, roles: [StaffRole.Caseworker] });
    const begin = await app.http!.inject({ method: 'POST', url: '/api/v1/auth/enrolment', payload: { token: issued.enrolmentToken, password } });
    const secret = base32Decode(begin.json().secret);
    clock.advance(30_000);
    const enrolmentCode = totpCode(secret, totpStep(clock.nowMs()));
    expect(
      (await app.http!.inject({ method: 'POST', url: '/api/v1/auth/enrolment/confirm', payload: { token: issued.enrolmentToken, code: enrolmentCode } }))
        .statusCode,
    ).toBe(200);
    for (let i = 0; i < 4; i += 1) {
      const reused = await attempt(email, password, enrolmentCode, '10.69.0.1');
      expect(reused.statusCode).toBe(401);
      expect(reused.json()).toMatchObject({ type: 'urn:corridor:problem:totp-code-reused', detail: expect.stringContaining('already been used') });
    }
    // Without the password the same code gets the answer everyone gets.
    const stranger = await attempt(email, 'not-the-password-at-all', enrolmentCode, '10.69.0.2');
    expect(stranger.json()).toMatchObject({ type: 'urn:corridor:problem:invalid-credentials', detail: 'The email, password or code is not correct.' });
    expect(await lockState(issued.account.id)).toEqual({ failed_logins: 0, locked_until: null });
    clock.advance(30_000);
    expect((await attempt(email, password, totpCode(secret, totpStep(clock.nowMs())), '10.69.0.1')).statusCode).toBe(200);
  });

  // Issue 14: a 23-character password containing the email was refused "for length".
  it('names the actual problem with a refused password', async () => {
    const issued = await app.context.get(StaffAccountsService).invite(systemRequest(), { email: 'leyla.mammadova@example.org', roles: [StaffRole.Caseworker] });
    const password = 'my-leyla.mammadova-2024';
    expect(password).toHaveLength(23);
    const refused = await app.http!.inject({ method: 'POST', url: '/api/v1/auth/enrolment', payload: { token: issued.enrolmentToken, password } });
    expect(refused.statusCode).toBe(422);
    expect(refused.json()).toMatchObject({
      type: 'urn:corridor:problem:weak-password',
      problems: ['contains-email'],
      detail: 'This password cannot be used: it contains your email address.',
    });
    const short = await app.http!.inject({ method: 'POST', url: '/api/v1/auth/enrolment', payload: { token: issued.enrolmentToken, password: 'zq8#Lm' } });
    expect(short.json().detail).toBe('This password cannot be used: it is shorter than 12 characters.');
  });

  // Finding 10: a password could be changed with the current password alone, without the second factor.
  it('changes a password only with the current password and a current code', async () => {
    const person = await newStaff(app, clock, [StaffRole.Caseworker]);
    const change = (payload: object) => app.http!.inject({ method: 'POST', url: '/api/v1/me/password', headers: bearer(person.token), payload });
    const withoutCode = await change({ currentPassword: person.password, newPassword: 'taken-over-account-passphrase' });
    expect(withoutCode.statusCode).toBe(400);
    const wrong = person.nextCode() === '000000' ? '111111' : '000000';
    const wrongCode = await change({ currentPassword: person.password, newPassword: 'taken-over-account-passphrase', code: wrong });
    expect(wrongCode.statusCode).toBe(422);
    expect(wrongCode.json()).toMatchObject({ type: 'urn:corridor:problem:invalid-totp-code' });
    expect(await lockState(person.id)).toMatchObject({ failed_logins: 1 });
    const code = person.nextCode();
    expect((await change({ currentPassword: person.password, newPassword: 'a-new-passphrase-of-mine', code })).statusCode).toBe(204);
    // The code is spent: it cannot change the password again.
    const reused = await change({ currentPassword: 'a-new-passphrase-of-mine', newPassword: 'yet-another-passphrase', code });
    expect(reused.json()).toMatchObject({ status: 422, type: 'urn:corridor:problem:totp-code-reused' });
    expect((await attempt(person.email, 'taken-over-account-passphrase', person.nextCode(), '10.70.0.1')).statusCode).toBe(401);
    expect((await attempt(person.email, 'a-new-passphrase-of-mine', person.nextCode(), '10.70.0.1')).statusCode).toBe(200);
  });

  it('limits guesses at the current password through a stolen session', async () => {
    const person = await newStaff(app, clock, [StaffRole.Caseworker]);
    const statuses: number[] = [];
    for (let i = 0; i < 7; i += 1) {
      const response = await app.http!.inject({
        method: 'POST',
        url: '/api/v1/me/password',
        headers: bearer(person.token),
        payload: { currentPassword: `guess-${i}-of-the-password`, newPassword: 'taken-over-account-passphrase', code: '123456' },
      });
      statuses.push(response.statusCode);
    }
    // LOGIN_RATE_LIMIT_PER_ACCOUNT_AND_ADDRESS is 5 here.
    expect(statuses).toEqual([422, 422, 422, 422, 422, 429, 429]);
  });
});

/** Issue 15, finding 7: the console's first-admin token still enrolled an admin after two admins had enrolled. */
describe('security: the first-admin bootstrap token (issue 15)', () => {
  let ctx: TestContext;
  let app: TestApp;
  const clock = new FakeClock(new Date());

  beforeAll(async () => {
    ctx = await TestContext.create();
    app = await ctx.startApp({ clock });
  });
  afterAll(() => ctx.close());

  const begin = (token: string) => app.http!.inject({ method: 'POST', url: '/api/v1/auth/enrolment', payload: { token, password: 'tbilisi-bootstrap-2026' } });

  it('expires soon even while no admin exists (FIRST_ADMIN_TOKEN_TTL_MINUTES, 30 by default)', async () => {
    const issued = await app.context.get(FirstAdminBootstrap).ensure('first-admin@corridor.local');
    expect(issued).not.toBeNull();
    expect(new Date(issued!.enrolmentExpiresAt).getTime() - clock.nowMs()).toBe(30 * 60_000);
    clock.advance(31 * 60_000);
    expect((await begin(issued!.enrolmentToken)).json()).toMatchObject({ status: 401, type: 'urn:corridor:problem:invalid-enrolment-token' });
  });

  it('stops working as soon as any admin has enrolled, by whatever path', async () => {
    const issued = await app.context.get(FirstAdminBootstrap).ensure('first-admin@corridor.local');
    // Usable while no admin exists…
    expect((await begin(issued!.enrolmentToken)).statusCode).toBe(200);
    // …until an admin created at the console (admin:create) enrols.
    const other = await app.context.get(StaffAccountsService).createAdmin('console-admin@example.org');
    const challenge = await app.http!.inject({
      method: 'POST',
      url: '/api/v1/auth/enrolment',
      payload: { token: other.enrolmentToken, password: 'batumi-harbour-at-dawn' },
    });
    clock.advance(30_000);
    const code = totpCode(base32Decode(challenge.json().secret), totpStep(clock.nowMs()));
    expect((await app.http!.inject({ method: 'POST', url: '/api/v1/auth/enrolment/confirm', payload: { token: other.enrolmentToken, code } })).statusCode).toBe(
      200,
    );
    clock.advance(60_000);
    expect((await begin(issued!.enrolmentToken)).json()).toMatchObject({ status: 401, type: 'urn:corridor:problem:invalid-enrolment-token' });
    expect(
      (await app.http!.inject({ method: 'POST', url: '/api/v1/auth/enrolment/confirm', payload: { token: issued!.enrolmentToken, code: '123456' } })).json(),
    ).toMatchObject({ type: 'urn:corridor:problem:invalid-enrolment-token' });
    // And a restart issues none.
    expect(await app.context.get(FirstAdminBootstrap).ensure('first-admin@corridor.local')).toBeNull();
  });
});

/** Issue 15, finding 10: `ｃw1@…` (full-width) created a second account beside `cw1@…`. */
describe('security: one account per mailbox, however the email is spelled (issue 15)', () => {
  let ctx: TestContext;
  let app: TestApp;
  let db: DataSource;
  const clock = new FakeClock(new Date());
  let admin: StaffFixture;
  let owner: StaffFixture;

  beforeAll(async () => {
    ctx = await TestContext.create();
    app = await ctx.startApp({ clock });
    db = await ctx.dataSource();
    admin = await newStaff(app, clock, [StaffRole.Admin]);
    owner = await newStaff(app, clock, [StaffRole.Caseworker], 'cw1@example.org');
  });
  afterAll(() => ctx.close());

  const accounts = async (): Promise<number> => (await db.query(`SELECT count(*)::int AS n FROM staff_users`))[0].n;

  it('refuses lookalike spellings at invitation and at admin:create, and signs the owner in with any of them', async () => {
    const before = await accounts();
    for (const email of ['ｃw1@example.org', 'ＣＷ１@example.org', 'CW1@EXAMPLE.ORG', 'Cw1@Example.Org']) {
      const invited = await app.http!.inject({
        method: 'POST',
        url: '/api/v1/admin/staff',
        headers: bearer(admin.token),
        payload: { email, roles: ['caseworker'] },
      });
      expect({ email, status: invited.statusCode, type: invited.json().type }).toEqual({
        email,
        status: 409,
        type: 'urn:corridor:problem:staff-account-exists',
      });
    }
    await expect(app.context.get(StaffAccountsService).createAdmin('ｃw1@example.org')).rejects.toMatchObject({ code: 'staff-account-exists' });
    expect(await accounts()).toBe(before);
    const login = await app.http!.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: 'ｃｗ1@example.org', password: owner.password, code: owner.nextCode() },
    });
    expect(login.statusCode).toBe(200);
  });

  it('re-indexes rows stored under the old rule, and reports lookalikes that already exist instead of merging them', async () => {
    const indexer = app.context.get(BlindIndexer, { strict: false });
    const legacyIndex = (email: string): string => indexer.compute('staff.email', email.trim().toLowerCase().normalize('NFC'), 16);
    // Two accounts indexed the old way: a lone full-width one, and a lookalike of cw1@example.org.
    const lone = await app.context.get(StaffAccountsService).invite(systemRequest(), { email: 'lone-account@example.org', roles: [StaffRole.Caseworker] });
    const lookalike = await app.context
      .get(StaffAccountsService)
      .invite(systemRequest(), { email: 'other-account@example.org', roles: [StaffRole.Caseworker] });
    const seal = (id: string, email: string) => app.context.get(StaffSecrets).seal(db.manager, id, 'email', email);
    await db.query(`UPDATE staff_users SET email_index = $2, email_sealed = $3 WHERE id = $1`, [
      lone.account.id,
      legacyIndex('ｌone@example.org'),
      await seal(lone.account.id, 'ｌone@example.org'),
    ]);
    await db.query(`UPDATE staff_users SET email_index = $2, email_sealed = $3 WHERE id = $1`, [
      lookalike.account.id,
      legacyIndex('ｃw1@example.org'),
      await seal(lookalike.account.id, 'ｃw1@example.org'),
    ]);

    const result = await app.context.get(StaffAccountsService).reindexEmails();
    expect(result.reindexed).toBe(1);
    expect(result.conflicts).toEqual([expect.arrayContaining([owner.id, lookalike.account.id])]);
    const [row] = await db.query(`SELECT email_index FROM staff_users WHERE id = $1`, [lone.account.id]);
    expect(row.email_index).toBe(app.context.get(StaffSecrets).emailIndex('lone@example.org'));
    // Now found under its plain spelling, so a second account for it is refused.
    const again = await app.http!.inject({
      method: 'POST',
      url: '/api/v1/admin/staff',
      headers: bearer(admin.token),
      payload: { email: 'lone@example.org', roles: ['caseworker'] },
    });
    expect(again.statusCode).toBe(409);
    // Idempotent.
    expect((await app.context.get(StaffAccountsService).reindexEmails()).reindexed).toBe(0);
  });
});
