import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { ProcessConfig } from '@config/process.config';
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
    @Inject(ProcessConfig) private readonly processConfig: ProcessConfig,
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
    // close() waits for active jobs, but also for a Redis that never came up: bound it, then cut
    // the connections so no reconnect timer outlives the process's work.
    const queue = this.jobs.queue;
    let timer: NodeJS.Timeout | undefined;
    const closed = await Promise.race([
      queue.close().then(
        () => true,
        () => false,
      ),
      new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), this.processConfig.shutdownTimeoutMs))),
    ]);
    clearTimeout(timer);
    if (!closed) for (const client of queue.clients) client.disconnect();
  }
}
