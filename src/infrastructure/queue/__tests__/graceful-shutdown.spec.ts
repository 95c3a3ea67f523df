import { OutboxRelay } from '@infra/outbox/outbox-relay';
import { OutboxService } from '@infra/outbox/outbox.service';
import { PROBE_JOB_NAMES, ProbeJob, ProbeJobs, ProbeModule } from '@test/support/probe.module';
import { TestContext } from '@test/support/test-context';
import { waitFor } from '@test/support/wait-for';

describe('graceful shutdown', () => {
  let ctx: TestContext;

  beforeAll(async () => {
    ctx = await TestContext.create();
  });
  afterAll(() => ctx.close());

  it('lets a job in flight finish before the worker closes', async () => {
    const worker = await ctx.startApp({ roles: 'worker', extraModules: [ProbeModule], extraJobNames: PROBE_JOB_NAMES });
    worker.context.get(ProbeJobs).slowMs = 800;
    await (await ctx.dataSource()).query(`CREATE TABLE IF NOT EXISTS probe_runs (outbox_id uuid, label text, ran_at timestamptz DEFAULT clock_timestamp())`);
    const db = await ctx.dataSource();
    const id = await db.transaction((tx) => worker.context.get(OutboxService).record(tx, { job: ProbeJob.Slow }));
    await worker.context.get(OutboxRelay).relayOnce();
    const probe = worker.context.get(ProbeJobs);
    await waitFor('the job to start', () => Promise.resolve(probe.slowStarted > 0), 5_000, 10);
    const started = Date.now();
    await worker.close();
    expect(Date.now() - started).toBeGreaterThan(200);
    expect(await db.query(`SELECT status FROM outbox_events WHERE id = $1`, [id])).toEqual([{ status: 'DONE' }]);
    expect(await db.query(`SELECT count(*)::int AS n FROM probe_runs WHERE outbox_id = $1`, [id])).toEqual([{ n: 1 }]);
  });
});
