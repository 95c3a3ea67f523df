import { Global, Module } from '@nestjs/common';
import { PartnerEventPublisher } from '@common/partner-events/partner-event';
import { PartnerEventHandler } from './partner-event.handler';
import { PartnerEventsService } from './partner-events.service';

/** Partner events and their delivery. Global: every domain module may publish to partners. */
@Global()
@Module({
  providers: [PartnerEventsService, PartnerEventHandler, { provide: PartnerEventPublisher, useExisting: PartnerEventsService }],
  exports: [PartnerEventPublisher],
})
export class WebhooksModule {}
