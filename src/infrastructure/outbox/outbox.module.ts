import { Global, Module } from '@nestjs/common';
import { BullModule } from '@nestjs/bull';
import { DiscoveryModule } from '@nestjs/core';
import { QueueName } from '@infra/queue/queue-name';
import { JobDispatcher } from '@infra/queue/job-dispatcher';
import { JobQueue } from '@infra/queue/job-queue';
import { JobRegistry } from '@infra/queue/job-registry';
import { JobWorker } from '@infra/queue/job-worker';
import { OutboxMaintenance } from './outbox-maintenance';
import { OutboxReconciler } from './outbox-reconciler';
import { OutboxRelay } from './outbox-relay';
import { OutboxRepository } from './outbox.repository';
import { OutboxService } from './outbox.service';
import { ParkedEvents } from './parked-events';

/** The transactional outbox and the bull machinery that executes it. */
@Global()
@Module({
  imports: [DiscoveryModule, BullModule.registerQueue({ name: QueueName.Main })],
  providers: [OutboxRepository, OutboxService, OutboxRelay, OutboxReconciler, OutboxMaintenance, JobQueue, JobRegistry, JobDispatcher, JobWorker, ParkedEvents],
  exports: [OutboxService, OutboxRelay, OutboxReconciler, OutboxRepository, JobQueue, JobWorker, JobDispatcher, JobRegistry, ParkedEvents],
})
export class OutboxModule {}
