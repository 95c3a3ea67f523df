import { DataSource } from 'typeorm';
import { OutboxService } from '@infra/outbox/outbox.service';
import { OutboxRelay } from '@infra/outbox/outbox-relay';
import { OutboxReconciler } from '@infra/outbox/outbox-reconciler';
import { JobDispatcher } from '@infra/queue/job-dispatcher';
import { JobQueue } from '@infra/queue/job-queue';
import { JobWorker } from '@infra/queue/job-worker';
import { PROBE_JOB_NAMES, ProbeJob, ProbeJobs, ProbeModule } from '@test/support/probe.module';
import { TestContext, type TestApp } from '@test/support/test-context';
import { waitFor } from '@test/support/wait-for';

describe('transactional outbox', () => {
  let ctx: TestContext;
  let db: DataSource;
  // Two processes' worth of relays against one database. The api role starts neither relay loop,
  // consumer nor ticks, so each test drives them by hand.
  let first: TestApp;
  let second: TestApp;

  const probeApp = (env: Record<string, string> = {}) => ctx.startApp({ roles: 'api', extraModules: [ProbeModule], extraJobNames: PROBE_JOB_NAMES, env });

  const record = (label: string, job: string = ProbeJob.Record) =>
    db.transaction((tx) => first.context.get(OutboxService).record(tx, { job, payload: { label } }));

  const runs = async (): Promise<Array<{ outbox_id: string; label: string }>> => {
    const [{ exists }] = await db.query(`SELECT to_regclass('probe_runs') IS NOT NULL AS exists`);
    return exists ? db.query(`SELECT outbox_id, label FROM probe_runs`) : [];
  };

  const statusOf = async (id: string) => (await db.query(`SELECT status, attempts, last_error FROM outbox_events WHERE id = $1`, [id]))[0];

  beforeAll(async () => {
    ctx = await TestContext.create();
    db = await ctx.dataSource();
    first = await probeApp({ JOB_ATTEMPTS: '3', JOB_BACKOFF_MS: '50' });
    second = await probeApp({ JOB_ATTEMPTS: '3', JOB_BACKOFF_MS: '50' });
  });
  afterAll(() => ctx.close());

  beforeEach(async () => {
    // Created here, not by concurrent handlers, which would race on CREATE TABLE.
    await db.query(`CREATE TABLE IF NOT EXISTS probe_runs (outbox_id uuid, label text, ran_at timestamptz DEFAULT clock_timestamp())`);
    await db.query(`TRUNCATE probe_runs`);
    await db.query(`DELETE FROM outbox_events`);
  });

  it('never runs an event recorded in a rolled-back transaction', async () => {
    await expect(
      db.transaction(async (tx) => {
        await first.context.get(OutboxService).record(tx, { job: ProbeJob.Record, payload: { label: 'rolled-back' } });
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    expect(await first.context.get(OutboxRelay).relayOnce()).toBe(0);
    expect(await db.query(`SELECT count(*)::int AS n FROM outbox_events`)).toEqual([{ n: 0 }]);
  });

  it('runs each committed event exactly once while two relays and two workers race', async () => {
    const ids = await Promise.all(Array.from({ length: 120 }, (_, i) => record(`event-${i}`)));
    const [movedA, movedB] = await Promise.all([first.context.get(OutboxRelay).relayOnce(), second.context.get(OutboxRelay).relayOnce()]);
    expect(movedA + movedB).toBe(120);
    first.context.get(JobWorker).start();
    second.context.get(JobWorker).start();
    await waitFor('all events done', async () => {
      const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM outbox_events WHERE status = 'DONE'`);
      return n === 120;
    });
    const done = await runs();
    expect(done).toHaveLength(120);
    expect(new Set(done.map((run) => run.outbox_id))).toEqual(new Set(ids));
  });

  it('does nothing when the same job is dispatched twice', async () => {
    const id = (await record('twice'))!;
    const dispatcher = first.context.get(JobDispatcher);
    const job = { id, name: ProbeJob.Record, attemptsMade: 0, opts: { attempts: 3 } };
    const results = await Promise.all([dispatcher.dispatch(job), dispatcher.dispatch(job)]);
    expect(results.sort()).toEqual(['done', 'skipped']);
    expect(await runs()).toHaveLength(1);
  });

  it('lets a batch-capable run finish other due events of its job in its transaction, once, and drop their queued jobs', async () => {
    const outbox = first.context.get(OutboxService);
    const queue = first.context.get(JobQueue);
    const batch = (await Promise.all(Array.from({ length: 5 }, (_, i) => record(`batch-${i}`, ProbeJob.Batch)))).map(String);
    const other = String(await record('other job', ProbeJob.Record));
    const later = String(await db.transaction((tx) => outbox.record(tx, { job: ProbeJob.Batch, availableAt: new Date(Date.now() + 3_600_000) })));
    // Handed to bull as the relay would, but delayed for an hour: the workers an earlier test
    // started must not take them, this test runs them by hand.
    const handed = [...batch, other];
    await queue.addAll(handed.map((id) => ({ id, name: id === other ? ProbeJob.Record : ProbeJob.Batch, delayMs: 3_600_000 })));
    await db.query(`UPDATE outbox_events SET status = 'ENQUEUED', enqueued_at = now() WHERE id = ANY($1)`, [handed]);
    const probe = first.context.get(ProbeJobs);
    const dispatcher = first.context.get(JobDispatcher);
    const job = (id: string, name: string = ProbeJob.Batch) => ({ id, name, attemptsMade: 0, opts: { attempts: 3 } });

    // A run that fails after claiming leaves every claimed event unfinished, its job in place.
    probe.batchFails = true;
    await expect(dispatcher.dispatch(job(batch[0]!))).rejects.toThrow();
    for (const id of batch.slice(1)) {
      expect((await statusOf(id)).status).toBe('ENQUEUED');
      expect(await queue.getJob(id)).not.toBeNull();
    }
    await db.query(`UPDATE outbox_events SET attempts = 0, last_error = NULL WHERE id = $1`, [batch[0]]);

    probe.batchFails = false;
    expect(await dispatcher.dispatch(job(batch[0]!))).toBe('done');
    expect((await runs()).map((run) => run.outbox_id).sort()).toEqual([...batch].sort());
    for (const id of batch) expect((await statusOf(id)).status).toBe('DONE');
    // Not due, or another job: not claimed.
    expect((await statusOf(later)).status).toBe('PENDING');
    expect((await statusOf(other)).status).toBe('ENQUEUED');
    // The claimed events' jobs are gone from bull; one still delivered finds its event done.
    for (const id of batch.slice(1)) expect(await queue.getJob(id)).toBeNull();
    expect(await dispatcher.dispatch(job(batch[1]!))).toBe('skipped');
    expect(await runs()).toHaveLength(5);
  });

  it('runs events after Redis lost them, through reconciliation', async () => {
    const ids = await Promise.all(Array.from({ length: 20 }, (_, i) => record(`lost-${i}`)));
    // Hand them to bull, then wipe this test's Redis keys before any worker consumes them.
    await first.context.get(JobQueue).queue.pause(false);
    await first.context.get(OutboxRelay).relayOnce();
    const redis = await ctx.redis();
    const keys = await redis.keys(`${ctx.redisPrefix}:*`);
    if (keys.length) await redis.del(...keys);
    await redis.quit();
    expect(await first.context.get(JobQueue).getJob(ids[0]!)).toBeNull();

    const report = await first.context.get(OutboxReconciler).reconcile();
    expect(report.requeued).toBe(20);
    await waitFor('lost events run', async () => (await runs()).length === 20);
    // A second pass finds nothing left to do.
    await waitFor('outbox drained', async () => {
      const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM outbox_events WHERE status <> 'DONE'`);
      return n === 0;
    });
    expect((await first.context.get(OutboxReconciler).reconcile()).checked).toBe(0);
  });

  it('retries a failing handler with backoff, then parks it as failed with a code and no message', async () => {
    first.context.get(ProbeJobs).failuresLeft = Number.POSITIVE_INFINITY;
    second.context.get(ProbeJobs).failuresLeft = Number.POSITIVE_INFINITY;
    const id = (await record('always-fails', ProbeJob.Fail))!;
    await first.context.get(OutboxRelay).relayOnce();
    const parked = await waitFor('event parked', async () => {
      const row = await statusOf(id);
      return row?.status === 'FAILED' ? row : undefined;
    });
    expect(parked).toEqual({ status: 'FAILED', attempts: 3, last_error: 'Error:PROBE_FAILURE' });
    const job = await first.context.get(JobQueue).getJob(id);
    expect(job?.attemptsMade).toBe(3);
    // Exponential backoff: 50 ms, then 100 ms between the three attempts.
    const finished = job!.finishedOn! - job!.timestamp;
    expect(finished).toBeGreaterThanOrEqual(150);
  });

  it('recovers when a handler fails once and then succeeds', async () => {
    first.context.get(ProbeJobs).failuresLeft = 1;
    second.context.get(ProbeJobs).failuresLeft = 1;
    const id = (await record('fails-once', ProbeJob.Fail))!;
    await first.context.get(OutboxRelay).relayOnce();
    const done = await waitFor('event done', async () => {
      const row = await statusOf(id);
      return row?.status === 'DONE' ? row : undefined;
    });
    expect(done).toMatchObject({ status: 'DONE', last_error: null });
    expect(done.attempts).toBeGreaterThanOrEqual(2);
  });

  it('keeps one event per dedupe key', async () => {
    const service = first.context.get(OutboxService);
    const a = await db.transaction((tx) => service.record(tx, { job: ProbeJob.Record, dedupeKey: 'deadline:case-1:v3' }));
    const b = await db.transaction((tx) => service.record(tx, { job: ProbeJob.Record, dedupeKey: 'deadline:case-1:v3' }));
    expect(a).toEqual(expect.any(String));
    expect(b).toBeNull();
    expect(await db.query(`SELECT count(*)::int AS n FROM outbox_events`)).toEqual([{ n: 1 }]);
  });
});
