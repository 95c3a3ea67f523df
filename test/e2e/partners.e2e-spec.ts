import type { DataSource } from 'typeorm';
import { CredentialEpoch } from '@common/access/credential-epoch';
import { AgencyType, ApiKeyScope, StaffRole } from '@common/access/roles';
import { AuditService } from '@modules/audit/audit.service';
import { hashApiKey } from '@modules/partners/api-key-credential';
import { bearer, newAgency, newApiKey } from '@test/support/builders/partners';
import { FakeClock } from '@test/support/fake-clock';
import { longLivedStaff, type StaffFixture } from '@test/support/builders/staff';
import { LogCapture } from '@test/support/log-capture';
import { expectPartnerContract } from '@test/support/partner-contract';
import { TestContext, type TestApp } from '@test/support/test-context';
import { waitFor } from '@test/support/wait-for';

const HOUR = 3_600_000;
const ADMIN = '/api/v1/admin/agencies';
const RANDOM_ID = '6f1c1d7e-4f0a-4b7e-9a53-0c3e2b1d9f00';

describe('Partner agencies and API keys', () => {
  let ctx: TestContext;
  let app: TestApp;
  let db: DataSource;
  const clock = new FakeClock('2026-03-01T08:00:00.000Z');
  const logs = new LogCapture();
  let admin: StaffFixture;
  const staffByRole = new Map<StaffRole, StaffFixture>();
  /** Every key this file saw issued, to prove none of it is stored or logged anywhere. */
  const issuedKeys: string[] = [];

  type Injected = Awaited<ReturnType<NonNullable<TestApp['http']>['inject']>>;
  const call = async (method: 'GET' | 'POST' | 'PATCH', url: string, credential?: string, payload?: object): Promise<Injected> => {
    const response = await app.http!.inject({ method, url, headers: credential ? bearer(credential) : {}, ...(payload ? { payload } : {}) });
    // The partner API's answers, success or problem, must match its published contract.
    if (url.startsWith('/partner/v1/')) expectPartnerContract(method, url, response);
    const key: unknown = method !== 'GET' && response.statusCode < 300 ? response.json().key : undefined;
    if (typeof key === 'string') issuedKeys.push(key);
    return response;
  };
  const asAdmin = (method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) => call(method, url, admin.token, payload);
  const me = (key: string) => call('GET', '/partner/v1/me', key);
  const issue = async (...args: Parameters<typeof newApiKey>) => {
    const issued = await newApiKey(...args);
    issuedKeys.push(issued.key);
    return issued;
  };

  beforeAll(async () => {
    ctx = await TestContext.create();
    app = await ctx.startApp({ clock, logs });
    db = await ctx.dataSource();
    for (const role of Object.values(StaffRole)) staffByRole.set(role, await longLivedStaff(app, clock, [role]));
    admin = staffByRole.get(StaffRole.Admin)!;
  });
  afterAll(() => ctx.close());

  describe('agencies', () => {
    it('an admin creates, reads, changes and lists agencies', async () => {
      const created = await asAdmin('POST', ADMIN, { name: 'Tbilisi Shelter', type: 'SHELTER', countries: ['GE', 'TR'], contactChannel: 'ops desk mailbox' });
      expect(created.statusCode).toBe(201);
      const agency = created.json();
      expect(agency).toEqual({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        name: 'Tbilisi Shelter',
        type: 'SHELTER',
        countries: ['GE', 'TR'],
        status: 'ACTIVE',
        contactChannel: 'ops desk mailbox',
        createdAt: clock.now().toISOString(),
        updatedAt: clock.now().toISOString(),
      });

      expect((await asAdmin('GET', `${ADMIN}/${agency.id}`)).json()).toEqual(agency);

      clock.advance(1_000);
      const updated = await asAdmin('PATCH', `${ADMIN}/${agency.id}`, { name: 'Tbilisi Shelter Network', countries: ['GE'] });
      expect(updated.statusCode).toBe(200);
      expect(updated.json()).toMatchObject({ name: 'Tbilisi Shelter Network', countries: ['GE'], updatedAt: clock.now().toISOString() });

      const audit = await db.query(`SELECT action, actor_type, actor_id, details FROM audit_events WHERE resource_id = $1 ORDER BY occurred_at`, [agency.id]);
      expect(audit).toEqual([
        { action: 'agency.created', actor_type: 'staff', actor_id: admin.id, details: { type: 'SHELTER', countries: ['GE', 'TR'] } },
        { action: 'agency.updated', actor_type: 'staff', actor_id: admin.id, details: { fields: ['name', 'countries'], status: 'ACTIVE' } },
      ]);
    });

    it('lists with keyset pagination, oldest first, never more than asked', async () => {
      for (let i = 0; i < 4; i += 1) await newAgency(app);
      const ids = (await db.query(`SELECT id FROM partner_agencies ORDER BY created_at, id`)).map((row: { id: string }) => row.id);
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const response = await asAdmin('GET', `${ADMIN}?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
        expect(response.statusCode).toBe(200);
        const page = response.json();
        expect(page.items.length).toBeLessThanOrEqual(2);
        seen.push(...page.items.map((item: { id: string }) => item.id));
        cursor = page.nextCursor;
      } while (cursor);
      expect(seen).toEqual(ids);
    });

    it.each([
      ['an unknown type', { name: 'A', type: 'CHURCH', countries: ['GE'] }, ['/type']],
      ['lower-case and unknown countries', { name: 'A', type: 'NGO', countries: ['ge', 'XX'] }, ['/countries']],
      ['no countries', { name: 'A', type: 'NGO', countries: [] }, ['/countries']],
      ['a blank name', { name: '   ', type: 'NGO', countries: ['GE'] }, ['/name']],
      ['an unknown property', { name: 'A', type: 'NGO', countries: ['GE'], contactPerson: 'Leyla' }, ['/contactPerson']],
    ])('refuses %s with 400 naming the field', async (_, payload, pointers) => {
      const response = await asAdmin('POST', ADMIN, payload);
      expect(response.statusCode).toBe(400);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.json()).toMatchObject({ type: 'urn:corridor:problem:validation-failed' });
      expect([...new Set(response.json().errors.map((error: { pointer: string }) => error.pointer))]).toEqual(pointers);
      expect(response.body).not.toContain('Leyla');
    });

    it('refuses a page size over the server maximum and a cursor it did not issue', async () => {
      const tooMany = await asAdmin('GET', `${ADMIN}?limit=101`);
      expect(tooMany.statusCode).toBe(400);
      expect(tooMany.json().errors.map((error: { pointer: string }) => error.pointer)).toContain('/limit');
      const forged = await asAdmin('GET', `${ADMIN}?cursor=${Buffer.from('x.y').toString('base64url')}`);
      expect(forged.statusCode).toBe(400);
      expect(forged.json().errors).toEqual([{ pointer: '/cursor', detail: expect.any(String) }]);
    });

    it.each([
      ['GET', `${ADMIN}/${RANDOM_ID}`],
      ['GET', `${ADMIN}/not-a-uuid`],
      ['PATCH', `${ADMIN}/${RANDOM_ID}`],
      ['POST', `${ADMIN}/${RANDOM_ID}/api-keys`],
      ['GET', `${ADMIN}/${RANDOM_ID}/api-keys`],
    ] as const)('answers %s %s with 404 problem+json', async (method, url) => {
      const payload = method === 'GET' ? undefined : method === 'PATCH' ? { name: 'x' } : { label: 'x', scopes: ['cases:read'] };
      const response = await asAdmin(method, url, payload);
      expect(response.statusCode).toBe(404);
      expect(response.json()).toMatchObject({ type: 'urn:corridor:problem:agency-not-found', status: 404 });
    });
  });

  describe('API keys', () => {
    it('issues a key once; it works on /partner/v1/me and is never shown again', async () => {
      const agency = await newAgency(app, { name: 'Baku Rainbow NGO', type: AgencyType.Ngo, countries: ['AZ', 'GE'] });
      const created = await asAdmin('POST', `${ADMIN}/${agency.id}/api-keys`, { label: 'crm', scopes: ['cases:read', 'referrals:write'] });
      expect(created.statusCode).toBe(201);
      const issued = created.json();
      expect(issued).toMatchObject({ agencyId: agency.id, label: 'crm', scopes: ['cases:read', 'referrals:write'], status: 'ACTIVE', expiresAt: null });
      expect(issued.key).toMatch(/^cpk_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$/);
      expect(issued.key.startsWith(`${issued.prefix}_`)).toBe(true);

      const self = await me(issued.key);
      expect(self.statusCode).toBe(200);
      expect(self.json()).toEqual({
        agency: { id: agency.id, name: 'Baku Rainbow NGO', type: 'NGO' },
        apiKeyId: issued.id,
        scopes: ['cases:read', 'referrals:write'],
      });

      const secret = issued.key.slice(issued.prefix.length + 1);
      for (const url of [`${ADMIN}/${agency.id}/api-keys`, `${ADMIN}/${agency.id}`, ADMIN]) {
        const body = (await asAdmin('GET', url)).body;
        expect(body).not.toContain(secret);
        expect(body).not.toContain(hashApiKey(issued.key));
      }
      const listed = (await asAdmin('GET', `${ADMIN}/${agency.id}/api-keys`)).json();
      expect(listed.items).toEqual([expect.objectContaining({ id: issued.id, prefix: issued.prefix })]);
      expect(listed.items[0]).not.toHaveProperty('key');

      const [row] = await db.query(`SELECT * FROM api_keys WHERE id = $1`, [issued.id]);
      expect(row.secret_hash).toBe(hashApiKey(issued.key));
      expect(JSON.stringify(row)).not.toContain(secret);
    });

    it('refuses an unknown scope, an expiry in the past and an expiry without a time zone', async () => {
      const agency = await newAgency(app);
      const url = `${ADMIN}/${agency.id}/api-keys`;
      const cases: Array<[object, string]> = [
        [{ label: 'x', scopes: ['cases:delete'] }, '/scopes'],
        [{ label: 'x', scopes: [] }, '/scopes'],
        [{ label: 'x', scopes: ['cases:read'], expiresAt: new Date(clock.nowMs() - 1).toISOString() }, '/expiresAt'],
        [{ label: 'x', scopes: ['cases:read'], expiresAt: '2099-01-01T00:00:00' }, '/expiresAt'],
      ];
      for (const [payload, pointer] of cases) {
        const response = await asAdmin('POST', url, payload);
        expect(response.statusCode).toBe(400);
        expect(response.json().errors.map((error: { pointer: string }) => error.pointer)).toContain(pointer);
      }
    });

    it('a revoked key stops working on the next request', async () => {
      const agency = await newAgency(app);
      const issued = await issue(app, agency.id);
      expect((await me(issued.key)).statusCode).toBe(200);
      const revoked = await asAdmin('POST', `${ADMIN}/${agency.id}/api-keys/${issued.id}/revoke`);
      expect(revoked.statusCode).toBe(200);
      expect(revoked.json()).toMatchObject({ id: issued.id, status: 'REVOKED', revokedAt: clock.now().toISOString() });
      const refused = await me(issued.key);
      expect(refused.statusCode).toBe(401);
      expect(refused.json()).toMatchObject({ type: 'urn:corridor:problem:unauthenticated' });

      // Revoking again changes and records nothing.
      expect((await asAdmin('POST', `${ADMIN}/${agency.id}/api-keys/${issued.id}/revoke`)).statusCode).toBe(200);
      const audit = await db.query(`SELECT count(*)::int AS n FROM audit_events WHERE action = 'apikey.revoked' AND resource_id = $1`, [issued.id]);
      expect(audit).toEqual([{ n: 1 }]);
    });

    it('a key is found only under its own agency', async () => {
      const [a, b] = [await newAgency(app), await newAgency(app)];
      const issued = await issue(app, a.id);
      const response = await asAdmin('POST', `${ADMIN}/${b.id}/api-keys/${issued.id}/revoke`);
      expect(response.statusCode).toBe(404);
      expect(response.json()).toMatchObject({ type: 'urn:corridor:problem:api-key-not-found' });
      expect((await me(issued.key)).statusCode).toBe(200);
    });

    it('an expired key is refused', async () => {
      const agency = await newAgency(app);
      const issued = await issue(app, agency.id, [ApiKeyScope.CasesRead], { expiresAt: new Date(clock.nowMs() + HOUR).toISOString() });
      expect((await me(issued.key)).statusCode).toBe(200);
      clock.advance(HOUR);
      expect((await me(issued.key)).statusCode).toBe(401);
      expect((await asAdmin('GET', `${ADMIN}/${agency.id}/api-keys`)).json().items[0]).toMatchObject({ status: 'EXPIRED' });
    });

    it('rotation: the new key works at once, the old one until the overlap ends', async () => {
      const agency = await newAgency(app);
      const old = await issue(app, agency.id, [ApiKeyScope.CheckinsWrite, ApiKeyScope.ServicesWrite]);
      const rotated = await asAdmin('POST', `${ADMIN}/${agency.id}/api-keys/${old.id}/rotate`, { overlapHours: 2 });
      expect(rotated.statusCode).toBe(201);
      const successor = rotated.json();
      expect(successor).toMatchObject({
        rotatedFrom: old.id,
        label: old.label,
        scopes: ['checkins:write', 'services:write'],
        previousExpiresAt: new Date(clock.nowMs() + 2 * HOUR).toISOString(),
      });
      expect(successor.key).not.toBe(old.key);

      expect((await me(old.key)).statusCode).toBe(200);
      expect((await me(successor.key)).statusCode).toBe(200);
      clock.advance(2 * HOUR - 1);
      expect((await me(old.key)).statusCode).toBe(200);
      clock.advance(1);
      expect((await me(old.key)).statusCode).toBe(401);
      expect((await me(successor.key)).statusCode).toBe(200);

      const again = await asAdmin('POST', `${ADMIN}/${agency.id}/api-keys/${old.id}/rotate`, {});
      expect(again.statusCode).toBe(409);
      expect(again.json()).toMatchObject({ type: 'urn:corridor:problem:api-key-not-rotatable', reason: 'expired' });
    });

    it('rotation defaults to a 24 h overlap, refuses out-of-range overlaps, and never rotates a key twice or a revoked one', async () => {
      const agency = await newAgency(app);
      const old = await issue(app, agency.id);
      const url = `${ADMIN}/${agency.id}/api-keys/${old.id}`;
      expect((await asAdmin('POST', `${url}/rotate`, { overlapHours: 169 })).statusCode).toBe(400);
      expect((await asAdmin('POST', `${url}/rotate`, { overlapHours: -1 })).statusCode).toBe(400);
      const rotated = await asAdmin('POST', `${url}/rotate`, {});
      expect(rotated.json().previousExpiresAt).toBe(new Date(clock.nowMs() + 24 * HOUR).toISOString());
      expect((await asAdmin('POST', `${url}/rotate`, {})).json()).toMatchObject({ status: 409, reason: 'already-rotated' });

      const other = await issue(app, agency.id);
      await asAdmin('POST', `${ADMIN}/${agency.id}/api-keys/${other.id}/revoke`);
      expect((await asAdmin('POST', `${ADMIN}/${agency.id}/api-keys/${other.id}/rotate`, {})).json()).toMatchObject({ status: 409, reason: 'revoked' });
    });

    it('suspending an agency stops its keys at once; reactivating restores them', async () => {
      const agency = await newAgency(app);
      const issued = await issue(app, agency.id);
      expect((await me(issued.key)).statusCode).toBe(200);
      expect((await asAdmin('PATCH', `${ADMIN}/${agency.id}`, { status: 'SUSPENDED' })).json()).toMatchObject({ status: 'SUSPENDED' });
      expect((await me(issued.key)).statusCode).toBe(401);
      await asAdmin('PATCH', `${ADMIN}/${agency.id}`, { status: 'ACTIVE' });
      expect((await me(issued.key)).statusCode).toBe(200);
    });

    it('a key from another credential epoch is refused (lockdown)', async () => {
      const agency = await newAgency(app);
      const issued = await issue(app, agency.id);
      await db.query(`UPDATE api_keys SET epoch = epoch + 1 WHERE id = $1`, [issued.id]);
      expect((await me(issued.key)).statusCode).toBe(401);
    });

    it('records the epoch current at issue, and refuses the key once the epoch moves on', async () => {
      const epoch = app.context.get(CredentialEpoch, { strict: false });
      const current = jest.spyOn(epoch, 'current').mockResolvedValue(7);
      try {
        const agency = await newAgency(app);
        const issued = await issue(app, agency.id);
        expect(await db.query(`SELECT epoch FROM api_keys WHERE id = $1`, [issued.id])).toEqual([{ epoch: 7 }]);
        expect((await me(issued.key)).statusCode).toBe(200);
        current.mockResolvedValue(8);
        expect((await me(issued.key)).statusCode).toBe(401);
        expect((await asAdmin('GET', `${ADMIN}/${agency.id}/api-keys`)).json().items[0]).toMatchObject({ status: 'REVOKED' });
        // Rotating a key from before the lockdown must not bring its access back.
        const rotate = await asAdmin('POST', `${ADMIN}/${agency.id}/api-keys/${issued.id}/rotate`, {});
        expect(rotate.json()).toMatchObject({ status: 409, reason: 'revoked' });
      } finally {
        current.mockRestore();
      }
    });

    it('a tampered secret with a valid lookup id is refused, and so is an unknown lookup id', async () => {
      const agency = await newAgency(app);
      const issued = await issue(app, agency.id);
      const last = issued.key.at(-1) === 'A' ? 'B' : 'A';
      expect((await me(issued.key.slice(0, -1) + last)).statusCode).toBe(401);
      expect((await me(`cpk_000000000000_${issued.key.slice(-43)}`)).statusCode).toBe(401);
      expect((await me(`${issued.key}x`)).statusCode).toBe(401);
      const refusal = logs.entries().find((entry) => entry.msg === 'api key refused' && entry.apiKeyId === issued.id);
      expect(refusal).toMatchObject({ reason: 'secret-mismatch' });
    });

    it('records last use at most once a minute, off the request path', async () => {
      const agency = await newAgency(app);
      const issued = await issue(app, agency.id);
      const lastUsed = async (): Promise<string | null> =>
        ((await db.query(`SELECT last_used_at FROM api_keys WHERE id = $1`, [issued.id]))[0].last_used_at as Date | null)?.toISOString() ?? null;
      expect(await lastUsed()).toBeNull();
      const first = clock.now().toISOString();
      await me(issued.key);
      await waitFor('last use recorded', async () => (await lastUsed()) === first);
      clock.advance(30_000);
      await me(issued.key);
      clock.advance(29_000);
      await me(issued.key);
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(await lastUsed()).toBe(first);
      clock.advance(2_000);
      await me(issued.key);
      await waitFor('a later use recorded', async () => (await lastUsed()) === clock.now().toISOString());
    });
  });

  describe('who may do what', () => {
    let agencyId: string;
    let keyId: string;
    let partnerKey: string;
    const routes = (): Array<['GET' | 'POST' | 'PATCH', string]> => [
      ['POST', ADMIN],
      ['GET', ADMIN],
      ['GET', `${ADMIN}/${agencyId}`],
      ['PATCH', `${ADMIN}/${agencyId}`],
      ['POST', `${ADMIN}/${agencyId}/api-keys`],
      ['GET', `${ADMIN}/${agencyId}/api-keys`],
      ['POST', `${ADMIN}/${agencyId}/api-keys/${keyId}/rotate`],
      ['POST', `${ADMIN}/${agencyId}/api-keys/${keyId}/revoke`],
    ];

    beforeAll(async () => {
      // GOVERNMENT: the one agency type whose key may carry every scope.
      agencyId = (await newAgency(app, { type: AgencyType.Government })).id;
      const issued = await issue(app, agencyId, Object.values(ApiKeyScope));
      [keyId, partnerKey] = [issued.id, issued.key];
    });

    it.each([StaffRole.Caseworker, StaffRole.Coordinator, StaffRole.Auditor])('refuses role %s every admin route with 403', async (role) => {
      const { token } = staffByRole.get(role)!;
      for (const [method, url] of routes()) {
        const response = await call(method, url, token, method === 'GET' ? undefined : {});
        expect({ method, url, status: response.statusCode }).toEqual({ method, url, status: 403 });
      }
    });

    it('refuses a partner key every admin route with 403, even with every scope', async () => {
      for (const [method, url] of routes()) {
        const response = await call(method, url, partnerKey, method === 'GET' ? undefined : {});
        expect({ method, url, status: response.statusCode }).toEqual({ method, url, status: 403 });
      }
    });

    it('refuses anonymous callers everywhere with 401', async () => {
      for (const [method, url] of [...routes(), ['GET', '/partner/v1/me'] as const]) {
        const response = await call(method, url, undefined, method === 'GET' ? undefined : {});
        expect({ method, url, status: response.statusCode }).toEqual({ method, url, status: 401 });
      }
    });

    it('refuses staff, admins included, on the partner API with 403', async () => {
      for (const role of Object.values(StaffRole)) {
        expect((await me(staffByRole.get(role)!.token)).statusCode).toBe(403);
      }
    });

    it('a partner sees only its own agency: /me answers from the key, whatever else is asked', async () => {
      const b = await newAgency(app, { name: 'Agency B' });
      const bKey = await issue(app, b.id);
      const response = await app.http!.inject({
        method: 'GET',
        url: `/partner/v1/me?agencyId=${agencyId}`,
        headers: { ...bearer(bKey.key), 'x-agency-id': agencyId },
      });
      expectPartnerContract('GET', '/partner/v1/me', response);
      expect(response.statusCode).toBe(200);
      expect(response.json().agency).toEqual({ id: b.id, name: 'Agency B', type: 'SHELTER' });
      expect(response.body).not.toContain(agencyId);
    });

    it('audits every denial', async () => {
      const denials = await db.query(`SELECT actor_type, details FROM audit_events WHERE action = 'access.denied' AND actor_id = $1`, [agencyId]);
      expect(denials.length).toBeGreaterThanOrEqual(routes().length);
      expect(denials).toContainEqual({ actor_type: 'partner', details: { reason: 'permission' } });
    });
  });

  describe('what is stored and logged', () => {
    it('audits every key mutation, with ids and scopes only', async () => {
      const keys = await db.query(`SELECT id, rotated_from, revoked_at FROM api_keys`);
      const audit: Array<{ action: string; resource_id: string; details: Record<string, unknown> }> = await db.query(
        `SELECT action, resource_id, details FROM audit_events WHERE resource_type = 'api_key'`,
      );
      const count = (id: string, action: string) => audit.filter((event) => event.resource_id === id && event.action === action).length;
      for (const key of keys) {
        expect(count(key.id, key.rotated_from ? 'apikey.rotated' : 'apikey.created')).toBe(1);
        expect(count(key.id, 'apikey.revoked')).toBe(key.revoked_at ? 1 : 0);
      }
      for (const event of audit) {
        expect(event.details).toHaveProperty('agencyId');
        for (const field of Object.keys(event.details)) expect(['agencyId', 'scopes', 'expires', 'rotatedFrom', 'overlapHours']).toContain(field);
      }
    });

    it('writes a change and its audit row in one transaction: no audit row, no change', async () => {
      const agency = await newAgency(app);
      const audit = app.context.get(AuditService, { strict: false });
      const failing = jest.spyOn(audit, 'record').mockRejectedValueOnce(new Error('audit log unavailable'));
      try {
        const response = await asAdmin('POST', `${ADMIN}/${agency.id}/api-keys`, { label: 'x', scopes: ['cases:read'] });
        expect(response.statusCode).toBe(500);
        expect(await db.query(`SELECT id FROM api_keys WHERE agency_id = $1`, [agency.id])).toEqual([]);
      } finally {
        failing.mockRestore();
      }
    });

    it('no key, secret or hash is in the audit log, the key table or any log line', async () => {
      expect(issuedKeys.length).toBeGreaterThan(10);
      const auditText = JSON.stringify(await db.query(`SELECT * FROM audit_events`));
      const keyRows = JSON.stringify(await db.query(`SELECT id, agency_id, label, lookup_id, scopes FROM api_keys`));
      expect(logs.lines.length).toBeGreaterThan(0);
      for (const key of issuedKeys) {
        const secret = key.slice(-43);
        for (const text of [auditText, logs.text]) {
          expect(text).not.toContain(secret);
          expect(text).not.toContain(hashApiKey(key));
          expect(text).not.toContain(key.slice(4, 16)); // the lookup id: non-secret, but no business in logs
        }
        expect(keyRows).not.toContain(secret);
      }
    });
  });
});
