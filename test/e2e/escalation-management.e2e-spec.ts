import { OPENAPI_FILE } from '@app/export-openapi';
import { watchContract } from '@test/support/openapi-contract';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { JobName } from '@common/jobs/job-name';
import { JobDispatcher } from '@infra/queue/job-dispatcher';
import { newCase } from '@test/support/builders/cases';
import { type StaffFixture } from '@test/support/builders/staff';
import { FakeClock } from '@test/support/fake-clock';
import { TestContext, type TestApp } from '@test/support/test-context';
import { callAs, staffWorld, type StaffMethod } from '@test/support/staff-world';

const MIN = 60_000;
const H = 60 * MIN;

interface Escalation {
  id: string;
  caseReference: string;
  trigger: string;
  level: number;
  state: string;
  assigneeId: string | null;
}

describe('escalations: manual raising, reassignment, timeline, list filters', () => {
  let ctx: TestContext;
  let app: TestApp;
  /** Every staff answer in this file is checked against docs/openapi.json. */
  let contract: ReturnType<typeof watchContract>;
  let db: DataSource;
  const clock = new FakeClock(new Date('2027-06-01T08:00:00Z'));
  let caseworkerA: StaffFixture;
  let caseworkerB: StaffFixture;
  let coordinatorA: StaffFixture;
  let coordinatorB: StaffFixture;

  beforeAll(async () => {
    ({
      ctx,
      app,
      staff: { caseworkerA, caseworkerB, coordinatorA, coordinatorB },
    } = await staffWorld({ clock }, ['caseworkerA', 'caseworkerB', 'coordinatorA', 'coordinatorB']));
    contract = watchContract(app.http!, OPENAPI_FILE);
    db = await ctx.dataSource();
  });
  afterAll(() => ctx.close());

  const call = (method: StaffMethod, url: string, who: StaffFixture, payload?: object) => callAs(app, method, url, who, payload);
  const raise = async (reference: string, level?: number, who = caseworkerA): Promise<Escalation> => {
    const raised = await call('POST', `/api/v1/cases/${reference}/escalations`, who, level ? { level } : {});
    expect(raised.statusCode).toBe(201);
    return raised.json<Escalation>();
  };
  /** Runs the due ladder steps of one escalation, as the worker would. */
  const runSteps = async (escalationId: string): Promise<void> => {
    const dispatcher = app.context.get(JobDispatcher);
    const due: Array<{ id: string }> = await db.query(
      `SELECT id FROM outbox_events WHERE job_name = $1 AND payload->>'escalationId' = $2 AND status IN ('PENDING', 'ENQUEUED') AND available_at <= $3`,
      [JobName.EscalationStep, escalationId, clock.now()],
    );
    for (const event of due) await dispatcher.dispatch({ id: event.id, name: JobName.EscalationStep, attemptsMade: 0, opts: { attempts: 1 } });
  };
  const listIds = async (query: string, who = coordinatorA): Promise<string[]> => {
    const response = await call('GET', `/api/v1/escalations?limit=100&${query}`, who);
    expect(response.statusCode).toBe(200);
    return response.json<{ items: Escalation[] }>().items.map((e) => e.id);
  };

  it('a caseworker raises a MANUAL escalation; it climbs, a coordinator reassigns it, the assignee acknowledges and resolves; the timeline tells it all with actors and times', async () => {
    const { reference } = await newCase(app, caseworkerA.token, { priority: 'URGENT' });
    clock.advance(MIN);
    const opened = await raise(reference);
    expect(opened).toMatchObject({ trigger: 'MANUAL', level: 1, state: 'OPEN', assigneeId: null });
    const openedAt = clock.now().toISOString();

    clock.advance(2 * H + MIN); // URGENT level 1 window: 2 h
    await runSteps(opened.id);
    const climbedAt = clock.now().toISOString();

    // Only coordinators reassign; only to a coordinator or a caseworker assigned to the case.
    expect((await call('POST', `/api/v1/escalations/${opened.id}/reassignment`, caseworkerA, { assigneeId: coordinatorB.id })).statusCode).toBe(403);
    for (const assigneeId of [caseworkerB.id, randomUUID()]) {
      const refused = await call('POST', `/api/v1/escalations/${opened.id}/reassignment`, coordinatorA, { assigneeId });
      expect(refused.statusCode).toBe(422);
      expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(refused.json()).toMatchObject({
        type: 'urn:corridor:problem:escalation-assignee-invalid',
        errors: [expect.objectContaining({ pointer: '/assigneeId' })],
      });
    }
    const malformed = await call('POST', `/api/v1/escalations/${opened.id}/reassignment`, coordinatorA, { assigneeId: 'coordinator-b' });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect((await call('POST', `/api/v1/escalations/${randomUUID()}/reassignment`, coordinatorA, { assigneeId: coordinatorB.id })).statusCode).toBe(404);
    expect(await db.query(`SELECT assignee_id FROM escalations WHERE id = $1`, [opened.id])).toEqual([{ assignee_id: null }]);

    clock.advance(MIN);
    const reassigned = await call('POST', `/api/v1/escalations/${opened.id}/reassignment`, coordinatorA, { assigneeId: coordinatorB.id });
    expect(reassigned.statusCode).toBe(200);
    expect(reassigned.json()).toMatchObject({ id: opened.id, level: 2, state: 'OPEN', assigneeId: coordinatorB.id });
    const reassignedAt = clock.now().toISOString();
    const inbox = (await call('GET', '/api/v1/me/notifications?limit=100', coordinatorB)).json<{
      items: Array<{ kind: string; subjectId: string; details: Record<string, unknown> }>;
    }>();
    expect(inbox.items.filter((n) => n.kind === 'escalation.assigned')).toEqual([
      expect.objectContaining({ subjectId: opened.id, details: { caseReference: reference, trigger: 'MANUAL', level: 2 } }),
    ]);
    expect(await db.query(`SELECT actor_id, details FROM audit_events WHERE action = 'escalation.reassigned' AND resource_id = $1`, [opened.id])).toEqual([
      { actor_id: coordinatorA.id, details: expect.objectContaining({ from: 'none', to: coordinatorB.id }) },
    ]);

    clock.advance(MIN);
    expect((await call('POST', `/api/v1/escalations/${opened.id}/acknowledgement`, coordinatorB)).statusCode).toBe(200);
    const acknowledgedAt = clock.now().toISOString();
    clock.advance(MIN);
    expect((await call('POST', `/api/v1/escalations/${opened.id}/resolution`, coordinatorB, { outcome: 'SAFE' })).statusCode).toBe(200);
    const resolvedAt = clock.now().toISOString();
    const late = await call('POST', `/api/v1/escalations/${opened.id}/reassignment`, coordinatorA, { assigneeId: coordinatorA.id });
    expect(late.statusCode).toBe(409);
    expect(late.json().type).toBe('urn:corridor:problem:escalation-not-open');

    const detail = await call('GET', `/api/v1/escalations/${opened.id}`, coordinatorA);
    expect(detail.statusCode).toBe(200);
    expect(detail.json()).toMatchObject({ id: opened.id, state: 'RESOLVED', outcome: 'SAFE', assigneeId: coordinatorB.id });
    expect(detail.json().timeline).toEqual([
      { kind: 'OPENED', level: 1, actor: caseworkerA.id, at: openedAt, details: { trigger: 'MANUAL' } },
      { kind: 'ESCALATED', level: 2, actor: 'system:escalations', at: climbedAt, details: { from: 1, to: 2 } },
      { kind: 'REASSIGNED', level: 2, actor: coordinatorA.id, at: reassignedAt, details: { from: null, to: coordinatorB.id } },
      { kind: 'ACKNOWLEDGED', level: 2, actor: coordinatorB.id, at: acknowledgedAt, details: {} },
      { kind: 'RESOLVED', level: 2, actor: coordinatorB.id, at: resolvedAt, details: { outcome: 'SAFE' } },
    ]);
    // The case's own caseworker sees it; another caseworker gets the same 404 as for an unknown id.
    expect((await call('GET', `/api/v1/escalations/${opened.id}`, caseworkerA)).statusCode).toBe(200);
    for (const id of [opened.id, randomUUID(), 'not-an-id']) expect((await call('GET', `/api/v1/escalations/${id}`, caseworkerB)).statusCode).toBe(404);
  });

  it('a caseworker assigned to the case can be the assignee; one not assigned cannot', async () => {
    const { reference } = await newCase(app, caseworkerA.token, { priority: 'NORMAL' });
    const opened = await raise(reference, 2);
    clock.advance(MIN);
    const toA = await call('POST', `/api/v1/escalations/${opened.id}/reassignment`, coordinatorA, { assigneeId: caseworkerA.id });
    expect(toA.statusCode).toBe(200);
    expect(toA.json().assigneeId).toBe(caseworkerA.id);
    expect((await call('POST', `/api/v1/escalations/${opened.id}/reassignment`, coordinatorA, { assigneeId: caseworkerB.id })).statusCode).toBe(422);
    expect((await call('GET', `/api/v1/escalations/${opened.id}`, coordinatorA)).json().timeline.map((e: { kind: string }) => e.kind)).toEqual([
      'OPENED',
      'REASSIGNED',
    ]);
  });

  it('filters the list by level, trigger, activation and state, keyset-paginated; bad filters get a 400 problem', async () => {
    // An activation coordinator A is in charge of (coordinators see cases of no activation or of
    // their own), over a country none of these cases comes from so nothing links by itself.
    const declared = await call('POST', '/api/v1/activations', coordinatorA, { code: 'KZ-2026-01', title: 'Filter test', originCountries: ['KZ'], roster: [] });
    expect(declared.statusCode).toBe(201);
    const activationId = declared.json<{ id: string }>().id;
    const inActivation = await newCase(app, caseworkerA.token, { priority: 'NORMAL' });
    const outside = await newCase(app, caseworkerA.token, { priority: 'NORMAL' });
    const third = await newCase(app, caseworkerA.token, { priority: 'NORMAL' });
    // The fan-out links cases by origin country; here the link is arranged directly.
    await db.query(`UPDATE cases SET activation_id = $1 WHERE reference = $2`, [activationId, inActivation.reference]);
    const a = await raise(inActivation.reference, 1);
    clock.advance(MIN);
    const b = await raise(outside.reference, 2);
    clock.advance(MIN);
    const c = await raise(third.reference, 3);
    expect((await call('POST', `/api/v1/escalations/${b.id}/acknowledgement`, coordinatorA)).statusCode).toBe(200);
    expect((await call('POST', `/api/v1/escalations/${c.id}/resolution`, coordinatorA, { outcome: 'FALSE_ALARM' })).statusCode).toBe(200);
    const mine = [a.id, b.id, c.id];
    const ofMine = (ids: string[]) => ids.filter((id) => mine.includes(id));

    expect(await listIds(`activationId=${activationId}`)).toEqual([a.id]);
    expect(ofMine(await listIds('trigger=MANUAL'))).toEqual(mine);
    expect(ofMine(await listIds('trigger=DURESS'))).toEqual([]);
    expect(ofMine(await listIds('level=2'))).toEqual([b.id]);
    expect(ofMine(await listIds('state=OPEN'))).toEqual([a.id]);
    expect(ofMine(await listIds('state=ACKNOWLEDGED'))).toEqual([b.id]);
    expect(ofMine(await listIds('state=RESOLVED'))).toEqual([c.id]);
    expect(ofMine(await listIds('state=RESOLVED&level=3&trigger=MANUAL'))).toEqual([c.id]);
    expect(await listIds(`activationId=${activationId}&state=RESOLVED`)).toEqual([]);
    expect(await listIds(`activationId=${randomUUID()}`)).toEqual([]);
    // One case's escalations (the console's case page); a case out of scope answers an empty page.
    expect(await listIds(`caseReference=${outside.reference}`)).toEqual([b.id]);
    expect(await listIds(`caseReference=${third.reference}&state=RESOLVED`)).toEqual([c.id]);
    expect(await listIds(`caseReference=${outside.reference}`, caseworkerB)).toEqual([]);
    // A caseworker's list holds only their cases; caseworker B has none of these.
    expect(ofMine(await listIds('trigger=MANUAL', caseworkerB))).toEqual([]);

    // Keyset: one at a time, in opening order, no repeats.
    const walked: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: Escalation[]; nextCursor: string | null } = (
        await call('GET', `/api/v1/escalations?trigger=MANUAL&limit=1${cursor ? `&cursor=${cursor}` : ''}`, coordinatorA)
      ).json();
      expect(page.items.length).toBeLessThanOrEqual(1);
      walked.push(...page.items.map((e) => e.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(ofMine(walked)).toEqual(mine);
    expect(new Set(walked).size).toBe(walked.length);

    for (const bad of [
      'level=7',
      'level=two',
      'trigger=WHATEVER',
      'state=CLOSED',
      'activationId=az-2017',
      'caseReference=CR-1',
      'cursor=bm90LW91cnM',
      'limit=0',
    ]) {
      const refused = await call('GET', `/api/v1/escalations?${bad}`, coordinatorA);
      expect({ bad, status: refused.statusCode }).toEqual({ bad, status: 400 });
      expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
  });

  it('answered only what the staff OpenAPI document declares', () => {
    expect(contract.checked()).toBeGreaterThan(0);
    expect(contract.violations()).toEqual([]);
  });
});
