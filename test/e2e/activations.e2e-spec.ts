import { OPENAPI_FILE } from '@app/export-openapi';
import { watchContract } from '@test/support/openapi-contract';
import { DataSource } from 'typeorm';
import { StaffRole } from '@common/access/roles';
import { JobName } from '@common/jobs/job-name';
import { ActivationFanoutService } from '@modules/activations/activation-fanout.service';
import { TransitPolicy } from '@modules/journeys/transit-policy';
import { insertOpenCases } from '@test/support/builders/bulk-cases';
import { intakeBody, newCase } from '@test/support/builders/cases';
import { newAgency } from '@test/support/builders/partners';
import { bearer, longLivedStaff, type StaffFixture } from '@test/support/builders/staff';
import { FakeClock } from '@test/support/fake-clock';
import { TestContext, type TestApp } from '@test/support/test-context';
import { runDueJobs } from '@test/support/run-due-jobs';

const H = 3_600_000;
const MIN = 60_000;

/**
 * Activations in one process, with the outbox run by hand at the fake clock's time: overrides
 * against the policy, stand-down, intake during an activation, placement, idempotent chunks,
 * coordinator scope and refusals. The crash and the 10,000-case run are in
 * activation-fanout.e2e-spec.ts (real worker processes).
 */
describe('rapid-response activations', () => {
  let ctx: TestContext;
  let app: TestApp;
  /** Every staff answer in this file is checked against docs/openapi.json. */
  let contract: ReturnType<typeof watchContract>;
  let db: DataSource;
  const clock = new FakeClock(new Date('2026-03-02T08:00:00.000Z'));
  let caseworkerA: StaffFixture;
  let caseworkerB: StaffFixture;
  let caseworkerC: StaffFixture;
  let coordinator: StaffFixture;
  let otherCoordinator: StaffFixture;
  let agencyId: string;

  beforeAll(async () => {
    ctx = await TestContext.create();
    app = await ctx.startApp({ clock, roles: 'api' });
    contract = watchContract(app.http!, OPENAPI_FILE);
    db = await ctx.dataSource();
    caseworkerA = await longLivedStaff(app, clock, [StaffRole.Caseworker]);
    caseworkerB = await longLivedStaff(app, clock, [StaffRole.Caseworker]);
    caseworkerC = await longLivedStaff(app, clock, [StaffRole.Caseworker]);
    coordinator = await longLivedStaff(app, clock, [StaffRole.Coordinator]);
    otherCoordinator = await longLivedStaff(app, clock, [StaffRole.Coordinator]);
    agencyId = (await newAgency(app)).id;
  });

  const partnerEvents = async (type: string) =>
    (await db.query(`SELECT payload FROM outbox_events WHERE job_name = 'partner.event' AND payload->>'type' = $1`, [type])).map(
      (row: { payload: { agencyId: string; data: unknown } }) => ({
        agencyId: row.payload.agencyId,
        data: row.payload.data,
      }),
    );
  afterAll(() => ctx.close());

  const call = (method: 'GET' | 'POST' | 'PUT', url: string, who: StaffFixture, payload?: object) =>
    app.http!.inject({ method, url, headers: bearer(who.token), ...(method === 'GET' ? {} : { payload: payload ?? {} }) });

  const runDue = (): Promise<number> => runDueJobs(app, clock);

  const schedule = async (reference: string, who = caseworkerA) => (await call('GET', `/api/v1/cases/${reference}/schedule`, who)).json();
  const caseRow = async (reference: string) =>
    (await db.query(`SELECT id, activation_id, triage_due_at, created_at FROM cases WHERE reference = $1`, [reference]))[0];
  const assignees = async (reference: string): Promise<string[]> =>
    (await db.query(`SELECT a.user_id FROM case_assignments a JOIN cases c ON c.id = a.case_id WHERE c.reference = $1`, [reference])).map(
      (row: { user_id: string }) => row.user_id,
    );

  const activationBody = (code: string, overrides: Record<string, unknown> = {}) => ({
    code,
    title: 'Purge response',
    originCountries: ['AZ'],
    transitCountries: ['GE'],
    agencyIds: [agencyId],
    roster: [
      { userId: caseworkerB.id, caseloadCap: 50 },
      { userId: caseworkerC.id, caseloadCap: 50 },
    ],
    overrides: {
      checkinIntervalFactor: 0.5,
      checkinIntervals: [{ stage: 'TRIAGED', intervalMinutes: 600 }],
      triageSla: [{ priority: 'URGENT', hours: 12 }],
      acknowledgeWindows: { caseworker: 30 },
    },
    ...overrides,
  });

  describe('overrides, stand-down and intake', () => {
    let urgent: string;
    let triaged: string;
    let before: {
      urgent: { intervalMinutes: number; dueAt: string; deadlineAt: string };
      triaged: { intervalMinutes: number; dueAt: string; deadlineAt: string };
      triageDueAt: Date;
    };

    beforeAll(async () => {
      // URGENT at intake: 48 h interval, 72 h triage SLA. The other is TRIAGED, URGENT: 48 h.
      urgent = (await newCase(app, caseworkerA.token, { priority: 'URGENT' })).reference;
      triaged = (await newCase(app, caseworkerA.token, { priority: 'URGENT' })).reference;
      clock.advance(MIN);
      expect((await call('POST', `/api/v1/cases/${triaged}/transitions`, caseworkerA, { to: 'VERIFICATION' })).statusCode).toBe(200);
      await db.query(`UPDATE cases SET triaged_at = $2 WHERE reference = $1`, [triaged, clock.now()]);
      const { id } = await caseRow(triaged);
      await db.query(`UPDATE cases SET stage = 'TRIAGED' WHERE id = $1`, [id]);
      await db.query(`UPDATE checkin_schedules SET stage = 'TRIAGED' WHERE case_id = $1`, [id]);
      before = { urgent: await schedule(urgent), triaged: await schedule(triaged), triageDueAt: (await caseRow(urgent)).triage_due_at };
      expect(before.urgent.intervalMinutes).toBe(48 * 60);
      clock.advance(H);
    });

    it('refuses bad input with a problem naming the field, and creates nothing', async () => {
      const bad = await call(
        'POST',
        '/api/v1/activations',
        coordinator,
        activationBody('az-lower', { originCountries: ['Azerbaijan'], overrides: { checkinIntervalFactor: 3 } }),
      );
      expect(bad.statusCode).toBe(400);
      expect(bad.headers['content-type']).toMatch(/^application\/problem\+json/);
      const pointers = (bad.json().errors as Array<{ pointer: string }>).map((e) => e.pointer);
      expect(pointers).toEqual(expect.arrayContaining(['/code', '/originCountries', '/overrides/checkinIntervalFactor']));
      const notCaseworker = await call(
        'POST',
        '/api/v1/activations',
        coordinator,
        activationBody('AZ-BAD-1', { roster: [{ userId: otherCoordinator.id, caseloadCap: 5 }] }),
      );
      expect(notCaseworker.statusCode).toBe(400);
      expect(notCaseworker.json().errors).toEqual([{ pointer: '/roster', detail: 'must all be active caseworkers' }]);
      expect((await db.query(`SELECT count(*)::int AS n FROM activations`))[0].n).toBe(0);
      expect((await db.query(`SELECT count(*)::int AS n FROM outbox_events WHERE job_name LIKE 'activation.%'`))[0].n).toBe(0);
    });

    it('activates: links, re-times by the overrides exactly, places with the roster, tells partners', async () => {
      const response = await call('POST', '/api/v1/activations', coordinator, activationBody('AZ-2017-09'));
      expect(response.statusCode).toBe(201);
      expect(response.json()).toMatchObject({
        code: 'AZ-2017-09',
        status: 'ACTIVE',
        coordinatorIds: [coordinator.id],
        fanout: { kind: 'LINK', state: 'RUNNING' },
      });
      await runDue();
      const view = (await call('GET', '/api/v1/activations/AZ-2017-09', caseworkerA)).json();
      // Both cases were opened by caseworker A, so they keep A: nothing to place.
      expect(view.fanout).toMatchObject({
        state: 'FINISHED',
        chunksTotal: 1,
        chunksDone: 1,
        targeted: 2,
        linked: 2,
        rescheduled: 2,
        assigned: 0,
        unplaced: 0,
        failed: 0,
      });

      // Factor 0.5 on 48 h, from the same anchor (the moment the case entered its stage).
      const anchor = new Date(before.urgent.dueAt).getTime() - 48 * H;
      expect(await schedule(urgent)).toMatchObject({
        intervalMinutes: 24 * 60,
        dueAt: new Date(anchor + 24 * H).toISOString(),
        deadlineAt: new Date(anchor + 24 * H + 144 * MIN).toISOString(),
      });
      // An explicit stage interval wins over the factor.
      const triagedAnchor = new Date(before.triaged.dueAt).getTime() - 48 * H;
      expect(await schedule(triaged)).toMatchObject({
        intervalMinutes: 600,
        dueAt: new Date(triagedAnchor + 600 * MIN).toISOString(),
        deadlineAt: new Date(triagedAnchor + 660 * MIN).toISOString(),
      });
      // Triage SLA for URGENT: 12 h from intake instead of 72 h, with its deadline event.
      const row = await caseRow(urgent);
      expect(row.triage_due_at.getTime()).toBe(row.created_at.getTime() + 12 * H);
      expect(
        (
          await db.query(`SELECT count(*)::int AS n FROM outbox_events WHERE dedupe_key = $1`, [
            `triage.deadline:${row.id}:${row.created_at.getTime() + 12 * H}`,
          ])
        )[0].n,
      ).toBe(1);

      // Thin: the code, the status, the countries and a time; nothing about any case.
      expect(await partnerEvents('activation.started')).toEqual([
        { agencyId, data: { code: 'AZ-2017-09', status: 'ACTIVE', originCountries: 'AZ', startedAt: expect.any(String) } },
      ]);
      const history = await db.query(`SELECT kind, details FROM case_history WHERE case_id = $1 AND kind = 'ACTIVATION_LINKED'`, [row.id]);
      expect(history).toEqual([{ kind: 'ACTIVATION_LINKED', details: { activation: 'AZ-2017-09' } }]);
      expect((await db.query(`SELECT count(*)::int AS n FROM audit_events WHERE action = 'activation.started' AND resource_id = 'AZ-2017-09'`))[0].n).toBe(1);
    });

    it('shortens the acknowledge window of an escalation on a held case', async () => {
      const opened = await call('POST', `/api/v1/cases/${urgent}/escalations`, caseworkerA, {});
      expect(opened.statusCode).toBe(201);
      const { id, levelChangedAt } = opened.json();
      const [step] = await db.query(`SELECT available_at FROM outbox_events WHERE dedupe_key = $1`, [`escalation.step:${id}:1`]);
      // URGENT level 1 waits 2 h by default; the activation says 30 minutes.
      expect(step.available_at.getTime()).toBe(new Date(levelChangedAt).getTime() + 30 * MIN);
    });

    it('links, schedules and places an intake in the same request', async () => {
      const response = await call('POST', '/api/v1/cases', coordinator, { ...intakeBody({ priority: 'URGENT', originCountry: 'AZ' }) });
      expect(response.statusCode).toBe(201);
      const { reference, triageDueAt } = response.json();
      const row = await caseRow(reference);
      const [activation] = await db.query(`SELECT id FROM activations WHERE code = 'AZ-2017-09'`);
      expect(row.activation_id).toBe(activation.id);
      expect(new Date(triageDueAt).getTime()).toBe(clock.now().getTime() + 12 * H);
      // No job has run: the schedule and the placement came with the request.
      const placed = await assignees(reference);
      expect(placed).toHaveLength(1);
      expect([caseworkerB.id, caseworkerC.id]).toContain(placed[0]);
      const who = placed[0] === caseworkerB.id ? caseworkerB : caseworkerC;
      expect(await schedule(reference, who)).toMatchObject({ intervalMinutes: 24 * 60, dueAt: new Date(clock.now().getTime() + 24 * H).toISOString() });

      // Naming the code links a case from elsewhere too.
      const named = await call('POST', '/api/v1/cases', caseworkerA, { ...intakeBody({ originCountry: 'RU', activationCode: 'AZ-2017-09' }) });
      expect(named.statusCode).toBe(201);
      expect((await caseRow(named.json().reference)).activation_id).toBe(activation.id);
      expect(await assignees(named.json().reference)).toEqual([caseworkerA.id]);
    });

    it('scopes coordinators: only those in charge see the held cases', async () => {
      expect((await call('GET', `/api/v1/cases/${urgent}`, coordinator)).statusCode).toBe(200);
      expect((await call('GET', `/api/v1/cases/${urgent}`, otherCoordinator)).statusCode).toBe(404);
      const listed = (await call('GET', '/api/v1/cases?limit=100', otherCoordinator)).json().items.map((c: { reference: string }) => c.reference);
      expect(listed).not.toContain(urgent);
      const mine = (await call('GET', '/api/v1/cases?limit=100', coordinator)).json().items.map((c: { reference: string }) => c.reference);
      expect(mine).toEqual(expect.arrayContaining([urgent, triaged]));
      // The escalation list follows the same scope.
      const escalations = async (who: StaffFixture) =>
        (await call('GET', '/api/v1/escalations?limit=100', who)).json().items.map((e: { caseReference: string }) => e.caseReference);
      expect(await escalations(coordinator)).toContain(urgent);
      expect(await escalations(otherCoordinator)).not.toContain(urgent);
    });

    it('refuses a second activation over the same country, a reused code, and changes by a coordinator not in charge', async () => {
      const overlap = await call('POST', '/api/v1/activations', otherCoordinator, activationBody('AZ-2017-10'));
      expect(overlap.statusCode).toBe(409);
      expect(overlap.json()).toMatchObject({ type: 'urn:corridor:problem:activation-origin-overlap', activations: ['AZ-2017-09'] });
      expect((await call('POST', '/api/v1/activations', otherCoordinator, activationBody('AZ-2017-09', { originCountries: ['TM'] }))).statusCode).toBe(409);
      const notInCharge = await call('POST', '/api/v1/activations/AZ-2017-09/stand-down', otherCoordinator);
      expect(notInCharge.statusCode).toBe(403);
      expect(notInCharge.json().type).toBe('urn:corridor:problem:activation-not-in-charge');
      expect((await call('GET', '/api/v1/activations/AZ-2017-09', otherCoordinator)).json().status).toBe('ACTIVE');
      expect((await call('GET', '/api/v1/activations/NOPE-1', coordinator)).statusCode).toBe(404);
    });

    it('serves the dashboard with aggregate figures', async () => {
      const response = await call('GET', '/api/v1/activations/AZ-2017-09/dashboard', coordinator);
      expect(response.statusCode).toBe(200);
      const dashboard = response.json();
      expect(dashboard.heldCases).toBe(4);
      expect(dashboard.openEscalations).toEqual([{ level: 1, trigger: 'MANUAL', count: 1 }]);
      expect(dashboard.caseload.map((c: { userId: string }) => c.userId).sort()).toEqual([caseworkerB.id, caseworkerC.id].sort());
      expect(dashboard.byStageAndPriority.reduce((sum: number, row: { count: number }) => sum + row.count, 0)).toBe(4);
      expect(dashboard.fanout.state).toBe('FINISHED');
    });

    it("gives a held case its activation's transit countries instead of the default list", async () => {
      const transit = app.context.get(TransitPolicy, { strict: false });
      const { activation_id: activationId } = await caseRow(urgent);
      expect(await transit.allowedTransitCountries({ activationId })).toEqual(['GE']);
      expect(await transit.allowedTransitCountries({ activationId: null })).toEqual(app.config.journeys.transitCountries);
      expect(app.config.journeys.transitCountries).toContain('TR');
    });

    it('stands down: restores the standard due times, keeps the history, tells partners', async () => {
      const response = await call('POST', '/api/v1/activations/AZ-2017-09/stand-down', coordinator);
      expect(response.statusCode).toBe(200);
      expect(response.json()).toMatchObject({ status: 'STOOD_DOWN', stoodDownBy: coordinator.id, fanout: { kind: 'RELEASE', state: 'RUNNING' } });
      await runDue();
      expect((await call('GET', '/api/v1/activations/AZ-2017-09', coordinator)).json().fanout).toMatchObject({ state: 'FINISHED', released: 4 });
      expect(await schedule(urgent)).toMatchObject({
        intervalMinutes: before.urgent.intervalMinutes,
        dueAt: before.urgent.dueAt,
        deadlineAt: before.urgent.deadlineAt,
      });
      expect(await schedule(triaged)).toMatchObject({
        intervalMinutes: before.triaged.intervalMinutes,
        dueAt: before.triaged.dueAt,
        deadlineAt: before.triaged.deadlineAt,
      });
      const row = await caseRow(urgent);
      expect(row.triage_due_at.getTime()).toBe(before.triageDueAt.getTime());
      expect(row.activation_id).toBeNull();
      expect(
        await app.context
          .get(TransitPolicy, { strict: false })
          .allowedTransitCountries({ activationId: (await db.query(`SELECT id FROM activations WHERE code = 'AZ-2017-09'`))[0].id }),
      ).toEqual(app.config.journeys.transitCountries);
      expect(
        (
          await db.query(
            `SELECT count(*)::int AS n FROM activation_cases a JOIN activations v ON v.id = a.activation_id WHERE v.code = 'AZ-2017-09' AND released_at IS NOT NULL`,
          )
        )[0].n,
      ).toBe(4);
      // Any coordinator sees the cases again.
      expect((await call('GET', `/api/v1/cases/${urgent}`, otherCoordinator)).statusCode).toBe(200);
      // And a stood-down activation cannot be changed.
      expect((await call('PUT', '/api/v1/activations/AZ-2017-09/roster', coordinator, { roster: [] })).statusCode).toBe(409);
      expect((await db.query(`SELECT count(*)::int AS n FROM audit_events WHERE action = 'activation.stood_down'`))[0].n).toBe(1);
      expect(await partnerEvents('activation.stood_down')).toEqual([
        { agencyId, data: { code: 'AZ-2017-09', status: 'STOOD_DOWN', stoodDownAt: clock.now().toISOString() } },
      ]);
    });
  });

  describe('placement and idempotent chunks', () => {
    it('balances the roster within caps, reports what cannot be placed, and a repeated chunk changes nothing', async () => {
      await insertOpenCases(db, 25, { originCountry: 'KZ', now: clock.now() });
      // B already holds 3 open cases elsewhere; C's cap is 6.
      await insertOpenCases(db, 3, { originCountry: 'UZ', now: clock.now() });
      await db.query(
        `INSERT INTO case_assignments (case_id, user_id, assigned_at, assigned_by) SELECT id, $1, now(), 'test' FROM cases WHERE origin_country = 'UZ'`,
        [caseworkerB.id],
      );
      const loadsOf = async (): Promise<number[]> => {
        const rows: Array<{ user_id: string; n: number }> = await db.query(
          `SELECT a.user_id, count(*)::int AS n FROM case_assignments a JOIN cases c ON c.id = a.case_id WHERE c.stage <> 'CLOSED' AND a.user_id = ANY($1) GROUP BY 1`,
          [[caseworkerA.id, caseworkerB.id, caseworkerC.id]],
        );
        return [caseworkerA, caseworkerB, caseworkerC].map((who) => rows.find((row) => row.user_id === who.id)?.n ?? 0);
      };
      const caps = [10, 10, 6];
      const before = await loadsOf();
      const response = await call('POST', '/api/v1/activations', coordinator, {
        code: 'KZ-2026-01',
        title: 'Purge response',
        originCountries: ['KZ'],
        agencyIds: [],
        roster: [caseworkerA, caseworkerB, caseworkerC].map((who, i) => ({ userId: who.id, caseloadCap: caps[i] })),
      });
      expect(response.statusCode).toBe(201);
      await runDue();
      const view = (await call('GET', '/api/v1/activations/KZ-2026-01', coordinator)).json();
      // Less room than cases: everyone ends exactly at their cap, and the rest is reported.
      const room = caps.reduce((sum, cap, i) => sum + Math.max(0, cap - before[i]!), 0);
      expect(room).toBeLessThan(25);
      expect(view.fanout).toMatchObject({ linked: 25, assigned: room, unplaced: 25 - room, state: 'FINISHED' });
      expect(await loadsOf()).toEqual(caps.map((cap, i) => Math.max(cap, before[i]!)));
      expect((await call('GET', '/api/v1/activations/KZ-2026-01/dashboard', coordinator)).json().unassignedHeldCases).toBe(25 - room);

      // Run the finished chunk again, by hand, in a transaction: nothing moves.
      const snapshot = () =>
        Promise.all([
          db.query(`SELECT count(*)::int AS n FROM case_assignments`),
          db.query(`SELECT sum(version)::int AS v FROM checkin_schedules`),
          db.query(`SELECT count(*)::int AS n FROM outbox_events`),
          db.query(`SELECT count(*)::int AS n FROM case_history`),
          db.query(`SELECT fanout_linked, fanout_assigned, fanout_chunks_done, fanout_rescheduled FROM activations WHERE code = 'KZ-2026-01'`),
        ]);
      const [chunk] = await db.query(
        `SELECT payload FROM outbox_events WHERE job_name = $1 AND payload->>'activationId' = (SELECT id::text FROM activations WHERE code = 'KZ-2026-01')`,
        [JobName.ActivationFanoutChunk],
      );
      const fanout = app.context.get(ActivationFanoutService);
      const first = await snapshot();
      await db.transaction((tx) => fanout.chunk({ tx, payload: chunk.payload, outboxId: 'repeat', name: JobName.ActivationFanoutChunk, attempt: 1 }));
      expect(await snapshot()).toEqual(first);
      // Even with its completion record gone, the work itself finds nothing left to do.
      await db.query(`DELETE FROM activation_fanout_chunks WHERE activation_id = (SELECT id FROM activations WHERE code = 'KZ-2026-01')`);
      await db.transaction((tx) => fanout.chunk({ tx, payload: chunk.payload, outboxId: 'repeat', name: JobName.ActivationFanoutChunk, attempt: 1 }));
      const [assignments, versions, outbox, history, counters] = await snapshot();
      expect([assignments, versions, outbox, history]).toEqual(first.slice(0, 4));
      expect(counters[0]).toMatchObject({ fanout_linked: 25, fanout_assigned: room });
    });
    describe('a chunk that keeps failing', () => {
      it('is counted as failed on its last attempt instead of vanishing, and the run still finishes', async () => {
        await insertOpenCases(db, 5, { originCountry: 'MN', now: clock.now() });
        // Sabotage: linking any case fails, as a broken statement would.
        await db.query(`CREATE FUNCTION test_refuse_link() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'refused'; END $$`);
        await db.query(`CREATE TRIGGER test_refuse_link BEFORE INSERT ON activation_cases FOR EACH ROW EXECUTE FUNCTION test_refuse_link()`);
        try {
          const response = await call('POST', '/api/v1/activations', coordinator, {
            code: 'MN-2026-01',
            title: 'Purge response',
            originCountries: ['MN'],
            roster: [{ userId: caseworkerC.id, caseloadCap: 100 }],
          });
          expect(response.statusCode).toBe(201);
          // The chunk fails its only attempt here and is parked; the dispatcher rethrows for bull's retry.
          await expect(runDue()).rejects.toThrow('refused');
          const [chunk] = await db.query(
            `SELECT payload, status FROM outbox_events WHERE job_name = $1 AND payload->>'activationId' = (SELECT id::text FROM activations WHERE code = 'MN-2026-01')`,
            [JobName.ActivationFanoutChunk],
          );
          expect(chunk.status).toBe('FAILED');
          expect((await call('GET', '/api/v1/activations/MN-2026-01', coordinator)).json().fanout).toMatchObject({
            state: 'RUNNING',
            chunksDone: 0,
            failed: 0,
          });
          // Its last attempt (as bull would make it): the work rolls back, the failure is counted.
          const fanout = app.context.get(ActivationFanoutService);
          await db.transaction((tx) =>
            fanout.chunk({ tx, payload: chunk.payload, outboxId: 'last', name: JobName.ActivationFanoutChunk, attempt: app.config.queue.attempts }),
          );
          expect((await call('GET', '/api/v1/activations/MN-2026-01', coordinator)).json().fanout).toMatchObject({
            state: 'FINISHED',
            chunksDone: 1,
            linked: 0,
            assigned: 0,
            failed: 5,
          });
          expect((await db.query(`SELECT count(*)::int AS n FROM cases WHERE origin_country = 'MN' AND activation_id IS NOT NULL`))[0].n).toBe(0);
        } finally {
          await db.query(`DROP TRIGGER test_refuse_link ON activation_cases`);
          await db.query(`DROP FUNCTION test_refuse_link()`);
        }
      });
    });
  });

  it('answered only what the staff OpenAPI document declares', () => {
    expect(contract.checked()).toBeGreaterThan(0);
    expect(contract.violations()).toEqual([]);
  });
});
