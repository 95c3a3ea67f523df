import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { StaffRole } from '@common/access/roles';
import { JobName } from '@common/jobs/job-name';
import { JobDispatcher } from '@infra/queue/job-dispatcher';
import { CheckinScheduleService, deadlineKey } from '@modules/checkins/checkin-schedule.service';
import { newCase } from '@test/support/builders/cases';
import { bearer, longLivedStaff, type StaffFixture } from '@test/support/builders/staff';
import { FakeClock } from '@test/support/fake-clock';
import { TestContext, type TestApp } from '@test/support/test-context';
import { waitFor } from '@test/support/wait-for';

/**
 * A deadline whose job a fault delays past the next change of the schedule (real PostgreSQL and
 * Redis): the soak found missed check-ins with no escalation when a check-in came after the
 * deadline but before the delayed job ran — the job found a newer version and did nothing. The
 * superseding transaction now opens the escalation of a version whose deadline passed while its
 * job had not finished, and every path yields exactly one.
 */
describe('missed deadlines whose job a fault delayed', () => {
  let ctx: TestContext;
  let app: TestApp;
  let db: DataSource;
  let caseworker: StaffFixture;
  const clock = new FakeClock(new Date('2026-03-02T08:00:00.000Z'));

  beforeAll(async () => {
    ctx = await TestContext.create();
    app = await ctx.startApp({ clock, roles: 'api' });
    db = await ctx.dataSource();
    caseworker = await longLivedStaff(app, clock, [StaffRole.Caseworker]);
  });
  afterAll(() => ctx?.close());

  interface Deadline {
    id: string;
    reference: string;
    eventId: string;
    deadlineAt: Date;
  }

  /** A triaged EMERGENCY case and its first deadline's outbox event (never handed to a worker here: as after a Redis loss). */
  const caseWithDeadline = async (): Promise<Deadline> => {
    const { reference } = await newCase(app, caseworker.token, { priority: 'EMERGENCY' });
    await db.query(`UPDATE cases SET triaged_at = now() WHERE reference = $1`, [reference]);
    const [{ id }] = await db.query(`SELECT id FROM cases WHERE reference = $1`, [reference]);
    const [schedule] = await db.query(`SELECT version, deadline_at FROM checkin_schedules WHERE case_id = $1`, [id]);
    const [event] = await db.query(`SELECT id FROM outbox_events WHERE dedupe_key = $1`, [deadlineKey(id, schedule.version)]);
    return { id, reference, eventId: event.id, deadlineAt: schedule.deadline_at };
  };
  const runDeadline = (eventId: string) =>
    app.context.get(JobDispatcher).dispatch({ id: eventId, name: JobName.CheckinDeadline, attemptsMade: 0, opts: { attempts: 8 } });
  const checkIn = async (reference: string) => {
    const response = await app.http!.inject({
      method: 'POST',
      url: `/api/v1/cases/${reference}/check-ins`,
      headers: bearer(caseworker.token),
      payload: { channel: 'CALL' },
    });
    expect(response.statusCode).toBe(201);
  };
  const escalationsOf = (caseId: string): Promise<Array<{ id: string; state: string; outcome: string | null; opened_at: Date; level: number }>> =>
    db.query(`SELECT id, state, outcome, opened_at, level FROM escalations WHERE case_id = $1 AND trigger = 'MISSED_CHECKIN'`, [caseId]);
  const eventStatus = async (eventId: string): Promise<string> => (await db.query(`SELECT status FROM outbox_events WHERE id = $1`, [eventId]))[0].status;

  it('the job failed mid-way on a terminated connection, then a check-in came before its retry: one escalation, opened by the check-in and resolved by it', async () => {
    const c = await caseWithDeadline();
    clock.set(new Date(c.deadlineAt.getTime() + 1_000));

    // Hold the schedule row so the job stops inside its transaction; then terminate its backend.
    const blocker = new Client({ connectionString: ctx.databaseUrl });
    await blocker.connect();
    let failed: unknown;
    try {
      await blocker.query('BEGIN');
      await blocker.query(`SELECT 1 FROM checkin_schedules WHERE case_id = $1 FOR UPDATE`, [c.id]);
      const run = runDeadline(c.eventId).catch((error: unknown) => (failed = error));
      const [victim] = await waitFor(
        'the deadline job to wait inside its transaction',
        async () => {
          const rows = (
            await blocker.query(`SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND wait_event_type = 'Lock'`)
          ).rows;
          return rows.length === 1 ? rows : undefined;
        },
        10_000,
        25,
      );
      await blocker.query(`SELECT pg_terminate_backend($1)`, [victim.pid]);
      await run;
    } finally {
      await blocker.query('ROLLBACK');
      await blocker.end();
    }
    expect(failed).toBeInstanceOf(Error);
    expect(await escalationsOf(c.id)).toEqual([]);
    expect(await eventStatus(c.eventId)).not.toBe('DONE');

    // The person checks in after the deadline, before bull's retry runs the job again.
    clock.advance(2_000);
    await checkIn(c.reference);
    const [escalation, ...more] = await escalationsOf(c.id);
    expect(more).toEqual([]);
    expect(escalation).toMatchObject({ state: 'RESOLVED', outcome: 'CONTACT_RESTORED', level: 1 });
    expect(escalation!.opened_at.getTime()).toBeGreaterThanOrEqual(c.deadlineAt.getTime());
    const audit = await db.query(`SELECT action FROM audit_events WHERE resource_id = $1`, [escalation!.id]);
    expect(audit.map((row: { action: string }) => row.action).sort()).toEqual(['escalation.opened', 'escalation.resolved']);

    // The retry finds the newer version: it changes nothing.
    expect(await runDeadline(c.eventId)).toBe('done');
    expect(await escalationsOf(c.id)).toHaveLength(1);
    expect(await eventStatus(c.eventId)).toBe('DONE');
  });

  it('the job was lost with Redis and an activation re-timed the case first: still exactly one escalation, left open', async () => {
    const c = await caseWithDeadline();
    clock.set(new Date(c.deadlineAt.getTime() + 5_000));
    // An activation declared now halves every interval: the bulk re-time writes a new version without a check-in.
    const retimed = await db.transaction((tx) =>
      app.context.get(CheckinScheduleService).rescheduleMany(tx, [{ caseId: c.id, triageDueAt: null }], { checkinIntervalFactor: 0.5 }),
    );
    expect(retimed).toBe(1);
    expect((await db.query(`SELECT version FROM checkin_schedules WHERE case_id = $1`, [c.id]))[0].version).toBe(2);
    const escalations = await escalationsOf(c.id);
    expect(escalations).toHaveLength(1);
    expect(escalations[0]).toMatchObject({ state: 'OPEN', level: 1 });
    // The reconcile tick re-adds the lost job later: it finds the newer version.
    expect(await runDeadline(c.eventId)).toBe('done');
    expect(await escalationsOf(c.id)).toHaveLength(1);
  });

  it('the job ran in time: the later check-in opens no second escalation, even when staff had resolved the first', async () => {
    const c = await caseWithDeadline();
    clock.set(c.deadlineAt);
    expect(await runDeadline(c.eventId)).toBe('done');
    const [first] = await escalationsOf(c.id);
    expect(first).toMatchObject({ state: 'OPEN' });
    const resolved = await app.http!.inject({
      method: 'POST',
      url: `/api/v1/escalations/${first!.id}/resolution`,
      headers: bearer(caseworker.token),
      payload: { outcome: 'CONTACT_RESTORED' },
    });
    expect(resolved.statusCode).toBeLessThan(300);
    clock.advance(3_000);
    await checkIn(c.reference);
    const after = await escalationsOf(c.id);
    expect(after).toHaveLength(1);
    expect(after[0]).toMatchObject({ id: first!.id, state: 'RESOLVED' });
  });

  it('a check-in before the deadline opens nothing, and the deadline job then does nothing', async () => {
    const c = await caseWithDeadline();
    clock.set(new Date(c.deadlineAt.getTime() - 1_000));
    await checkIn(c.reference);
    clock.set(new Date(c.deadlineAt.getTime() + 1_000));
    expect(await runDeadline(c.eventId)).toBe('done');
    expect(await escalationsOf(c.id)).toEqual([]);
  });
});
