import { OPENAPI_FILE } from '@app/export-openapi';
import { watchContract } from '@test/support/openapi-contract';
import { StaffRole } from '@common/access/roles';
import { ApiKeyScope } from '@common/access/roles';
import { newAgency, newApiKey } from '@test/support/builders/partners';
import { bearer, login, newStaff, type StaffFixture } from '@test/support/builders/staff';
import { FakeClock } from '@test/support/fake-clock';
import { TestContext, type TestApp } from '@test/support/test-context';

describe('staff administration and lockdown', () => {
  let ctx: TestContext;
  let app: TestApp;
  /** Every staff answer in this file is checked against docs/openapi.json. */
  let contract: ReturnType<typeof watchContract>;
  const clock = new FakeClock(new Date());
  let admin: StaffFixture;
  let secondAdmin: StaffFixture;

  beforeAll(async () => {
    ctx = await TestContext.create();
    app = await ctx.startApp({ clock });
    contract = watchContract(app.http!, OPENAPI_FILE);
    admin = await newStaff(app, clock, [StaffRole.Admin]);
    secondAdmin = await newStaff(app, clock, [StaffRole.Admin]);
  });
  afterAll(() => ctx.close());

  const inject = (options: Parameters<NonNullable<TestApp['http']>['inject']>[0]) => app.http!.inject(options);
  const inbox = async (person: StaffFixture) =>
    (await inject({ method: 'GET', url: '/api/v1/me/notifications', headers: bearer(person.token) })).json().items as Array<{
      kind: string;
      subjectId: string | null;
    }>;

  it('invites staff with a one-time token and never returns a password', async () => {
    const response = await inject({
      method: 'POST',
      url: '/api/v1/admin/staff',
      headers: bearer(admin.token),
      payload: { email: 'Invitee@Example.org', roles: ['caseworker'] },
    });
    expect(response.statusCode).toBe(201);
    const body = response.json();
    expect(body).toMatchObject({
      account: { email: 'invitee@example.org', roles: ['caseworker'], status: 'INVITED' },
      enrolmentToken: expect.stringMatching(/^cen_/),
    });
    expect(JSON.stringify(body)).not.toMatch(/password/i);
    const duplicate = await inject({
      method: 'POST',
      url: '/api/v1/admin/staff',
      headers: bearer(admin.token),
      payload: { email: 'invitee@example.org', roles: ['auditor'] },
    });
    expect(duplicate.statusCode).toBe(409);
  });

  it('refuses bad input with 400 naming the field and changes nothing', async () => {
    const before = await (await ctx.dataSource()).query(`SELECT count(*)::int AS n FROM staff_users`);
    const response = await inject({
      method: 'POST',
      url: '/api/v1/admin/staff',
      headers: bearer(admin.token),
      payload: { email: 'not-an-email', roles: ['janitor'] },
    });
    expect(response.statusCode).toBe(400);
    expect((response.json().errors as Array<{ pointer: string }>).map((e) => e.pointer).sort()).toEqual(['/email', '/roles']);
    expect(await (await ctx.dataSource()).query(`SELECT count(*)::int AS n FROM staff_users`)).toEqual(before);
  });

  it('answers a malformed id exactly like an unknown one (404)', async () => {
    const unknown = await inject({ method: 'GET', url: '/api/v1/admin/staff/6f1c1d7e-4f0a-4b7e-9a53-0c3e2b1d9f00', headers: bearer(admin.token) });
    const malformed = await inject({ method: 'GET', url: '/api/v1/admin/staff/not-an-id', headers: bearer(admin.token) });
    expect(unknown.statusCode).toBe(404);
    expect(malformed.statusCode).toBe(404);
    expect(malformed.json().detail).toBe(unknown.json().detail);
    expect((await inject({ method: 'DELETE', url: '/api/v1/me/sessions/not-an-id', headers: bearer(admin.token) })).statusCode).toBe(404);
    expect((await inject({ method: 'POST', url: '/api/v1/me/notifications/not-an-id/read', headers: bearer(admin.token) })).statusCode).toBe(404);
  });

  it('lists accounts with keyset pagination', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `?limit=2&cursor=${cursor}` : '?limit=2';
      const page = (await inject({ method: 'GET', url: `/api/v1/admin/staff${query}`, headers: bearer(admin.token) })).json();
      seen.push(...(page.items as Array<{ id: string }>).map((item) => item.id));
      cursor = page.nextCursor;
    } while (cursor);
    const [{ n }] = await (await ctx.dataSource()).query(`SELECT count(*)::int AS n FROM staff_users`);
    expect(seen).toHaveLength(n);
    expect(new Set(seen).size).toBe(n);
    expect((await inject({ method: 'GET', url: '/api/v1/admin/staff?cursor=garbage', headers: bearer(admin.token) })).statusCode).toBe(400);
    expect((await inject({ method: 'GET', url: '/api/v1/admin/staff?limit=5000', headers: bearer(admin.token) })).statusCode).toBe(400);
  });

  it("changes roles, audits it and notifies the other admins; never one's own", async () => {
    const person = await newStaff(app, clock, [StaffRole.Caseworker]);
    const changed = await inject({
      method: 'PUT',
      url: `/api/v1/admin/staff/${person.id}/roles`,
      headers: bearer(admin.token),
      payload: { roles: ['caseworker', 'coordinator'] },
    });
    expect(changed.statusCode).toBe(200);
    expect(changed.json().roles).toEqual(['caseworker', 'coordinator']);
    expect(await inbox(secondAdmin)).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'staff.roles_changed', subjectId: person.id })]));
    expect((await inbox(admin)).filter((n) => n.kind === 'staff.roles_changed' && n.subjectId === person.id)).toHaveLength(0);
    const [audit] = await (
      await ctx.dataSource()
    ).query(`SELECT details FROM audit_events WHERE action = 'staff.roles_changed' AND resource_id = $1`, [person.id]);
    expect(audit.details).toEqual({ before: ['caseworker'], after: ['caseworker', 'coordinator'] });

    const own = await inject({
      method: 'PUT',
      url: `/api/v1/admin/staff/${admin.id}/roles`,
      headers: bearer(admin.token),
      payload: { roles: ['admin', 'coordinator'] },
    });
    expect(own.statusCode).toBe(403);
    expect(own.json()).toMatchObject({ type: 'urn:corridor:problem:self-role-change' });
  });

  it('deactivating an account ends its sessions at once', async () => {
    const person = await newStaff(app, clock, [StaffRole.Caseworker]);
    expect((await inject({ method: 'GET', url: '/api/v1/me/sessions', headers: bearer(person.token) })).statusCode).toBe(200);
    expect((await inject({ method: 'POST', url: `/api/v1/admin/staff/${person.id}/deactivate`, headers: bearer(admin.token) })).statusCode).toBe(200);
    expect((await inject({ method: 'GET', url: '/api/v1/me/sessions', headers: bearer(person.token) })).statusCode).toBe(401);
    expect((await inject({ method: 'POST', url: '/api/v1/auth/refresh', payload: { refreshToken: person.refreshToken } })).statusCode).toBe(401);
    expect(
      (await inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: person.email, password: person.password, code: person.nextCode() } }))
        .statusCode,
    ).toBe(401);
  });

  it('resets a lost authenticator: old sessions and secret stop working, a new enrolment works', async () => {
    const person = await newStaff(app, clock, [StaffRole.Caseworker]);
    const reset = await inject({ method: 'POST', url: `/api/v1/admin/staff/${person.id}/authenticator-reset`, headers: bearer(admin.token) });
    expect(reset.statusCode).toBe(200);
    expect((await inject({ method: 'GET', url: '/api/v1/me/sessions', headers: bearer(person.token) })).statusCode).toBe(401);
    expect(
      (await inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: person.email, password: person.password, code: person.nextCode() } }))
        .statusCode,
    ).toBe(401);
    expect(reset.json().enrolmentToken).toMatch(/^cen_/);
  });

  it('keeps at least one active admin', async () => {
    const ds = await ctx.dataSource();
    const admins: Array<{ id: string }> = await ds.query(`SELECT id FROM staff_users WHERE status = 'ACTIVE' AND 'admin' = ANY(roles)`);
    expect(admins.length).toBeGreaterThanOrEqual(2);
  });

  describe('lockdown', () => {
    it('cuts off every live session at once, lets only admins sign in, and needs a second admin to lift', async () => {
      const caseworker = await newStaff(app, clock, [StaffRole.Caseworker]);
      const partnerKey = (await newApiKey(app, (await newAgency(app)).id, [ApiKeyScope.CasesRead])).key;
      expect((await inject({ method: 'GET', url: '/partner/v1/me', headers: bearer(partnerKey) })).statusCode).toBe(200);
      const declared = await inject({ method: 'POST', url: '/api/v1/admin/lockdown', headers: bearer(admin.token) });
      expect(declared.statusCode).toBe(200);
      expect(declared.json()).toMatchObject({ active: true, declaredBy: admin.id });

      for (const person of [caseworker, admin, secondAdmin]) {
        expect((await inject({ method: 'GET', url: '/api/v1/me/sessions', headers: bearer(person.token) })).statusCode).toBe(401);
      }
      expect(
        (
          await inject({
            method: 'POST',
            url: '/api/v1/auth/login',
            payload: { email: caseworker.email, password: caseworker.password, code: caseworker.nextCode() },
          })
        ).statusCode,
      ).toBe(401);
      // The partner's live API key stops working on its next request.
      expect((await inject({ method: 'GET', url: '/partner/v1/me', headers: bearer(partnerKey) })).statusCode).toBe(401);

      const adminAgain = await login(app, admin.email, admin.password, admin.nextCode());
      const sameAdminLift = await inject({ method: 'POST', url: '/api/v1/admin/lockdown/lift', headers: bearer(adminAgain.accessToken) });
      expect(sameAdminLift.statusCode).toBe(409);
      expect(sameAdminLift.json()).toMatchObject({ type: 'urn:corridor:problem:lockdown-needs-second-admin' });

      const second = await login(app, secondAdmin.email, secondAdmin.password, secondAdmin.nextCode());
      const lifted = await inject({ method: 'POST', url: '/api/v1/admin/lockdown/lift', headers: bearer(second.accessToken) });
      expect(lifted.statusCode).toBe(200);
      expect(lifted.json()).toMatchObject({ active: false, liftedBy: secondAdmin.id });
      // Sessions from before the lockdown stay dead; new logins work again.
      expect((await inject({ method: 'GET', url: '/api/v1/me/sessions', headers: bearer(caseworker.token) })).statusCode).toBe(401);
      expect((await inject({ method: 'GET', url: '/partner/v1/me', headers: bearer(partnerKey) })).statusCode).toBe(401);
      expect(
        (
          await inject({
            method: 'POST',
            url: '/api/v1/auth/login',
            payload: { email: caseworker.email, password: caseworker.password, code: caseworker.nextCode() },
          })
        ).statusCode,
      ).toBe(200);
      const actions: Array<{ action: string }> = await (
        await ctx.dataSource()
      ).query(`SELECT action FROM audit_events WHERE action LIKE 'lockdown.%' ORDER BY occurred_at`);
      expect(actions.map((a) => a.action)).toEqual(['lockdown.declared', 'lockdown.lifted']);
      admin.token = adminAgain.accessToken;
      secondAdmin.token = second.accessToken;
    });
  });

  it('answered only what the staff OpenAPI document declares', () => {
    expect(contract.checked()).toBeGreaterThan(0);
    expect(contract.violations()).toEqual([]);
  });
});
