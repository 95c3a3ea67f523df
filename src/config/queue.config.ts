import { Type } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';
import { Env } from './env.decorator';

export class QueueConfig {
  @Env('WORKER_CONCURRENCY', { description: 'Jobs one worker process runs at once.' })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(256)
  concurrency = 16;

  @Env('OUTBOX_POLL_MS', { description: 'How often the outbox relay looks for new events.' })
  @Type(() => Number)
  @IsInt()
  @Min(10)
  @Max(60_000)
  outboxPollMs = 200;

  @Env('OUTBOX_RECONCILE_MS', { description: 'How often events that are due but not done are re-enqueued (after a Redis loss).' })
  @Type(() => Number)
  @IsInt()
  @Min(100)
  @Max(600_000)
  reconcileMs = 5_000;

  @Env('JOB_ATTEMPTS', { description: 'Attempts before a job is parked as failed.' })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(50)
  attempts = 8;

  @Env('JOB_BACKOFF_MS', { description: 'First retry delay; doubles on each attempt.' })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  backoffMs = 1_000;

  @Env('JOB_LOCK_MS', { description: 'Lock a running job holds; a job whose worker died is retried after about this long.' })
  @Type(() => Number)
  @IsInt()
  @Min(1_000)
  @Max(600_000)
  lockMs = 30_000;
}
