import { DataSource } from 'typeorm';
import { systemActor } from '@common/access/principal';
import { JobDispatcher } from '@infra/queue/job-dispatcher';
import { AuditSealer } from '@modules/audit/audit-sealer';
import { AuditVerifier } from '@modules/audit/audit-verifier';
import { CasePriority } from '@modules/cases/domain/case-stage';
import { EscalationLevel, EscalationTrigger } from '@modules/escalations/domain/escalation';
import { EscalationsService } from '@modules/escalations/escalations.service';
import { newCase } from '@test/support/builders/cases';
import { newAgency } from '@test/support/builders/partners';
import { type StaffFixture } from '@test/support/builders/staff';
import { FakeClock } from '@test/support/fake-clock';
import { scanDatabaseForPlaintext } from '@test/support/plaintext-scan';
import { TestContext, type TestApp } from '@test/support/test-context';
import { runDueJobs } from '@test/support/run-due-jobs';
import { callAs, staffWorld, type StaffMethod } from '@test/support/staff-world';

const H = 3_600_000;
const MIN = 60_000;

describe('check-ins and escalations', () => {
  let ctx: TestContext;
  let app: TestApp;
  let db: DataSource;
  const clock = new FakeClock(new Date());
  let caseworkerA: StaffFixture;
  let caseworkerB: StaffFixture;
  let coordinator: StaffFixture;
  let admin: StaffFixture;

  beforeAll(async () => {
    ({
      ctx,
      app,
      staff: { caseworkerA, caseworkerB, coordinator, admin },
    } = await staffWorld({ clock }, ['caseworkerA', 'caseworkerB', 'coordinator', 'admin']));
    db = await ctx.dataSource();
  });
  afterAll(() => ctx.close());

  const call = (method: StaffMethod, url: string, who: StaffFixture, payload?: object) => callAs(app, method, url, who, payload);

  const runDue = (): Promise<number> => runDueJobs(app, clock);

  const escalationsOf = (reference: string, trigger = 'MISSED_CHECKIN'): Promise<Array<{ id: string; level: number; state: string; outcome: string | null }>> =>
    db.query(`SELECT id, level, state, outcome FROM escalations WHERE case_reference = $1 AND trigger = $2 ORDER BY opened_at`, [reference, trigger]);

  const schedule = async (reference: string) => (await call('GET', `/api/v1/cases/${reference}/schedule`, caseworkerA)).json();

  /** A fresh case of caseworker A, triaged so its triage deadline does not interfere. */
  const openCase = async (priority: CasePriority): Promise<string> => {
    const { reference } = await newCase(app, caseworkerA.token, { priority });
    await db.query(`UPDATE cases SET triaged_at = $2 WHERE reference = $1`, [reference, clock.now()]);
    return reference;
  };

  /** Moves the clock to the case's current deadline and runs what is due. */
  const missDeadline = async (reference: string): Promise<void> => {
    clock.set((await schedule(reference)).deadlineAt);
    await runDue();
  };

  const inbox = async (who: StaffFixture, escalationId: string) =>
    (
      (await call('GET', '/api/v1/me/notifications?limit=100', who)).json().items as Array<{ kind: string; subjectId: string; details: { level: number } }>
    ).filter((n) => n.kind === 'escalation.raised' && n.subjectId === escalationId);

  it('gives a new case a schedule from the interval table: URGENT intake 48 h, deadline 10 % later', async () => {
    const { reference } = await newCase(app, caseworkerA.token, { priority: 'URGENT' });
    const now = clock.nowMs();
    const view = await schedule(reference);
    expect(view).toMatchObject({ reference, status: 'ACTIVE', version: 1, stage: 'INTAKE', priority: 'URGENT', intervalMinutes: 48 * 60, lastCheckinAt: null });
    expect(new Date(view.dueAt).getTime() - now).toBe(48 * H);
    expect(new Date(view.deadlineAt).getTime() - now).toBe(48 * H + 4.8 * H);
    const [event] = await db.query(`SELECT available_at, payload FROM outbox_events WHERE dedupe_key = $1`, [
      `checkin.deadline:${(await db.query(`SELECT id FROM cases WHERE reference = $1`, [reference]))[0].id}:1`,
    ]);
    expect(event.available_at.toISOString()).toBe(view.deadlineAt);
  });

  it('recomputes when the case enters a stage or its priority changes (new version, new deadline event)', async () => {
    const { reference } = await newCase(app, caseworkerA.token, { priority: 'NORMAL' });
    expect((await schedule(reference)).intervalMinutes).toBe(7 * 24 * 60);
    const triage = await call('POST', `/api/v1/cases/${reference}/triage`, caseworkerA, { factors: ['DETAINED_OR_RECENTLY_RELEASED', 'NAMED_BY_DETAINEE'] });
    expect(triage.json().priority).toBe('EMERGENCY');
    expect(await schedule(reference)).toMatchObject({ version: 2, priority: 'EMERGENCY', intervalMinutes: 24 * 60 });
    clock.advance(MIN);
    expect((await call('POST', `/api/v1/cases/${reference}/transitions`, caseworkerA, { to: 'VERIFICATION' })).statusCode).toBe(200);
    const view = await schedule(reference);
    expect(view).toMatchObject({ version: 3, stage: 'VERIFICATION' });
    expect(new Date(view.dueAt).getTime()).toBe(clock.nowMs() + 24 * H);
    const closed = await call('POST', `/api/v1/cases/${reference}/transitions`, caseworkerA, { to: 'CLOSED', closureReason: 'WITHDRAWN' });
    expect(closed.statusCode).toBe(200);
    expect(await schedule(reference)).toMatchObject({ version: 4, status: 'CLOSED', dueAt: null, deadlineAt: null });
    // The old deadlines find a newer version: nothing opens.
    clock.advance(9 * 24 * H);
    await runDue();
    expect(await escalationsOf(reference)).toEqual([]);
  });

  it('at level 3 tells the agencies sharing the case (escalation.raised, thin), and no other agency', async () => {
    const reference = await openCase(CasePriority.EMERGENCY);
    const sharing = await newAgency(app);
    const bystander = await newAgency(app);
    const expiresAt = new Date(clock.nowMs() + 30 * 24 * H).toISOString();
    const shared = await call('POST', `/api/v1/cases/${reference}/shares`, caseworkerA, {
      agencyId: sharing.id,
      fields: ['firstName', 'city'],
      purpose: 'SHELTER',
      expiresAt,
    });
    expect(shared.statusCode).toBe(201);
    const raisedEvents = async () =>
      db.query<Array<{ payload: { agencyId: string; data: Record<string, unknown> } }>>(
        `SELECT payload FROM outbox_events WHERE job_name = 'partner.event' AND payload->>'type' = 'escalation.raised'`,
      );

    await missDeadline(reference);
    clock.advance(H);
    await runDue();
    expect((await escalationsOf(reference))[0]!.level).toBe(2);
    expect(await raisedEvents()).toEqual([]);

    clock.advance(2 * H);
    await runDue();
    await runDue();
    const [escalation] = await escalationsOf(reference);
    expect(escalation!.level).toBe(3);
    const events = await raisedEvents();
    expect(events.map((e) => e.payload.agencyId)).toEqual([sharing.id]);
    expect(events.map((e) => e.payload.agencyId)).not.toContain(bystander.id);
    expect(events[0]!.payload.data).toEqual({
      escalationId: escalation!.id,
      caseReference: reference,
      trigger: 'MISSED_CHECKIN',
      level: 3,
      priority: 'EMERGENCY',
    });
  });

  it('walks a missed check-in through levels 1 → 2 → 3 on the EMERGENCY windows, alerting each level', async () => {
    const reference = await openCase(CasePriority.EMERGENCY);
    clock.set(new Date(new Date((await schedule(reference)).deadlineAt).getTime() - MIN));
    await runDue();
    expect(await escalationsOf(reference)).toEqual([]);
    await missDeadline(reference);
    const [opened] = await escalationsOf(reference);
    expect(opened).toMatchObject({ level: 1, state: 'OPEN' });
    expect(await inbox(caseworkerA, opened!.id)).toHaveLength(1);
    expect(await inbox(coordinator, opened!.id)).toHaveLength(0);

    clock.advance(H - MIN);
    await runDue();
    expect((await escalationsOf(reference))[0]!.level).toBe(1);
    clock.advance(MIN);
    await runDue();
    expect((await escalationsOf(reference))[0]!.level).toBe(2);
    expect((await inbox(coordinator, opened!.id)).map((n) => n.details.level)).toEqual([2]);

    clock.advance(2 * H);
    await runDue();
    expect((await escalationsOf(reference))[0]).toMatchObject({ level: 3, state: 'OPEN' });
    const [row] = await db.query(`SELECT flags FROM cases WHERE reference = $1`, [reference]);
    expect(row.flags).toContain('LOST_CONTACT');
    // The top level stays open until resolved: nothing further is scheduled.
    clock.advance(48 * H);
    await runDue();
    expect(await escalationsOf(reference)).toEqual([expect.objectContaining({ level: 3, state: 'OPEN' })]);

    const listed = (await call('GET', '/api/v1/escalations?trigger=MISSED_CHECKIN&level=3', coordinator)).json();
    expect(listed.items.map((e: { id: string }) => e.id)).toContain(opened!.id);
    const resolved = await call('POST', `/api/v1/escalations/${opened!.id}/resolution`, coordinator, { outcome: 'SAFE' });
    expect(resolved.statusCode).toBe(200);
    expect(resolved.json()).toMatchObject({ state: 'RESOLVED', outcome: 'SAFE' });
    expect((await call('POST', `/api/v1/escalations/${opened!.id}/resolution`, coordinator, { outcome: 'SAFE' })).statusCode).toBe(409);
  });

  it('stops the climb when acknowledged (URGENT windows)', async () => {
    const reference = await openCase(CasePriority.URGENT);
    await missDeadline(reference);
    const [opened] = await escalationsOf(reference);
    const ack = await call('POST', `/api/v1/escalations/${opened!.id}/acknowledgement`, caseworkerA);
    expect(ack.statusCode).toBe(200);
    expect(ack.json()).toMatchObject({ state: 'ACKNOWLEDGED', level: 1 });
    clock.advance(10 * H);
    await runDue();
    expect(await escalationsOf(reference)).toEqual([expect.objectContaining({ level: 1, state: 'ACKNOWLEDGED' })]);
    expect((await call('POST', `/api/v1/escalations/${opened!.id}/acknowledgement`, caseworkerA)).statusCode).toBe(409);
  });

  it('resolves the MISSED_CHECKIN escalation when a check-in comes in, and restarts the schedule', async () => {
    const reference = await openCase(CasePriority.EMERGENCY);
    await missDeadline(reference);
    const before = await schedule(reference);
    const checkin = await call('POST', `/api/v1/cases/${reference}/check-ins`, caseworkerA, {
      channel: 'CALL',
      note: 'Spoke from the neighbour flat, all fine',
    });
    expect(checkin.statusCode).toBe(201);
    expect(checkin.json()).toMatchObject({ reference, channel: 'CALL', resolvedEscalations: 1 });
    expect(await escalationsOf(reference)).toEqual([expect.objectContaining({ state: 'RESOLVED', outcome: 'CONTACT_RESTORED', level: 1 })]);
    const after = await schedule(reference);
    expect(after.version).toBe(before.version + 1);
    expect(after.lastCheckinAt).toBe(clock.now().toISOString());
    expect(new Date(after.dueAt).getTime()).toBe(clock.nowMs() + 24 * H);
    // The pending step finds the escalation resolved: no climb.
    clock.advance(H);
    await runDue();
    expect(await escalationsOf(reference)).toHaveLength(1);
    expect(await scanDatabaseForPlaintext(db, ['neighbour flat'])).toEqual([]);
  });

  it('lets a check-in that races its deadline win: no escalation', async () => {
    const reference = await openCase(CasePriority.URGENT);
    clock.set((await schedule(reference)).deadlineAt);
    // The deadline job is due but has not run yet when the check-in commits.
    expect((await call('POST', `/api/v1/cases/${reference}/check-ins`, caseworkerA, { channel: 'MESSAGE' })).statusCode).toBe(201);
    await runDue();
    expect(await escalationsOf(reference)).toEqual([]);
  });

  it('changes nothing when the same deadline or step job runs twice, or twice at once', async () => {
    const reference = await openCase(CasePriority.EMERGENCY);
    const [{ id: caseId }] = await db.query(`SELECT id FROM cases WHERE reference = $1`, [reference]);
    const version = (await schedule(reference)).version;
    clock.set((await schedule(reference)).deadlineAt);
    const [deadline] = await db.query(`SELECT id FROM outbox_events WHERE dedupe_key = $1`, [`checkin.deadline:${caseId}:${version}`]);
    const dispatcher = app.context.get(JobDispatcher);
    const job = { id: deadline.id, name: 'checkin.deadline', attemptsMade: 0, opts: { attempts: 1 } };
    expect((await Promise.all([dispatcher.dispatch(job), dispatcher.dispatch(job)])).sort()).toEqual(['done', 'skipped']);
    // Even re-run as if never done (a lost DONE mark), the handler opens nothing new.
    await db.query(`UPDATE outbox_events SET status = 'PENDING' WHERE id = $1`, [deadline.id]);
    expect(await dispatcher.dispatch(job)).toBe('done');
    const [opened] = await escalationsOf(reference);
    expect(await escalationsOf(reference)).toHaveLength(1);

    clock.advance(H);
    const [step] = await db.query(`SELECT id FROM outbox_events WHERE dedupe_key = $1`, [`escalation.step:${opened!.id}:1`]);
    const stepJob = { id: step.id, name: 'escalation.step', attemptsMade: 0, opts: { attempts: 1 } };
    await dispatcher.dispatch(stepJob);
    await db.query(`UPDATE outbox_events SET status = 'PENDING' WHERE id = $1`, [step.id]);
    await dispatcher.dispatch(stepJob);
    expect(await escalationsOf(reference)).toEqual([expect.objectContaining({ level: 2 })]);
    const notices = await inbox(coordinator, opened!.id);
    expect(notices).toHaveLength(1);
  });

  it('opens a burst of missed deadlines set-based in the run that fires first, each exactly as one at a time, once', async () => {
    const references = [
      await openCase(CasePriority.EMERGENCY),
      await openCase(CasePriority.EMERGENCY),
      await openCase(CasePriority.EMERGENCY),
      await openCase(CasePriority.EMERGENCY),
    ];
    const [a, b, alreadyOpen, checkedIn] = references as [string, string, string, string];
    const ids = new Map<string, string>();
    for (const reference of references) ids.set(reference, (await db.query(`SELECT id FROM cases WHERE reference = $1`, [reference]))[0].id);
    const deadlineAt = new Date((await schedule(a)).deadlineAt);
    // Version 1 of every schedule falls due at the same instant.
    const events = new Map<string, string>();
    for (const reference of references) {
      expect(new Date((await schedule(reference)).deadlineAt)).toEqual(deadlineAt);
      events.set(reference, (await db.query(`SELECT id FROM outbox_events WHERE dedupe_key = $1`, [`checkin.deadline:${ids.get(reference)}:1`]))[0].id);
    }
    // One case already has an unresolved MISSED_CHECKIN (the unique index skips it); one checks in in time (version 2).
    clock.advance(10 * MIN);
    const service = app.context.get(EscalationsService);
    const [existing] = await Promise.all([
      db.transaction((tx) =>
        service.open(tx, {
          caseId: ids.get(alreadyOpen)!,
          reference: alreadyOpen,
          priority: CasePriority.EMERGENCY,
          trigger: EscalationTrigger.MISSED_CHECKIN,
          level: EscalationLevel.CASEWORKER,
          actor: systemActor('test'),
        }),
      ),
      call('POST', `/api/v1/cases/${checkedIn}/check-ins`, caseworkerA, { channel: 'CALL' }).then((response) => expect(response.statusCode).toBe(201)),
    ]);

    clock.set(deadlineAt);
    // Two deadline jobs run at once: each claims the due deadlines the other does not hold (the
    // second skips when the first claimed its event before it locked it — both orders are right).
    const dispatcher = app.context.get(JobDispatcher);
    const job = (reference: string) => ({ id: events.get(reference)!, name: 'checkin.deadline', attemptsMade: 0, opts: { attempts: 1 } });
    expect([
      ['done', 'done'],
      ['done', 'skipped'],
    ]).toContainEqual((await Promise.all([dispatcher.dispatch(job(a)), dispatcher.dispatch(job(b))])).sort());
    const [{ n: done }] = await db.query(`SELECT count(*)::int AS n FROM outbox_events WHERE id = ANY($1) AND status = 'DONE'`, [[...events.values()]]);
    expect(done).toBe(4);
    // The events claimed by those runs are finished: their own jobs change nothing.
    expect(await dispatcher.dispatch(job(alreadyOpen))).toBe('skipped');
    expect(await dispatcher.dispatch(job(checkedIn))).toBe('skipped');

    expect(await escalationsOf(alreadyOpen)).toEqual([expect.objectContaining({ id: existing!.id })]);
    expect(await escalationsOf(checkedIn)).toEqual([]);
    for (const reference of [a, b]) {
      const opened = await escalationsOf(reference);
      expect(opened).toEqual([expect.objectContaining({ level: 1, state: 'OPEN' })]);
      const id = opened[0]!.id;
      // Everything `open` writes for one escalation: audit, timeline, inbox, staff alert, the next step.
      expect(
        await db.query(`SELECT actor_type, actor_id, case_id, details FROM audit_events WHERE action = 'escalation.opened' AND resource_id = $1`, [id]),
      ).toEqual([{ actor_type: 'system', actor_id: 'checkins', case_id: ids.get(reference), details: { trigger: 'MISSED_CHECKIN', level: 1 } }]);
      expect(await db.query(`SELECT kind, level, actor, details FROM escalation_events WHERE escalation_id = $1`, [id])).toEqual([
        { kind: 'OPENED', level: 1, actor: 'system:checkins', details: { trigger: 'MISSED_CHECKIN' } },
      ]);
      expect((await inbox(caseworkerA, id)).map((n) => n.details)).toEqual([{ caseReference: reference, trigger: 'MISSED_CHECKIN', level: 1 }]);
      const alerts = await db.query(`SELECT payload FROM outbox_events WHERE dedupe_key = $1`, [`staff-alert:escalation:${id}:1`]);
      expect(alerts.map((row: { payload: { data: unknown } }) => row.payload.data)).toEqual([
        { escalationId: id, caseReference: reference, trigger: 'MISSED_CHECKIN', level: 1, priority: 'EMERGENCY' },
      ]);
      const [step] = await db.query(`SELECT available_at FROM outbox_events WHERE dedupe_key = $1`, [`escalation.step:${id}:1`]);
      expect(step.available_at).toEqual(new Date(deadlineAt.getTime() + H));
    }
    // The bulk-inserted audit rows seal into the hash chain like any others.
    while ((await app.context.get(AuditSealer).sealPending()).sealed > 0);
    expect(await app.context.get(AuditVerifier).verifyFull()).toMatchObject({ ok: true, broken: null });
    // And the climb goes on from there as for a single deadline.
    clock.advance(H);
    await runDue();
    for (const reference of [a, b]) expect(await escalationsOf(reference)).toEqual([expect.objectContaining({ level: 2, state: 'OPEN' })]);
  });

  it('keeps at most one unresolved escalation per case and trigger in the database, under concurrency', async () => {
    const reference = await openCase(CasePriority.NORMAL);
    const [{ id: caseId }] = await db.query(`SELECT id FROM cases WHERE reference = $1`, [reference]);
    const service = app.context.get(EscalationsService);
    const dataSource = app.context.get(DataSource);
    const open = () =>
      dataSource.transaction((tx) =>
        service.open(tx, {
          caseId,
          reference,
          priority: CasePriority.NORMAL,
          trigger: EscalationTrigger.MISSED_CHECKIN,
          level: EscalationLevel.CASEWORKER,
          actor: systemActor('test'),
        }),
      );
    const results = await Promise.all(Array.from({ length: 5 }, open));
    expect(results.filter((row) => row !== null)).toHaveLength(1);
    expect(await escalationsOf(reference)).toHaveLength(1);
    // The constraint, not only the code.
    await expect(
      db.query(
        `INSERT INTO escalations (id, case_id, case_reference, trigger, level, state, opened_at, opened_by, level_changed_at)
         VALUES (gen_random_uuid(), $1, $2, 'MISSED_CHECKIN', 1, 'ACKNOWLEDGED', now(), 'test', now())`,
        [caseId, reference],
      ),
    ).rejects.toThrow(/escalations_unresolved_uq/);
  });

  it('opens TRIAGE_SLA_BREACH when the triage deadline passes untriaged, not for a triaged case', async () => {
    const late = await newCase(app, caseworkerA.token, { priority: 'EMERGENCY' });
    const onTime = await newCase(app, caseworkerA.token, { priority: 'EMERGENCY' });
    expect((await call('POST', `/api/v1/cases/${onTime.reference}/triage`, caseworkerA, { factors: ['OUTED'] })).statusCode).toBe(200);
    clock.advance(24 * H);
    await runDue();
    expect(await escalationsOf(late.reference, 'TRIAGE_SLA_BREACH')).toEqual([expect.objectContaining({ level: 1, state: 'OPEN' })]);
    expect(await escalationsOf(onTime.reference, 'TRIAGE_SLA_BREACH')).toEqual([]);
  });

  it('raises a MANUAL escalation once per case until resolved', async () => {
    const reference = await openCase(CasePriority.URGENT);
    const raised = await call('POST', `/api/v1/cases/${reference}/escalations`, caseworkerA, { level: 2 });
    expect(raised.statusCode).toBe(201);
    expect(raised.json()).toMatchObject({ trigger: 'MANUAL', level: 2, levelName: 'COORDINATOR', state: 'OPEN' });
    const again = await call('POST', `/api/v1/cases/${reference}/escalations`, caseworkerA, {});
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ type: 'urn:corridor:problem:escalation-already-open' });
  });

  it("hides other caseworkers' cases and escalations (404, audited)", async () => {
    const reference = await openCase(CasePriority.EMERGENCY);
    await missDeadline(reference);
    const [opened] = await escalationsOf(reference);
    for (const [method, url, body] of [
      ['POST', `/api/v1/cases/${reference}/check-ins`, { channel: 'CALL' }],
      ['GET', `/api/v1/cases/${reference}/schedule`, undefined],
      ['POST', `/api/v1/cases/${reference}/escalations`, {}],
      ['POST', `/api/v1/escalations/${opened!.id}/acknowledgement`, {}],
      ['POST', `/api/v1/escalations/${opened!.id}/resolution`, { outcome: 'FALSE_ALARM' }],
    ] as const) {
      const response = await call(method, url, caseworkerB, body);
      expect({ url, status: response.statusCode, type: response.json().type }).toEqual({ url, status: 404, type: 'urn:corridor:problem:not-found' });
    }
    const unknown = await call('POST', `/api/v1/escalations/00000000-0000-4000-8000-000000000000/acknowledgement`, caseworkerB);
    expect(unknown.statusCode).toBe(404);
    const list = (await call('GET', '/api/v1/escalations?limit=100', caseworkerB)).json();
    expect(list.items.map((e: { caseReference: string }) => e.caseReference)).not.toContain(reference);
    const mine = (await call('GET', '/api/v1/escalations?limit=100&state=OPEN', caseworkerA)).json();
    expect(mine.items.map((e: { id: string }) => e.id)).toContain(opened!.id);
    expect(await escalationsOf(reference)).toEqual([expect.objectContaining({ state: 'OPEN' })]);
    const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM audit_events WHERE action = 'case.access_denied' AND resource_id = $1 AND actor_id = $2`, [
      reference,
      caseworkerB.id,
    ]);
    expect(n).toBeGreaterThanOrEqual(5);
  });

  it('pages escalations with a keyset cursor', async () => {
    const first = (await call('GET', '/api/v1/escalations?limit=2', coordinator)).json();
    expect(first.items).toHaveLength(2);
    const second = (await call('GET', `/api/v1/escalations?limit=2&cursor=${first.nextCursor}`, coordinator)).json();
    expect(second.items.map((e: { id: string }) => e.id)).not.toContain(first.items[0].id);
    expect((await call('GET', '/api/v1/escalations?cursor=nonsense', coordinator)).statusCode).toBe(400);
  });

  it('refuses bad input with 400', async () => {
    const reference = await openCase(CasePriority.URGENT);
    const cases: Array<['GET' | 'POST' | 'PUT', string, StaffFixture, object | undefined]> = [
      ['POST', `/api/v1/cases/${reference}/check-ins`, caseworkerA, { channel: 'TELEPATHY' }],
      ['POST', `/api/v1/cases/${reference}/check-ins`, caseworkerA, { channel: 'CALL', note: '' }],
      ['POST', `/api/v1/cases/${reference}/check-ins`, caseworkerA, { channel: 'CALL', at: '2020-01-01' }],
      ['POST', `/api/v1/cases/${reference}/escalations`, caseworkerA, { level: 4 }],
      ['POST', `/api/v1/escalations/00000000-0000-4000-8000-000000000000/resolution`, coordinator, { outcome: 'FINE' }],
      ['GET', '/api/v1/escalations?level=7', coordinator, undefined],
      ['GET', '/api/v1/escalations?trigger=PANIC', coordinator, undefined],
      ['PUT', '/api/v1/admin/checkin-policy', admin, { rules: [{ stage: 'IN_TRANSIT', priority: 'EMERGENCY', intervalMinutes: 5 }] }],
      ['PUT', '/api/v1/admin/checkin-policy', admin, { rules: [{ stage: 'CLOSED', priority: 'EMERGENCY', intervalMinutes: 600 }] }],
      ['PUT', '/api/v1/admin/checkin-policy', admin, { rules: [] }],
    ];
    for (const [method, url, who, body] of cases) {
      const response = await call(method, url, who, body);
      expect({ url, body, status: response.statusCode }).toEqual({ url, body, status: 400 });
    }
  });

  it('lets admins edit the interval table (audited); new schedules use it', async () => {
    const before = (await call('GET', '/api/v1/admin/checkin-policy', admin)).json();
    expect(before.gracePercent).toBe(10);
    expect(before.rules).toContainEqual({ stage: 'IN_TRANSIT', priority: 'EMERGENCY', intervalMinutes: 720 });
    expect(before.rules).toHaveLength(27);
    expect(
      (await call('PUT', '/api/v1/admin/checkin-policy', coordinator, { rules: [{ stage: 'INTAKE', priority: 'EMERGENCY', intervalMinutes: 600 }] }))
        .statusCode,
    ).toBe(403);
    const updated = await call('PUT', '/api/v1/admin/checkin-policy', admin, { rules: [{ stage: 'INTAKE', priority: 'EMERGENCY', intervalMinutes: 600 }] });
    expect(updated.statusCode).toBe(200);
    expect(updated.json().rules).toContainEqual({ stage: 'INTAKE', priority: 'EMERGENCY', intervalMinutes: 600 });
    const [audit] = await db.query(`SELECT actor_id, details FROM audit_events WHERE action = 'checkin_policy.changed'`);
    expect(audit).toMatchObject({ actor_id: admin.id, details: { changed: ['INTAKE:EMERGENCY:1440->600'] } });
    const { reference } = await newCase(app, caseworkerA.token, { priority: 'EMERGENCY' });
    expect((await schedule(reference)).intervalMinutes).toBe(600);
    await call('PUT', '/api/v1/admin/checkin-policy', admin, { rules: [{ stage: 'INTAKE', priority: 'EMERGENCY', intervalMinutes: 1440 }] });
  });

  it('seeds the database with the spec table', async () => {
    const rows: Array<{ stage: string; priority: string; interval_minutes: number }> = await db.query(
      `SELECT stage, priority, interval_minutes FROM checkin_policy`,
    );
    const seeded = Object.fromEntries(rows.map((row) => [`${row.stage}:${row.priority}`, row.interval_minutes]));
    expect(seeded).toMatchObject({
      'IN_TRANSIT:NORMAL': 720,
      'IN_SAFE_COUNTRY:URGENT': 72 * 60,
      'IN_SAFE_COUNTRY:NORMAL': 7 * 24 * 60,
      'RESETTLED:EMERGENCY': 30 * 24 * 60,
      'DEPARTED:URGENT': 7 * 24 * 60,
    });
  });
});
