import { TickScheduler } from '@infra/scheduling/tick-scheduler';
import { FakeClock } from '@test/support/fake-clock';
import { TestContext, type TestApp } from '@test/support/test-context';

describe('scheduled ticks across replicas', () => {
  let ctx: TestContext;
  let replicas: TestApp[];
  const clock = new FakeClock('2026-03-01T00:00:00.000Z');
  const runs: string[] = [];
  const PERIOD_MS = 60_000;

  beforeAll(async () => {
    ctx = await TestContext.create();
    // Two scheduler processes' worth of apps on one database and one clock.
    replicas = [await ctx.startApp({ roles: 'scheduler', clock }), await ctx.startApp({ roles: 'scheduler', clock })];
    replicas.forEach((replica, index) =>
      replica.context.get(TickScheduler).declare('probe.tick', PERIOD_MS, async (tx, period) => {
        // Holds the lock a moment so the other replica really overlaps.
        await tx.query('SELECT pg_sleep(0.05)');
        runs.push(`${index}:${period}`);
      }),
    );
  });
  afterAll(() => ctx.close());

  const fireEverywhere = () => Promise.all(replicas.map((replica) => replica.context.get(TickScheduler).fire('probe.tick')));

  it('runs once per period when every replica fires at the same moment', async () => {
    const outcomes = await fireEverywhere();
    expect(outcomes.filter((o) => o === 'ran')).toHaveLength(1);
    expect(runs).toHaveLength(1);
  });

  it('does not run again in the same period when a replica fires late', async () => {
    clock.advance(PERIOD_MS / 2);
    const outcomes = await fireEverywhere();
    expect(outcomes).not.toContain('ran');
    expect(runs).toHaveLength(1);
  });

  it('runs once in the next period', async () => {
    clock.advance(PERIOD_MS);
    const outcomes = await fireEverywhere();
    expect(outcomes.filter((o) => o === 'ran')).toHaveLength(1);
    expect(runs).toHaveLength(2);
    const periods = runs.map((run) => Number(run.split(':')[1]));
    expect(periods[1]).toBe(periods[0]! + 1);
  });

  it('declares the outbox maintenance ticks', () => {
    expect(replicas[0]!.context.get(TickScheduler).declared()).toEqual(expect.arrayContaining(['outbox.reconcile', 'outbox.prune']));
  });
});
