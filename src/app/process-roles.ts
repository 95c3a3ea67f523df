import type { INestApplicationContext } from '@nestjs/common';
import type { ProcessConfig } from '@config/process.config';
import { OutboxRelay } from '@infra/outbox/outbox-relay';
import { JobWorker } from '@infra/queue/job-worker';
import { TickScheduler } from '@infra/scheduling/tick-scheduler';

/**
 * Turns on what this process's roles do. Every role loads every module (so job registration is
 * checked everywhere); only `worker` consumes and relays, only `scheduler` ticks.
 */
export function startProcessRoles(app: INestApplicationContext, config: ProcessConfig): void {
  if (config.hasRole('worker')) {
    app.get(JobWorker).start();
    app.get(OutboxRelay).start();
  }
  if (config.hasRole('scheduler')) {
    app.get(TickScheduler).start();
  }
}
