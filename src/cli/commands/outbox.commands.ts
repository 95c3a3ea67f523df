import type { Command } from 'commander';
import { systemActor } from '@common/access/principal';
import type { Environment } from '@config/load-section';
import { ParkedEvents } from '@infra/outbox/parked-events';
import { AuditService } from '@modules/audit/audit.service';
import { note, say, withAppContext } from '../cli-context';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const JOB = /^[a-z][a-z0-9_.]{0,99}$/;

/** Parked (FAILED) outbox events: what failed, and handing them back once the cause is fixed. */
export function registerOutboxCommands(program: Command, env: Environment = process.env): void {
  program
    .command('outbox:failed')
    .description('List parked (FAILED) outbox events: id, job, attempts, error code — never the payload')
    .option('--job <name>', 'only this job name')
    .action(async (options: { job?: string }) => {
      if (options.job !== undefined && !JOB.test(options.job)) throw new Error('--job must be a job name such as checkin.deadline');
      const parked = await withAppContext(env, (app) => app.get(ParkedEvents, { strict: false }).list({ job: options.job }));
      for (const event of parked) say(`${event.id}\t${event.jobName}\t${event.attempts}\t${event.lastError ?? '-'}\t${event.availableAt.toISOString()}`);
      note(`${parked.length} parked event(s)`);
    });

  program
    .command('outbox:retry')
    .description('Requeue parked outbox events (after fixing their cause); handlers are idempotent. Audited.')
    .option('--id <ids>', 'comma-separated event ids')
    .option('--job <name>', 'every parked event of this job name')
    .action(async (options: { id?: string; job?: string }) => {
      const ids = options.id
        ?.split(',')
        .map((id) => id.trim())
        .filter(Boolean);
      if (!ids?.length && options.job === undefined) throw new Error('give --id <ids> or --job <name>');
      if (ids?.some((id) => !UUID.test(id))) throw new Error('--id must be event ids (UUIDs)');
      if (options.job !== undefined && !JOB.test(options.job)) throw new Error('--job must be a job name such as checkin.deadline');
      const retried = await withAppContext(env, async (app) => {
        const events = await app.get(ParkedEvents, { strict: false }).retry({ ids, job: options.job });
        const audit = app.get(AuditService, { strict: false });
        for (const event of events) {
          await audit.recordAlone({
            actor: systemActor('cli'),
            action: 'outbox.retried',
            resourceType: 'outbox_event',
            resourceId: event.id,
            details: { job: event.jobName, attempts: event.attempts },
          });
        }
        return events;
      });
      say(`requeued ${retried.length} event(s)`);
    });
}
