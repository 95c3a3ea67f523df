import { Injectable } from '@nestjs/common';
import { JobName } from '@common/jobs/job-name';
import { OutsideTransactionJobHandler, type OutsideJobContext } from '@infra/queue/job-handler.decorator';
import { WebhookDeliveryService } from './webhook-delivery.service';

/** `webhook.attempt`, outside a transaction (an HTTP call): WebhookDeliveryService does the work. */
@Injectable()
export class WebhookAttemptHandler {
  constructor(private readonly delivery: WebhookDeliveryService) {}

  @OutsideTransactionJobHandler(JobName.WebhookAttempt)
  attempt(context: OutsideJobContext): Promise<void> {
    return this.delivery.attempt(context);
  }
}
