import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { StaffRole } from '@common/access/roles';
import { JobName } from '@common/jobs/job-name';
import { JobDispatcher } from '@infra/queue/job-dispatcher';
import { deadlineKey } from '@modules/checkins/checkin-schedule.service';
import { intakeBody, newCase } from '@test/support/builders/cases';
import { bearer, longLivedStaff, type StaffFixture } from '@test/support/builders/staff';
import { buildForChildren, freePort, ProcessGroup, removeBuild } from '@test/support/child-processes';
import { FakeClock } from '@test/support/fake-clock';
import { TestContext, type TestApp } from '@test/support/test-context';
import { waitFor } from '@test/support/wait-for';

/**
 * Fault tolerance of missed check-in escalation, with real PostgreSQL, Redis and (except the
 * check-in race) real child processes running the compiled service.
 *
 * The check-in policy is whole minutes with a 60-minute floor, so tests 1–5 arrange wall-clock
 * deadlines by moving a case's schedule deadline and its PENDING `checkin.deadline` outbox event
 * (still outside the relay horizon) to a few seconds from now, in one transaction. Test 6 arranges
 * nothing: the service runs in drill time, where that floor lasts one second.
 */
describe('missed check-in escalation under faults', () => {
  let ctx: TestContext;
  let app: TestApp;
  let db: DataSource;
  let caseworker: StaffFixture;
  let buildDir: string | undefined;
  const clock = new FakeClock(new Date());
  const processes = new ProcessGroup(() => buildDir!);

  beforeAll(async () => {
    buildDir = buildForChildren();
    ctx = await TestContext.create();
    app = await ctx.startApp({ clock, roles: 'api' });
    db = await ctx.dataSource();
    caseworker = await longLivedStaff(app, clock, [StaffRole.Caseworker]);
  });
  afterEach(() => processes.stopAll());
  afterAll(async () => {
    await processes.stopAll();
    await ctx?.close();
    removeBuild(buildDir);
  });

  interface ArrangedCase {
    id: string;
    reference: string;
    eventId: string;
    deadlineAt: Date;
  }

  /** EMERGENCY cases through the in-process API (triaged, so no triage SLA interferes). */
  const openCases = async (count: number): Promise<Array<{ id: string; reference: string }>> => {
    const opened = [];
    for (let i = 0; i < count; i += 1) {
      const { reference } = await newCase(app, caseworker.token, { priority: 'EMERGENCY' });
      await db.query(`UPDATE cases SET triaged_at = now() WHERE reference = $1`, [reference]);
      const [row] = await db.query(`SELECT id FROM cases WHERE reference = $1`, [reference]);
      opened.push({ id: row.id as string, reference });
    }
    return opened;
  };

  /** Moves each case's current deadline (schedule row and its still-PENDING outbox event) to `at`. */
  const armDeadlines = async (cases: Array<{ id: string; reference: string }>, at: Date): Promise<ArrangedCase[]> =>
    db.transaction(async (tx) => {
      const arranged: ArrangedCase[] = [];
      for (const c of cases) {
        const [schedule] = await tx.query(`SELECT version FROM checkin_schedules WHERE case_id = $1 AND status = 'ACTIVE' FOR UPDATE`, [c.id]);
        const [event] = await tx.query(`SELECT id FROM outbox_events WHERE dedupe_key = $1 AND status = 'PENDING' FOR UPDATE`, [
          deadlineKey(c.id, schedule.version),
        ]);
        if (!event) throw new Error(`no pending deadline event for ${c.reference}`);
        await tx.query(`UPDATE outbox_events SET available_at = $2 WHERE id = $1`, [event.id, at]);
        await tx.query(`UPDATE checkin_schedules SET due_at = $2, deadline_at = $2 WHERE case_id = $1`, [c.id, at]);
        arranged.push({ ...c, eventId: event.id, deadlineAt: at });
      }
      return arranged;
    });

  const escalationsOf = (
    cases: ArrangedCase[],
  ): Promise<Array<{ id: string; case_id: string; level: number; state: string; outcome: string | null; opened_at: Date }>> =>
    db.query(`SELECT id, case_id, level, state, outcome, opened_at FROM escalations WHERE case_id = ANY($1) AND trigger = 'MISSED_CHECKIN'`, [
      cases.map((c) => c.id),
    ]);

  const doneEvents = async (cases: ArrangedCase[]): Promise<number> =>
    Number((await db.query(`SELECT count(*)::int AS n FROM outbox_events WHERE id = ANY($1) AND status = 'DONE'`, [cases.map((c) => c.eventId)]))[0].n);

  /** Waits until every case has its escalation and every deadline event is DONE. */
  const allEscalated = (cases: ArrangedCase[], timeoutMs: number) =>
    waitFor(
      'every missed check-in to escalate',
      async () => (await escalationsOf(cases)).length >= cases.length && (await doneEvents(cases)) === cases.length,
      timeoutMs,
      100,
    );

  /** Exactly one MISSED_CHECKIN escalation per case, and exactly one alert per escalation, level and person. */
  const expectExactlyOnce = async (cases: ArrangedCase[]): Promise<void> => {
    const escalations = await escalationsOf(cases);
    expect(escalations).toHaveLength(cases.length);
    expect(new Set(escalations.map((e) => e.case_id)).size).toBe(cases.length);
    for (const e of escalations) expect(e).toMatchObject({ level: 1, state: 'OPEN' });
    const alerts: Array<{ subject_id: string; recipient_user_id: string; level: string; n: number }> = await db.query(
      `SELECT subject_id, recipient_user_id, details->>'level' AS level, count(*)::int AS n FROM staff_notifications
       WHERE kind = 'escalation.raised' AND subject_id = ANY($1) GROUP BY 1, 2, 3`,
      [escalations.map((e) => e.id)],
    );
    expect(alerts).toHaveLength(cases.length);
    for (const alert of alerts) expect(alert).toMatchObject({ recipient_user_id: caseworker.id, level: '1', n: 1 });
    expect(await doneEvents(cases)).toBe(cases.length);
  };

  const childEnv = async (roles: string, extra: Record<string, string> = {}) =>
    ctx.env({ CORRIDOR_ROLES: roles, PORT: String(await freePort()), LOG_LEVEL: 'info', ...extra });

  const startWorker = async (name: string, extra: Record<string, string> = {}) => {
    const worker = processes.spawn(name, await childEnv('worker', extra));
    await worker.waitForOutput('worker consuming jobs');
    return worker;
  };

  /** Deletes this file's Redis keys only (other test files share the server: never FLUSHALL). */
  const deleteOurRedisKeys = async (): Promise<number> => {
    const redis = await ctx.redis();
    let deleted = 0;
    try {
      let cursor = '0';
      do {
        const [next, keys] = await redis.scan(cursor, 'MATCH', `${ctx.redisPrefix}:*`, 'COUNT', 1000);
        if (keys.length > 0) deleted += await redis.del(...keys);
        cursor = next;
      } while (cursor !== '0');
    } finally {
      await redis.quit();
    }
    return deleted;
  };

  const bullCount = async (list: 'delayed' | 'active' | 'wait', ids?: string[]): Promise<number> => {
    const redis = await ctx.redis();
    try {
      const key = `${ctx.redisPrefix}:main:${list}`;
      const members = list === 'delayed' ? await redis.zrange(key, 0, -1) : await redis.lrange(key, 0, -1);
      return ids ? members.filter((m) => ids.includes(m)).length : members.length;
    } finally {
      await redis.quit();
    }
  };

  it('1. Redis loses the delayed deadlines after the relay handed them to bull: the reconcile tick still raises every escalation', async () => {
    const cases = await openCases(10);
    // One process with both roles: the relay and consumer, and the reconcile tick every 500 ms.
    const service = processes.spawn('worker+scheduler', await childEnv('worker,scheduler', { OUTBOX_RECONCILE_MS: '500' }));
    await service.waitForOutput('worker consuming jobs');
    await service.waitForOutput('scheduler started');
    // Room for a slow relay pass on a loaded machine: the keys must go before the deadline.
    const deadline = new Date(Date.now() + 8_000);
    const arranged = await armDeadlines(cases, deadline);
    const ids = arranged.map((c) => c.eventId);
    await waitFor('the relay to hand every deadline to bull', async () => (await bullCount('delayed', ids)) === ids.length, 6_000, 50);
    // The relay adds to bull first and marks the rows after: wait for its commit, not just bull.
    const enqueued = async (): Promise<number> =>
      (await db.query<Array<{ n: number }>>(`SELECT count(*)::int AS n FROM outbox_events WHERE id = ANY($1) AND status = 'ENQUEUED'`, [ids]))[0]?.n ?? 0;
    await waitFor('the relay to mark every deadline enqueued', async () => (await enqueued()) === ids.length, 6_000, 50);

    expect(await deleteOurRedisKeys()).toBeGreaterThan(0);
    expect(Date.now()).toBeLessThan(deadline.getTime());
    expect(await bullCount('delayed', ids)).toBe(0);
    expect(await escalationsOf(arranged)).toEqual([]);

    await allEscalated(arranged, 20_000);
    await expectExactlyOnce(arranged);
    for (const e of await escalationsOf(arranged)) expect(e.opened_at.getTime()).toBeGreaterThanOrEqual(deadline.getTime());
  });

  it('2. a worker SIGKILLed while deadline jobs are running: a new worker finishes them, none lost or doubled', async () => {
    const cases = await openCases(10);
    const lock = { JOB_LOCK_MS: '1000' };
    const first = await startWorker('worker-1', lock);
    const arranged = await armDeadlines(cases, new Date(Date.now() + 1_000));

    // Hold the schedule rows: every deadline job blocks inside its transaction, mid-handler.
    const blocker = new Client({ connectionString: ctx.databaseUrl });
    await blocker.connect();
    try {
      await blocker.query('BEGIN');
      await blocker.query(`SELECT 1 FROM checkin_schedules WHERE case_id = ANY($1) FOR UPDATE`, [arranged.map((c) => c.id)]);
      const blocked = await waitFor(
        'deadline jobs to block mid-transaction in worker-1',
        async () => {
          const [{ n }] = await blocker
            .query(
              `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND wait_event_type = 'Lock'`,
            )
            .then((r) => r.rows);
          return n >= 1 ? n : 0;
        },
        8_000,
        50,
      ).catch(async (error: unknown) => {
        const activity = (
          await blocker.query(
            `SELECT application_name, state, wait_event_type, wait_event, left(query, 80) AS q FROM pg_stat_activity WHERE datname = current_database()`,
          )
        ).rows;
        process.stdout.write(`DEBUG ${JSON.stringify(activity)}\n${first.output().slice(-3000)}\nDONE=${await doneEvents(arranged)}\n`);
        throw error;
      });
      expect(blocked).toBeGreaterThanOrEqual(1);
      expect(
        await bullCount(
          'active',
          arranged.map((c) => c.eventId),
        ),
      ).toBeGreaterThanOrEqual(1);

      await first.kill();
      expect(first.child.signalCode).toBe('SIGKILL');
      await blocker.query('ROLLBACK');
    } finally {
      await blocker.end();
    }
    // The dead worker's transactions never commit.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await escalationsOf(arranged)).toEqual([]);
    expect(await doneEvents(arranged)).toBe(0);

    await startWorker('worker-2', lock);
    await allEscalated(arranged, 15_000);
    // Late redeliveries (stalled jobs of the dead worker) would show up now: they must change nothing.
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    await expectExactlyOnce(arranged);
  });

  it('3. two workers and two schedulers on one database: exactly one escalation and one alert per missed check-in', async () => {
    const cases = await openCases(15);
    const env = { OUTBOX_RECONCILE_MS: '500', JOB_LOCK_MS: '1000' };
    const all = [
      processes.spawn('worker-a', await childEnv('worker', env)),
      processes.spawn('worker-b', await childEnv('worker', env)),
      processes.spawn('scheduler-a', await childEnv('scheduler', env)),
      processes.spawn('scheduler-b', await childEnv('scheduler', env)),
    ];
    await Promise.all(all.map((p) => p.waitForOutput(p.name.startsWith('worker') ? 'worker consuming jobs' : 'scheduler started', 20_000)));
    const arranged = await armDeadlines(cases, new Date(Date.now() + 1_500));
    await allEscalated(arranged, 12_000);
    // Two reconcile ticks racing the workers re-add whatever they see unfinished; give them time.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    await expectExactlyOnce(arranged);
    for (const p of all) expect(p.child.exitCode).toBeNull();
  });

  it('4. a check-in racing its deadline leaves no escalation open (and none at all when it commits first)', async () => {
    const dispatcher = app.context.get(JobDispatcher);
    const runDeadline = (eventId: string) => dispatcher.dispatch({ id: eventId, name: JobName.CheckinDeadline, attemptsMade: 0, opts: { attempts: 1 } });
    const checkIn = async (reference: string) => {
      const response = await app.http!.inject({
        method: 'POST',
        url: `/api/v1/cases/${reference}/check-ins`,
        headers: bearer(caseworker.token),
        payload: { channel: 'CALL' },
      });
      expect(response.statusCode).toBe(201);
    };
    const pendingDeadline = async (c: { id: string; reference: string }): Promise<ArrangedCase> => {
      const [row] = await db.query(`SELECT version, deadline_at FROM checkin_schedules WHERE case_id = $1`, [c.id]);
      const [event] = await db.query(`SELECT id FROM outbox_events WHERE dedupe_key = $1`, [deadlineKey(c.id, row.version)]);
      return { ...c, eventId: event.id, deadlineAt: row.deadline_at };
    };

    // Check-in committed just before the deadline job runs: the job finds a newer version.
    const first = await Promise.all((await openCases(4)).map(pendingDeadline));
    clock.set(first[0]!.deadlineAt);
    for (const c of first) await checkIn(c.reference);
    for (const c of first) await runDeadline(c.eventId);
    expect(await escalationsOf(first)).toEqual([]);

    // Check-in and deadline job at the same instant, concurrently: they serialize on the schedule row.
    const racing = await Promise.all((await openCases(10)).map(pendingDeadline));
    clock.set(racing.reduce((latest, c) => (c.deadlineAt > latest ? c.deadlineAt : latest), racing[0]!.deadlineAt));
    // Half are started job first, half check-in first; which one takes the schedule lock first is
    // up to PostgreSQL, and either way the outcome below must hold.
    await Promise.all(
      racing.flatMap((c, i) => (i % 2 === 0 ? [runDeadline(c.eventId), checkIn(c.reference)] : [checkIn(c.reference), runDeadline(c.eventId)])),
    );
    // A redelivered deadline after both changes nothing.
    for (const c of racing) await runDeadline(c.eventId);
    const escalations = await escalationsOf(racing);
    // Per case: exactly one check-in, at most one escalation, and any escalation the deadline won
    // was resolved by the check-in that followed it.
    const perCase = (rows: Array<{ case_id: string }>) => racing.map((c) => rows.filter((row) => row.case_id === c.id).length);
    const checkins: Array<{ case_id: string }> = await db.query(`SELECT case_id FROM checkins WHERE case_id = ANY($1)`, [racing.map((c) => c.id)]);
    expect(perCase(checkins)).toEqual(racing.map(() => 1));
    for (const count of perCase(escalations)) expect(count).toBeLessThanOrEqual(1);
    for (const e of escalations) expect(e).toMatchObject({ state: 'RESOLVED', outcome: 'CONTACT_RESTORED' });
    const schedules: Array<{ version: number; status: string; last_checkin_at: Date | null }> = await db.query(
      `SELECT version, status, last_checkin_at FROM checkin_schedules WHERE case_id = ANY($1)`,
      [racing.map((c) => c.id)],
    );
    for (const s of schedules) expect(s).toMatchObject({ version: 2, status: 'ACTIVE', last_checkin_at: expect.any(Date) });
    expect(await doneEvents(racing)).toBe(racing.length);
  });

  it('5. wall clock through the running worker: each escalation opens within 2 s after its deadline', async () => {
    // Default OUTBOX_POLL_MS (200 ms) and lock settings: the service as deployed.
    await startWorker('worker');
    const cases = await openCases(5);
    const arranged = await armDeadlines(cases, new Date(Date.now() + 2_000));
    await allEscalated(arranged, 8_000);
    await expectExactlyOnce(arranged);
    const lags = (await escalationsOf(arranged)).map((e) => e.opened_at.getTime() - arranged[0]!.deadlineAt.getTime());
    process.stdout.write(`escalation lag after deadline (ms): ${lags.sort((a, b) => a - b).join(', ')}\n`);
    for (const lag of lags) {
      expect(lag).toBeGreaterThanOrEqual(0);
      expect(lag).toBeLessThanOrEqual(2_000);
    }
  });

  it('6. drill time through the running service: an interval of one second, missed, escalates within 2 s and climbs the ladder', async () => {
    // 3,600×: the policy's 60-minute floor becomes one second (grace a tenth of it). Nothing is
    // arranged by hand: the service computes the deadline, the relay and the worker act on it.
    await db.query(`UPDATE checkin_policy SET interval_minutes = 60 WHERE stage = 'INTAKE' AND priority = 'EMERGENCY'`);
    const port = await freePort();
    const service = processes.spawn('drill', await childEnv('api,worker,scheduler', { PORT: String(port), DRILL_TIME_COMPRESSION: '3600' }));
    await service.waitForOutput('worker consuming jobs');
    await service.waitForOutput('scheduler started');
    const base = `http://127.0.0.1:${port}`;
    await waitFor('the API to answer', async () => (await fetch(`${base}/health`).catch(() => null))?.ok, 10_000, 50);

    const opened = await fetch(`${base}/api/v1/cases`, {
      method: 'POST',
      headers: { ...bearer(caseworker.token), 'content-type': 'application/json' },
      body: JSON.stringify(intakeBody({ priority: 'EMERGENCY' })),
    });
    expect(opened.status).toBe(201);
    const { reference } = (await opened.json()) as { reference: string };
    const [schedule] = await db.query<Array<{ case_id: string; due_at: Date; deadline_at: Date; updated_at: Date }>>(
      `SELECT case_id, due_at, deadline_at, updated_at FROM checkin_schedules WHERE case_reference = $1`,
      [reference],
    );
    expect(schedule!.deadline_at.getTime() - schedule!.due_at.getTime()).toBe(100);

    const missed = async (level: number) =>
      (
        await db.query<Array<{ level: number; opened_at: Date }>>(
          `SELECT level, opened_at FROM escalations WHERE case_id = $1 AND trigger = 'MISSED_CHECKIN' AND level >= $2`,
          [schedule!.case_id, level],
        )
      )[0];
    const first = await waitFor('the missed check-in to escalate', () => missed(1), 15_000, 20);
    const lag = first.opened_at.getTime() - schedule!.deadline_at.getTime();
    process.stdout.write(`drill-time escalation lag after deadline (ms): ${lag}\n`);
    expect(lag).toBeGreaterThanOrEqual(0);
    expect(lag).toBeLessThanOrEqual(2_000);
    // The acknowledge windows are compressed too: unacknowledged, it reaches the field partner level.
    await waitFor('the escalation to climb to level 3', () => missed(3), 20_000, 50);
  });
});
