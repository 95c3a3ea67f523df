import { Global, Module } from '@nestjs/common';
import { StaffAlertPublisher } from '@common/alerts/staff-alert';
import { PartnerEventPublisher } from '@common/partner-events/partner-event';
import { AlertChannelsController } from './alert-channels.controller';
import { EgressAllowlistController } from './egress-allowlist.controller';
import { EgressAllowlistService } from './egress-allowlist.service';
import { EgressClient } from './egress/egress-client';
import { EgressGuard } from './egress/egress-guard';
import { DnsHostResolver, HostResolver } from './egress/host-resolver';
import { PartnerEventHandler } from './partner-event.handler';
import { PartnerEventsService } from './partner-events.service';
import { PartnerWebhooksController } from './partner-webhooks.controller';
import { StaffAlertsService } from './staff-alerts.service';
import { WebhookAttemptHandler } from './webhook-attempt.handler';
import { WebhookDeliveryService } from './webhook-delivery.service';
import { WebhookEndpointsService } from './webhook-endpoints.service';
import { WebhookSecrets } from './webhook-secrets';
import { WebhooksRepository } from './webhooks.repository';

/**
 * Outbound webhooks: partner events and staff alerts, their endpoints, signed delivery with
 * retries, and the egress rules. Global: every domain module may publish to partners or alert staff.
 */
@Global()
@Module({
  controllers: [PartnerWebhooksController, AlertChannelsController, EgressAllowlistController],
  providers: [
    PartnerEventsService,
    PartnerEventHandler,
    { provide: PartnerEventPublisher, useExisting: PartnerEventsService },
    StaffAlertsService,
    { provide: StaffAlertPublisher, useExisting: StaffAlertsService },
    WebhooksRepository,
    WebhookSecrets,
    WebhookEndpointsService,
    WebhookDeliveryService,
    WebhookAttemptHandler,
    EgressAllowlistService,
    EgressGuard,
    EgressClient,
    { provide: HostResolver, useClass: DnsHostResolver },
  ],
  exports: [PartnerEventPublisher, StaffAlertPublisher, HostResolver],
})
export class WebhooksModule {}
