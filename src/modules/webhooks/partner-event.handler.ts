import { Injectable } from '@nestjs/common';
import { JobName } from '@common/jobs/job-name';
import { JobHandler, type JobContext } from '@infra/queue/job-handler.decorator';
import { WebhookAudience } from './webhook-records.entity';
import { WebhookDeliveryService, type OutboundEvent } from './webhook-delivery.service';

interface PartnerEventPayload extends OutboundEvent {
  agencyId: string;
}

/**
 * Turns recorded events into deliveries: one agency's partner event to its subscribed endpoints,
 * a staff alert to the subscribed alert channels. Both run in the transaction that marks the
 * event done, and deliveries are unique per (event, endpoint), so a repeated run adds nothing.
 */
@Injectable()
export class PartnerEventHandler {
  constructor(private readonly deliveries: WebhookDeliveryService) {}

  @JobHandler(JobName.PartnerEvent)
  async fanOut(context: JobContext): Promise<void> {
    const event = context.payload as unknown as PartnerEventPayload;
    await this.deliveries.fanOut(context.tx, { audience: WebhookAudience.PARTNER, agencyId: event.agencyId }, event);
  }

  @JobHandler(JobName.StaffAlert)
  async fanOutStaffAlert(context: JobContext): Promise<void> {
    await this.deliveries.fanOut(context.tx, { audience: WebhookAudience.STAFF }, context.payload as unknown as OutboundEvent);
  }
}
