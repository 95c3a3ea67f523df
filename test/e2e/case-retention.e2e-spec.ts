import { StaffRole } from '@common/access/roles';
import { JobDispatcher } from '@infra/queue/job-dispatcher';
import { TickScheduler } from '@infra/scheduling/tick-scheduler';
import { newCase } from '@test/support/builders/cases';
import { bearer, longLivedStaff, type StaffFixture } from '@test/support/builders/staff';
import { FakeClock } from '@test/support/fake-clock';
import { TestContext, type TestApp } from '@test/support/test-context';

const DAY = 86_400_000;

describe('retention: closed cases are crypto-shredded after the retention period', () => {
  let ctx: TestContext;
  let app: TestApp;
  const clock = new FakeClock(new Date());
  let caseworker: StaffFixture;
  let coordinator: StaffFixture;

  beforeAll(async () => {
    ctx = await TestContext.create();
    app = await ctx.startApp({ clock, env: { CASE_RETENTION_DAYS: '30' } });
    caseworker = await longLivedStaff(app, clock, [StaffRole.Caseworker]);
    coordinator = await longLivedStaff(app, clock, [StaffRole.Coordinator]);
  });
  afterAll(() => ctx.close());

  const close = async (reference: string) => {
    const response = await app.http!.inject({
      method: 'POST',
      url: `/api/v1/cases/${reference}/transitions`,
      headers: bearer(caseworker.token),
      payload: { to: 'CLOSED', closureReason: 'NO_LONGER_AT_RISK' },
    });
    expect(response.statusCode).toBe(200);
  };

  /** What a scheduler and a worker would do: tick, relay, run each event (idempotently). */
  const runRetention = async () => {
    await app.context.get(TickScheduler).fire('cases.retention');
    const db = await ctx.dataSource();
    const events: Array<{ id: string }> = await db.query(`SELECT id FROM outbox_events WHERE job_name = 'case.retention_erase' AND status <> 'DONE'`);
    const dispatcher = app.context.get(JobDispatcher);
    for (const { id } of events) {
      expect(await dispatcher.dispatch({ id, name: 'case.retention_erase', attemptsMade: 0, opts: {} })).toBe('done');
      // Running the same job again changes nothing.
      expect(await dispatcher.dispatch({ id, name: 'case.retention_erase', attemptsMade: 1, opts: {} })).toBe('skipped');
    }
    return events.length;
  };

  it('erases closed cases past retention, spares held and open ones, and runs each erasure once', async () => {
    const expired = await newCase(app, caseworker.token);
    const held = await newCase(app, caseworker.token);
    const open = await newCase(app, caseworker.token);
    await close(expired.reference);
    await close(held.reference);
    expect(
      (
        await app.http!.inject({
          method: 'PUT',
          url: `/api/v1/cases/${held.reference}/legal-hold`,
          headers: bearer(coordinator.token),
          payload: { legalHold: true },
        })
      ).statusCode,
    ).toBe(200);

    clock.advance(29 * DAY);
    expect(await runRetention()).toBe(0);

    clock.advance(2 * DAY);
    expect(await runRetention()).toBe(1);
    // The tick is claimed per period: firing again the same day enqueues nothing.
    expect(await runRetention()).toBe(0);

    const db = await ctx.dataSource();
    const rows: Array<{ reference: string; erased_at: Date | null; person_sealed: Buffer | null }> = await db.query(
      `SELECT reference, erased_at, person_sealed FROM cases`,
    );
    const byReference = new Map(rows.map((row) => [row.reference, row]));
    expect(byReference.get(expired.reference)).toMatchObject({ person_sealed: null });
    expect(byReference.get(expired.reference)?.erased_at).not.toBeNull();
    expect(byReference.get(held.reference)?.erased_at).toBeNull();
    expect(byReference.get(open.reference)?.erased_at).toBeNull();
    const [audit] = await db.query(`SELECT actor_type, actor_id, details FROM audit_events WHERE action = 'case.erased' AND resource_id = $1`, [
      expired.reference,
    ]);
    expect(audit).toEqual({ actor_type: 'system', actor_id: 'retention', details: { reason: 'RETENTION' } });
  });
});
