import { Injectable } from '@nestjs/common';
import { JobName } from '@common/jobs/job-name';
import { JobHandler, type JobContext } from '@infra/queue/job-handler.decorator';
import { ActivationFanoutService } from './activation-fanout.service';

/** The activation fan-out's jobs: the plan, then each chunk (ActivationFanoutService does the work). */
@Injectable()
export class ActivationFanoutHandler {
  constructor(private readonly fanout: ActivationFanoutService) {}

  @JobHandler(JobName.ActivationFanoutPlan)
  plan(context: JobContext): Promise<void> {
    return this.fanout.plan(context);
  }

  @JobHandler(JobName.ActivationFanoutChunk)
  chunk(context: JobContext): Promise<void> {
    return this.fanout.chunk(context);
  }
}
