import { randomBytes } from 'node:crypto';
import { StaffRole } from '@common/access/roles';
import { EnrolmentService } from '@modules/staff/enrolment.service';
import { StaffAccountsService } from '@modules/staff/staff-accounts.service';
import { base32Decode, totpCode, totpStep } from '@modules/staff/totp';
import { newCase } from '@test/support/builders/cases';
import { bearer, login, longLivedStaff, newStaff, systemRequest, type StaffFixture } from '@test/support/builders/staff';
import { FakeClock } from '@test/support/fake-clock';
import { scanDatabaseForPlaintext } from '@test/support/plaintext-scan';
import { TestContext, type TestApp } from '@test/support/test-context';

/** GET/PATCH /api/v1/me and the staff directory coordinators read. */
describe('staff workspace: me and the staff directory', () => {
  let ctx: TestContext;
  let app: TestApp;
  const clock = new FakeClock(new Date());
  let coordinator: StaffFixture;
  let caseworker: StaffFixture;

  beforeAll(async () => {
    ctx = await TestContext.create();
    app = await ctx.startApp({ clock });
    coordinator = await longLivedStaff(app, clock, [StaffRole.Coordinator]);
    caseworker = await longLivedStaff(app, clock, [StaffRole.Caseworker]);
  });
  afterAll(() => ctx.close());

  const call = (method: 'GET' | 'PATCH' | 'POST' | 'PUT', url: string, token: string, payload?: unknown) =>
    app.http!.inject({ method, url, headers: bearer(token), ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }) });

  /** Enrols through the HTTP API, naming oneself at enrolment. */
  const enrolNamed = async (roles: StaffRole[], displayName: string): Promise<{ id: string; token: string }> => {
    const email = `named-${randomBytes(4).toString('hex')}@example.org`;
    const password = `pass-${randomBytes(9).toString('base64url')}-phrase`;
    const issued = await app.context.get(StaffAccountsService).invite(systemRequest(), { email, roles });
    const begun = await app.http!.inject({ method: 'POST', url: '/api/v1/auth/enrolment', payload: { token: issued.enrolmentToken, password, displayName } });
    expect(begun.statusCode).toBe(200);
    const secret = base32Decode(begun.json().secret);
    const code = () => {
      clock.advance(30_000);
      return totpCode(secret, totpStep(clock.nowMs()));
    };
    await app.context.get(EnrolmentService).confirm(systemRequest(), { token: issued.enrolmentToken, code: code() });
    return { id: issued.account.id, token: (await login(app, email, password, code())).accessToken };
  };

  it('tells me who I am: roles, permissions, no name yet, English, no activations', async () => {
    const response = await call('GET', '/api/v1/me', caseworker.token);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      id: caseworker.id,
      roles: [StaffRole.Caseworker],
      permissions: expect.arrayContaining(['staff:self', 'cases:work', 'activations:read']),
      displayName: null,
      preferredLanguage: 'en',
      activationsCoordinated: [],
    });
    expect(response.json().permissions).not.toContain('cases:assign');
  });

  it('keeps the display name given at enrolment sealed, and shows it to its owner', async () => {
    const named = await enrolNamed([StaffRole.Caseworker], 'Эльвин Мамедов');
    expect((await call('GET', '/api/v1/me', named.token)).json()).toMatchObject({ id: named.id, displayName: 'Эльвин Мамедов' });
    expect(await scanDatabaseForPlaintext(await ctx.dataSource(), ['Эльвин Мамедов', 'Мамедов'])).toEqual([]);
  });

  it('lets its owner change the name and language; bad input changes nothing', async () => {
    const person = await newStaff(app, clock, [StaffRole.Caseworker]);
    const changed = await call('PATCH', '/api/v1/me', person.token, { displayName: '  Leyla   Mammadova ', preferredLanguage: 'ru' });
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toMatchObject({ displayName: 'Leyla Mammadova', preferredLanguage: 'ru' });
    for (const bad of [{ preferredLanguage: 'de' }, { displayName: '' }, { displayName: 'x'.repeat(81) }, { displayName: 'Leyla\u0000' }, { displayName: 'Leyla', roles: ['admin'] }]) {
      const refused = await call('PATCH', '/api/v1/me', person.token, bad);
      expect(refused.statusCode).toBe(400);
      expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
    expect((await call('GET', '/api/v1/me', person.token)).json()).toMatchObject({ displayName: 'Leyla Mammadova', preferredLanguage: 'ru', roles: [StaffRole.Caseworker] });
    const audit = await (await ctx.dataSource()).query(`SELECT details FROM audit_events WHERE action = 'staff.profile_updated' AND resource_id = $1`, [person.id]);
    expect(audit).toEqual([{ details: { fields: ['displayName', 'preferredLanguage'] } }]);
    expect(JSON.stringify(audit)).not.toMatch(/Leyla/);
  });

  it('shows coordinators the caseworkers and coordinators with names, roles, open caseloads and status; no one else', async () => {
    await call('PATCH', '/api/v1/me', caseworker.token, { displayName: 'Rauf Aliyev' });
    const { reference } = await newCase(app, coordinator.token);
    expect((await call('PUT', `/api/v1/cases/${reference}/assignment`, coordinator.token, { caseworkerIds: [caseworker.id] })).statusCode).toBe(200);
    const admin = await newStaff(app, clock, [StaffRole.Admin]);

    const all: Array<{ id: string; displayName: string | null; roles: string[]; status: string; active: boolean; openCaseload: number }> = [];
    let cursor: string | null = null;
    do {
      const page = await call('GET', `/api/v1/staff-directory?limit=2${cursor ? `&cursor=${cursor}` : ''}`, coordinator.token);
      expect(page.statusCode).toBe(200);
      all.push(...page.json().items);
      cursor = page.json().nextCursor;
    } while (cursor);
    expect(new Set(all.map((entry) => entry.id)).size).toBe(all.length);
    expect(all.find((entry) => entry.id === caseworker.id)).toEqual({ id: caseworker.id, displayName: 'Rauf Aliyev', roles: ['caseworker'], status: 'ACTIVE', active: true, openCaseload: 1 });
    expect(all.find((entry) => entry.id === coordinator.id)).toMatchObject({ roles: ['coordinator'], active: true });
    expect(all.some((entry) => entry.id === admin.id)).toBe(false);
    expect(JSON.stringify(all)).not.toMatch(/@example\.org/);

    expect((await call('GET', '/api/v1/staff-directory', caseworker.token)).statusCode).toBe(403);
    expect((await call('GET', '/api/v1/staff-directory?cursor=nonsense', coordinator.token)).statusCode).toBe(400);
    const reads = await (await ctx.dataSource()).query(`SELECT count(*)::int AS n FROM audit_events WHERE action = 'staff.directory_read' AND actor_id = $1`, [coordinator.id]);
    expect(reads[0].n).toBeGreaterThanOrEqual(2);
  });

  it('lists the active activations I coordinate', async () => {
    const created = await call('POST', '/api/v1/activations', coordinator.token, { code: 'TM-2026-01', title: 'Drill', originCountries: ['TM'], roster: [{ userId: caseworker.id, caseloadCap: 5 }] });
    expect(created.statusCode).toBe(201);
    expect((await call('GET', '/api/v1/me', coordinator.token)).json().activationsCoordinated).toEqual([{ id: expect.any(String), code: 'TM-2026-01' }]);
    expect((await call('GET', '/api/v1/me', caseworker.token)).json().activationsCoordinated).toEqual([]);
  });
});
