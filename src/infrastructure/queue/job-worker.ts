import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { QueueConfig } from '@config/queue.config';
import { PermanentJobError } from './job.exception';
import { JobDispatcher } from './job-dispatcher';
import { JobQueue } from './job-queue';

/** Starts consuming the queue (worker role only); closing waits for jobs in flight. */
@Injectable()
export class JobWorker implements OnApplicationShutdown {
  private readonly logger = new Logger(JobWorker.name);
  private started = false;

  constructor(
    private readonly jobs: JobQueue,
    private readonly dispatcher: JobDispatcher,
    @Inject(QueueConfig) private readonly config: QueueConfig,
  ) {}

  start(): void {
    if (this.started) return;
    this.started = true;
    void this.jobs.queue.process('*', this.config.concurrency, async (job) => {
      try {
        await this.dispatcher.dispatch(job);
      } catch (error) {
        if (error instanceof PermanentJobError) await job.discard();
        throw error;
      }
    });
    this.logger.log({ concurrency: this.config.concurrency }, 'worker consuming jobs');
  }

  async onApplicationShutdown(): Promise<void> {
    // Waits for active jobs to finish, then closes the connections.
    await this.jobs.queue.close();
  }
}
