import { DataSource } from 'typeorm';
import { JobDispatcher } from '@infra/queue/job-dispatcher';
import type { FakeClock } from './fake-clock';
import type { TestApp } from './test-context';

/**
 * Runs every outbox event due by the fake clock through the app's dispatcher, as a worker would,
 * until none is left (a handler may record more that are already due). Returns how many ran.
 */
export async function runDueJobs(app: TestApp, clock: FakeClock): Promise<number> {
  const dispatcher = app.context.get(JobDispatcher);
  const db = app.context.get(DataSource);
  let total = 0;
  for (;;) {
    const due = await db.query<Array<{ id: string; job_name: string }>>(
      `SELECT id, job_name FROM outbox_events WHERE status IN ('PENDING', 'ENQUEUED') AND available_at <= $1 ORDER BY available_at, id`,
      [clock.now()],
    );
    if (due.length === 0) return total;
    for (const event of due) await dispatcher.dispatch({ id: event.id, name: event.job_name, attemptsMade: 0, opts: { attempts: 1 } });
    total += due.length;
  }
}
