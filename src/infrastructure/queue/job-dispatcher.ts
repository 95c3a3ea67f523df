import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Job } from 'bull';
import { DataSource, type EntityManager } from 'typeorm';
import { Clock } from '@common/clock/clock';
import { QueueConfig } from '@config/queue.config';
import { OutboxStatus } from '@infra/outbox/outbox-event.entity';
import { OutboxRepository } from '@infra/outbox/outbox.repository';
import type { ClaimedEvent, OutsideJobHandlerFn } from './job-handler.decorator';
import { JobQueue } from './job-queue';
import { PermanentJobError } from './job.exception';
import { JobRegistry } from './job-registry';

export type DispatchResult = 'done' | 'skipped';

/**
 * Runs one outbox event's handler inside a transaction that also marks the event done, with the
 * event row locked. A second run of the same event (bull is at-least-once) waits on the lock,
 * then sees DONE and does nothing. Handlers that call out to other servers run outside any
 * transaction and lock the row only to record their outcome (`OutsideJobContext.complete`).
 */
@Injectable()
export class JobDispatcher {
  private readonly logger = new Logger(JobDispatcher.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxRepository,
    private readonly registry: JobRegistry,
    private readonly jobs: JobQueue,
    private readonly clock: Clock,
    @Inject(QueueConfig) private readonly config: QueueConfig,
  ) {}

  async dispatch(job: Pick<Job, 'id' | 'name' | 'attemptsMade' | 'opts'>): Promise<DispatchResult> {
    const outboxId = String(job.id);
    const attempt = job.attemptsMade + 1;
    const handler = this.registry.handlerFor(job.name);
    if (!handler) throw new PermanentJobError('NO_HANDLER');
    try {
      if (handler.outsideTransaction) return await this.dispatchOutside(handler.run, outboxId, attempt);
      const run = handler.run;
      const alsoDone: string[] = [];
      const result = await this.dataSource.transaction(async (tx): Promise<DispatchResult> => {
        const event = await this.outbox.lockForRun(tx, outboxId);
        if (!event || event.status === OutboxStatus.Done || event.status === OutboxStatus.Failed) return 'skipped';
        const claimMore = async (limit: number): Promise<ClaimedEvent[]> => {
          const rows = await this.outbox.claimDue(tx, event.jobName, this.clock.now(), limit, outboxId);
          alsoDone.push(...rows.map((row) => row.id));
          return rows.map((row) => ({ outboxId: row.id, payload: row.payload }));
        };
        await run({ outboxId, name: event.jobName, payload: event.payload, attempt, tx, claimMore });
        const now = this.clock.now();
        await this.outbox.markDone(tx, outboxId, attempt, now);
        await this.outbox.markManyDone(tx, alsoDone, now);
        return 'done';
      });
      // After the commit only: had it failed, the claimed events would need their jobs again.
      if (alsoDone.length > 0) await this.jobs.removeAll(alsoDone);
      return result;
    } catch (error) {
      const code = errorCode(error);
      const maxAttempts = job.opts.attempts ?? this.config.attempts;
      const parked = error instanceof PermanentJobError || attempt >= maxAttempts;
      await this.outbox.recordFailure(outboxId, attempt, code, parked, this.clock.now());
      // Only the job name, id and error code: messages may quote data.
      this.logger.warn({ job: job.name, outboxId, attempt, code, parked }, 'job failed');
      throw error;
    }
  }

  private async dispatchOutside(run: OutsideJobHandlerFn, outboxId: string, attempt: number): Promise<DispatchResult> {
    const event = await this.outbox.find(outboxId);
    if (!event || event.status === OutboxStatus.Done || event.status === OutboxStatus.Failed) return 'skipped';
    let completed: boolean | undefined;
    const complete = async (work: (tx: EntityManager) => Promise<void>): Promise<boolean> => {
      if (completed !== undefined) throw new Error('complete() may be called once per run');
      completed = await this.dataSource.transaction(async (tx) => {
        const locked = await this.outbox.lockForRun(tx, outboxId);
        if (!locked || locked.status === OutboxStatus.Done || locked.status === OutboxStatus.Failed) return false;
        await work(tx);
        await this.outbox.markDone(tx, outboxId, attempt, this.clock.now());
        return true;
      });
      return completed;
    };
    await run({ outboxId, name: event.jobName, payload: event.payload, attempt, complete });
    return (completed ?? (await complete(() => Promise.resolve()))) ? 'done' : 'skipped';
  }
}

function errorCode(error: unknown): string {
  if (error instanceof PermanentJobError) return error.code;
  if (error && typeof error === 'object') {
    const code = (error as { code?: unknown }).code;
    const name = (error as { name?: unknown }).name;
    if (typeof code === 'string' && /^[A-Z0-9_.-]{1,64}$/i.test(code)) return `${typeof name === 'string' ? name : 'Error'}:${code}`;
    if (typeof name === 'string') return name;
  }
  return 'UnknownError';
}
