import { Injectable, Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { OutboxService } from '@infra/outbox/outbox.service';
import { JobDispatcher } from '@infra/queue/job-dispatcher';
import { OutsideTransactionJobHandler, type OutsideJobContext } from '@infra/queue/job-handler.decorator';
import { TestContext, type TestApp } from '@test/support/test-context';

const OUTSIDE = 'probe.outside';

/** Stands in for an HTTP call: while it "waits on the peer", the test looks at what the process holds. */
@Injectable()
class OutsideProbe {
  duringCall: (outboxId: string) => Promise<void> = () => Promise.resolve();
  calls = 0;
  completed: boolean[] = [];

  @OutsideTransactionJobHandler(OUTSIDE)
  async run(context: OutsideJobContext): Promise<void> {
    this.calls += 1;
    await this.duringCall(context.outboxId);
    this.completed.push(
      await context.complete(async (tx) => {
        await tx.query(`CREATE TABLE IF NOT EXISTS probe_outside (outbox_id uuid PRIMARY KEY)`);
        await tx.query(`INSERT INTO probe_outside (outbox_id) VALUES ($1)`, [context.outboxId]);
      }),
    );
  }
}

@Module({ providers: [OutsideProbe] })
class OutsideProbeModule {}

describe('jobs that run outside a transaction', () => {
  let ctx: TestContext;
  let app: TestApp;
  let db: DataSource;

  beforeAll(async () => {
    ctx = await TestContext.create();
    app = await ctx.startApp({ extraModules: [OutsideProbeModule], extraJobNames: [OUTSIDE] });
    db = await ctx.dataSource();
  });
  afterAll(() => ctx.close());

  const record = () => app.context.get(DataSource).transaction((tx) => app.context.get(OutboxService).record(tx, { job: OUTSIDE })) as Promise<string>;
  const job = (id: string) => ({ id, name: OUTSIDE, attemptsMade: 0, opts: { attempts: 3 } });

  it('holds no transaction and no lock on the event while the call runs; records the outcome once', async () => {
    const probe = app.context.get(OutsideProbe);
    const id = await record();
    const seen: Array<{ open: number }> = [];
    probe.duringCall = async (outboxId) => {
      // The event row can be locked by someone else at once: the dispatcher holds no lock on it.
      await db.transaction((tx) => tx.query(`SELECT id FROM outbox_events WHERE id = $1 FOR UPDATE NOWAIT`, [outboxId]));
      const [row] = await db.query(
        `SELECT count(*)::int AS open FROM pg_stat_activity WHERE datname = current_database() AND application_name LIKE 'corridor:api%' AND xact_start IS NOT NULL`,
      );
      seen.push(row as { open: number });
    };
    expect(await app.context.get(JobDispatcher).dispatch(job(id))).toBe('done');
    expect(seen).toEqual([{ open: 0 }]);
    expect(await db.query(`SELECT status FROM outbox_events WHERE id = $1`, [id])).toEqual([{ status: 'DONE' }]);
    expect(await app.context.get(JobDispatcher).dispatch(job(id))).toBe('skipped');
    expect(await db.query(`SELECT count(*)::int AS n FROM probe_outside WHERE outbox_id = $1`, [id])).toEqual([{ n: 1 }]);
  });

  it('lets two concurrent runs both call out but records only the first to complete', async () => {
    const probe = app.context.get(OutsideProbe);
    const id = await record();
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let arrived = 0;
    probe.calls = 0;
    probe.completed = [];
    probe.duringCall = async () => {
      arrived += 1;
      if (arrived === 2) release();
      await gate;
    };
    const results = await Promise.all([app.context.get(JobDispatcher).dispatch(job(id)), app.context.get(JobDispatcher).dispatch(job(id))]);
    expect(probe.calls).toBe(2);
    expect(results.sort()).toEqual(['done', 'skipped']);
    expect(probe.completed.sort()).toEqual([false, true]);
    expect(await db.query(`SELECT count(*)::int AS n FROM probe_outside WHERE outbox_id = $1`, [id])).toEqual([{ n: 1 }]);
  });
});
