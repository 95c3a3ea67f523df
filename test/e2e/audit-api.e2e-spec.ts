import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { systemActor } from '@common/access/principal';
import { AuditOutcome } from '@modules/audit/audit-outcome';
import { AuditSealer } from '@modules/audit/audit-sealer';
import { AuditService } from '@modules/audit/audit.service';
import { StaffRole } from '@common/access/roles';
import { newStaff, type StaffFixture } from '@test/support/builders/staff';
import { FakeClock } from '@test/support/fake-clock';
import { TestContext, type TestApp } from '@test/support/test-context';

interface Item {
  id: string;
  seq: number;
  action: string;
  caseId: string | null;
  outcome: string;
  actorType: string;
  occurredAt: string;
}

describe('auditor API', () => {
  let ctx: TestContext;
  let db: DataSource;
  let app: TestApp;
  let auditor: StaffFixture;
  let auditorSessionId: string;
  const others = new Map<StaffRole, StaffFixture>();
  const clock = new FakeClock(new Date());
  const caseId = randomUUID();

  const get = (url: string, token: string | null = auditor.token) =>
    app.http!.inject({ method: 'GET', url, headers: token ? { authorization: `Bearer ${token}` } : {} });

  const items = async (url: string): Promise<Item[]> => (await get(url)).json<{ items: Item[] }>().items;

  const seal = async () => {
    for (;;) if ((await app.context.get(AuditSealer).sealPending()).sealed === 0) return;
  };

  const expectInvalid = async (url: string) => {
    const response = await get(url);
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.json()).toMatchObject({ type: 'urn:corridor:problem:validation-failed', status: 400, requestId: response.headers['x-request-id'] });
    return response;
  };

  beforeAll(async () => {
    ctx = await TestContext.create();
    db = await ctx.dataSource();
    app = await ctx.startApp({ clock });
    auditor = await newStaff(app, clock, [StaffRole.Auditor]);
    [{ id: auditorSessionId }] = await db.query(`SELECT id FROM staff_sessions WHERE user_id = $1 AND revoked_at IS NULL`, [auditor.id]);
    for (const role of [StaffRole.Caseworker, StaffRole.Coordinator, StaffRole.Admin]) others.set(role, await newStaff(app, clock, [role]));
    const audit = app.context.get(AuditService);
    // 120 events: every third about one case, every fifth denied.
    for (let i = 0; i < 120; i += 1) {
      await audit.recordAlone({
        actor: i % 2 === 0 ? systemActor('seed') : { kind: 'anonymous' },
        action: i % 3 === 0 ? 'case.read' : 'probe.write',
        resourceType: 'probe',
        resourceId: `r-${i}`,
        caseId: i % 3 === 0 ? caseId : null,
        outcome: i % 5 === 0 ? AuditOutcome.Denied : AuditOutcome.Success,
        requestId: `seed-${i}`,
      });
    }
    await seal();
  });
  afterAll(() => ctx.close());

  describe('GET /api/v1/audit/events', () => {
    it('pages through every sealed event, newest first, with no repeat and no gap, while sealing goes on', async () => {
      const top = (await db.query(`SELECT max(seq)::int AS n FROM audit_events`))[0].n as number;
      const seen: number[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const response = await get(`/api/v1/audit/events?limit=50${cursor ? `&cursor=${cursor}` : ''}`);
        expect(response.statusCode).toBe(200);
        const page = response.json<{ items: Item[]; nextCursor: string | null }>();
        expect(page.items.length).toBeLessThanOrEqual(50);
        seen.push(...page.items.map((item) => item.seq));
        cursor = page.nextCursor;
        pages += 1;
        // Each read is audited; sealing those entries between pages must not disturb the paging.
        await seal();
      } while (cursor);
      expect(pages).toBe(Math.ceil(top / 50));
      expect(seen).toEqual(Array.from({ length: top }, (_, i) => top - i));
    });

    it('defaults to 50 per page and answers only documented fields', async () => {
      const response = await get('/api/v1/audit/events');
      const page = response.json<{ items: Array<Record<string, unknown>>; nextCursor: string | null }>();
      const [first] = page.items;
      expect(page.items).toHaveLength(50);
      expect(page.nextCursor).toEqual(expect.any(String));
      expect(Object.keys(first ?? {}).sort()).toEqual(
        [
          'action',
          'actorCredentialId',
          'actorId',
          'actorType',
          'caseId',
          'details',
          'hash',
          'id',
          'occurredAt',
          'outcome',
          'prevHash',
          'requestId',
          'resourceId',
          'resourceType',
          'sealedAt',
          'seq',
        ].sort(),
      );
      expect(first?.hash).toMatch(/^[0-9a-f]{64}$/);
      expect(first?.occurredAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    });

    it('filters by case, action, outcome, actor and resource', async () => {
      const byCase = await items(`/api/v1/audit/events?caseId=${caseId}&limit=200`);
      expect(byCase).toHaveLength(40);
      expect(byCase.every((item) => item.caseId === caseId && item.action === 'case.read')).toBe(true);

      const denied = await items(`/api/v1/audit/events?outcome=DENIED&action=probe.write&limit=200`);
      // i % 5 === 0 and i % 3 !== 0, among 0..119: 24 multiples of 5 minus 8 multiples of 15.
      expect(denied).toHaveLength(16);
      expect(denied.every((item) => item.outcome === 'DENIED' && item.action === 'probe.write')).toBe(true);

      const anonymous = await items(`/api/v1/audit/events?actorType=anonymous&resourceType=probe&limit=200`);
      expect(anonymous).toHaveLength(60);

      const one = await items(`/api/v1/audit/events?resourceId=r-7&actorType=anonymous`);
      expect(one).toHaveLength(1);
      const system = await items(`/api/v1/audit/events?actorId=seed&resourceId=r-7`);
      expect(system).toHaveLength(0);
    });

    it('filters by time: from inclusive, to exclusive', async () => {
      const all = await items(`/api/v1/audit/events?resourceType=probe&limit=200`);
      const middle = all[60]?.occurredAt ?? '';
      const from = await items(`/api/v1/audit/events?resourceType=probe&limit=200&from=${middle}`);
      const to = await items(`/api/v1/audit/events?resourceType=probe&limit=200&to=${middle}`);
      expect(from.every((item) => item.occurredAt >= middle)).toBe(true);
      expect(to.every((item) => item.occurredAt < middle)).toBe(true);
      expect(from.length + to.length).toBe(all.length);
      const offset = encodeURIComponent(new Date(middle).toISOString().replace('Z', '+00:00'));
      expect((await get(`/api/v1/audit/events?resourceType=probe&limit=200&from=${offset}`)).json().items).toHaveLength(from.length);
    });

    it('audits the read itself, committed before the answer leaves', async () => {
      const response = await get(`/api/v1/audit/events?caseId=${caseId}&outcome=SUCCESS&limit=5`);
      expect(response.statusCode).toBe(200);
      const rows = await db.query(
        `SELECT actor_type, actor_id, actor_credential_id, case_id, outcome, details FROM audit_events WHERE action = 'audit.read' AND request_id = $1`,
        [response.headers['x-request-id']],
      );
      expect(rows).toEqual([
        {
          actor_type: 'staff',
          actor_id: auditor.id,
          actor_credential_id: auditorSessionId,
          case_id: caseId,
          outcome: 'SUCCESS',
          details: { returned: 5, filters: ['caseId', 'outcome'], paged: false },
        },
      ]);
    });

    it('refuses bad input with 400 problem+json, without echoing it', async () => {
      for (const limit of ['0', '201', 'abc', '5.5', '-1', '1e2', '']) await expectInvalid(`/api/v1/audit/events?limit=${limit}`);
      const unknown = await expectInvalid('/api/v1/audit/events?religion=SECRET-VALUE');
      expect(unknown.json().errors).toEqual([{ pointer: '/religion', detail: 'unknown property "religion"' }]);
      expect(unknown.body).not.toContain('SECRET-VALUE');
      await expectInvalid('/api/v1/audit/events?caseId=not-a-uuid');
      await expectInvalid('/api/v1/audit/events?action=Not%20An%20Action');
      await expectInvalid('/api/v1/audit/events?action=case.read&action=case.write');
      await expectInvalid('/api/v1/audit/events?outcome=MAYBE');
      await expectInvalid('/api/v1/audit/events?actorType=robot');
      await expectInvalid('/api/v1/audit/events?from=2026-01-15T09:00:00');
      await expectInvalid('/api/v1/audit/events?from=2026-02-30T09:00:00Z');
      await expectInvalid('/api/v1/audit/events?from=yesterday');
      const inverted = await expectInvalid('/api/v1/audit/events?from=2026-01-16T00:00:00Z&to=2026-01-15T00:00:00Z');
      expect(inverted.json().errors).toEqual([{ pointer: '/from', detail: 'from is after to' }]);
    });

    it('refuses a cursor it did not issue', async () => {
      const b64 = (text: string) => Buffer.from(text).toString('base64url');
      for (const cursor of ['not!base64', b64('s1:abc'), b64('s1:0'), b64('s1:-5'), b64('s2:10'), b64('s1:10 '), `${b64('s1:10')}A`, 'x'.repeat(65)]) {
        const response = await expectInvalid(`/api/v1/audit/events?cursor=${encodeURIComponent(cursor)}`);
        expect(response.json().errors.map((error: { pointer: string }) => error.pointer)).toContain('/cursor');
      }
      const valid = (await get('/api/v1/audit/events?limit=1')).json().nextCursor as string;
      expect((await get(`/api/v1/audit/events?cursor=${valid}`)).statusCode).toBe(200);
    });
  });

  describe('access', () => {
    const routes = ['/api/v1/audit/events', '/api/v1/audit/verification'];

    it.each(routes)('%s: 401 without or with a bad credential', async (url) => {
      for (const token of [null, 'cst_no_such_token_000000000000000000000000000000']) {
        const response = await get(url, token);
        expect(response.statusCode).toBe(401);
        expect(response.json()).toMatchObject({ type: 'urn:corridor:problem:unauthenticated' });
      }
    });

    it.each(routes)('%s: 403 for caseworkers, coordinators and admins, and the denial is audited', async (url) => {
      for (const role of [StaffRole.Caseworker, StaffRole.Coordinator, StaffRole.Admin]) {
        const { token, id } = others.get(role)!;
        const response = await get(url, token);
        expect(response.statusCode).toBe(403);
        expect(response.json()).toMatchObject({ type: 'urn:corridor:problem:forbidden' });
        const denials = await db.query(`SELECT outcome FROM audit_events WHERE action = 'access.denied' AND actor_id = $1 AND resource_id = $2`, [
          id,
          `GET ${url}`,
        ]);
        expect(denials).toEqual([{ outcome: 'DENIED' }]);
      }
    });
  });

  describe('GET /api/v1/audit/verification', () => {
    it('reports the chain, its head and the unsealed tail, and audits the call', async () => {
      await seal();
      await app.context.get(AuditService).recordAlone({ actor: systemActor('test'), action: 'probe.write', resourceType: 'probe' });
      const [head] = await db.query(`SELECT last_seq::int AS seq, last_hash AS hash FROM audit_chain_head`);
      const response = await get('/api/v1/audit/verification');
      expect(response.statusCode).toBe(200);
      expect(response.json()).toEqual({
        status: 'ok',
        mode: 'incremental',
        sealedCount: head.seq,
        headHash: head.hash,
        verifiedThroughSeq: head.seq,
        complete: true,
        checkedNow: head.seq,
        brokenAt: null,
        unsealedCount: 1,
        oldestUnsealedAt: expect.stringMatching(/Z$/),
      });
      const audited = await db.query(`SELECT details FROM audit_events WHERE action = 'audit.verify' AND request_id = $1`, [response.headers['x-request-id']]);
      expect(audited).toEqual([{ details: { status: 'ok', checked: head.seq, verifiedThroughSeq: head.seq } }]);
    });

    it('reports the first broken link', async () => {
      await seal();
      const [target] = await db.query(`SELECT id, seq::int AS seq FROM audit_events ORDER BY seq DESC LIMIT 1 OFFSET 1`);
      await db.transaction(async (tx) => {
        await tx.query(`SET LOCAL session_replication_role = replica`);
        await tx.query(`UPDATE audit_events SET action = 'case.export' WHERE id = $1`, [target.id]);
      });
      const response = await get('/api/v1/audit/verification');
      expect(response.statusCode).toBe(200);
      expect(response.json()).toMatchObject({
        status: 'broken',
        complete: false,
        verifiedThroughSeq: target.seq - 1,
        brokenAt: { seq: target.seq, eventId: target.id, reason: 'hash-mismatch' },
      });
    });
  });
});
