import { Injectable } from '@nestjs/common';
import { JobName } from '@common/jobs/job-name';
import { JobHandler, type JobContext } from '@infra/queue/job-handler.decorator';

/** Turns one agency's partner event into deliveries to its subscribed webhook endpoints. */
@Injectable()
export class PartnerEventHandler {
  @JobHandler(JobName.PartnerEvent)
  async fanOut(_context: JobContext): Promise<void> {
    // Webhook endpoints and deliveries arrive with the partner API (issue 8); until then the
    // event is recorded and intentionally goes nowhere.
  }
}
