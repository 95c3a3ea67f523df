import type { DataSource } from 'typeorm';
import { OutboxService } from '@infra/outbox/outbox.service';
import { registerOutboxCommands } from '../commands/outbox.commands';
import { PROBE_JOB_NAMES, ProbeJob, ProbeJobs, ProbeModule } from '@test/support/probe.module';
import { runCommand } from './run-command';
import { TestContext, type TestApp } from '@test/support/test-context';
import { waitFor } from '@test/support/wait-for';

describe('Outbox CLI commands', () => {
  let ctx: TestContext;
  let app: TestApp;
  let db: DataSource;

  /** Runs one command as `corridor …` would, against this file's database and Redis; returns stdout. */
  const run = (...args: string[]): Promise<string> => runCommand(registerOutboxCommands, ctx.env({ LOG_LEVEL: 'error' }), args);

  const statusOf = async (id: string): Promise<{ status: string; attempts: number; last_error: string | null }> =>
    (await db.query(`SELECT status, attempts, last_error FROM outbox_events WHERE id = $1`, [id]))[0];

  beforeAll(async () => {
    ctx = await TestContext.create();
    // A worker in this process runs the probe jobs; the CLI boots its own context beside it.
    app = await ctx.startApp({
      roles: 'api,worker',
      extraModules: [ProbeModule],
      extraJobNames: PROBE_JOB_NAMES,
      env: { JOB_ATTEMPTS: '2', JOB_BACKOFF_MS: '20', OUTBOX_POLL_MS: '50' },
    });
    db = await ctx.dataSource();
  });
  afterAll(() => ctx.close());

  it('lists a parked event without its payload, requeues it once the cause is fixed, and audits the retry', async () => {
    const probe = app.context.get(ProbeJobs);
    probe.failuresLeft = Number.POSITIVE_INFINITY;
    const id = (await db.transaction((tx) => app.context.get(OutboxService).record(tx, { job: ProbeJob.Fail, payload: { label: 'payload-never-listed' } })))!;
    await waitFor('the event parked', async () => (await statusOf(id))?.status === 'FAILED', 15_000);

    const listed = await run('outbox:failed');
    expect(listed).toMatch(new RegExp(`^${id}\\t${ProbeJob.Fail}\\t2\\tError:PROBE_FAILURE\\t`));
    expect(listed).not.toContain('payload-never-listed');

    probe.failuresLeft = 0;
    expect(await run('outbox:retry', '--id', id)).toBe('requeued 1 event(s)\n');
    await waitFor('the retried event done', async () => (await statusOf(id))?.status === 'DONE', 15_000);
    expect(await statusOf(id)).toEqual({ status: 'DONE', attempts: 1, last_error: null });
    expect(await db.query(`SELECT actor_type, actor_id, resource_id, details FROM audit_events WHERE action = 'outbox.retried'`)).toEqual([
      { actor_type: 'system', actor_id: 'cli', resource_id: id, details: { job: ProbeJob.Fail, attempts: 2 } },
    ]);
    // Nothing parked is left to requeue.
    expect(await run('outbox:retry', '--job', ProbeJob.Fail)).toBe('requeued 0 event(s)\n');
  });

  it('refuses a retry without a selection, or with malformed ids and names, and changes nothing', async () => {
    await expect(run('outbox:retry')).rejects.toThrow('give --id <ids> or --job <name>');
    await expect(run('outbox:retry', '--id', 'not-a-uuid')).rejects.toThrow('--id must be event ids');
    await expect(run('outbox:failed', '--job', "x'; DROP TABLE outbox_events")).rejects.toThrow('--job must be a job name');
    expect(await db.query(`SELECT count(*)::int AS n FROM audit_events WHERE action = 'outbox.retried'`)).toEqual([{ n: 1 }]);
  });
});
