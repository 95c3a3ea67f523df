import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { RecordNotFoundException } from '@common/access/access.exception';
import { actorOf, partnerOf, type RequestContext } from '@common/access/request-context';
import { Clock } from '@common/clock/clock';
import { toPage, startAfter, type Page } from '@common/pagination/keyset';
import type { PageQueryDto } from '@common/pagination/page-query.dto';
import { TransactionRunner } from '@infra/database/transaction';
import { AuditService } from '@modules/audit/audit.service';
import {
  TEST_EVENT_TYPE,
  type CreateAlertChannelDto,
  type CreateWebhookDto,
  type CreatedWebhookEndpointView,
  type WebhookDeliveryView,
  type WebhookEndpointView,
} from './dto/webhooks.dto';
import { EgressGuard } from './egress/egress-guard';
import { WebhookDeliveryService } from './webhook-delivery.service';
import { generateWebhookSecret } from './webhook-signature';
import { WebhookSecrets } from './webhook-secrets';
import { WebhookAudience, WebhookEndpointEntity, WebhookEndpointStatus, type WebhookDeliveryEntity } from './webhook-records.entity';
import { WebhookEndpointDisabledException, WebhookEndpointLimitException, WebhookEndpointNotDisabledException } from './webhooks.exception';
import { WebhooksRepository, type EndpointScope } from './webhooks.repository';
import { storeIdempotentAnswer } from '@infra/http/idempotency/idempotent-answer';

/** Endpoints per agency (and staff alert channels in all): plenty for integrations, bounded for egress. */
export const MAX_ENDPOINTS_PER_OWNER = 10;

export const partnerScope = (ctx: RequestContext): EndpointScope => ({ audience: WebhookAudience.PARTNER, agencyId: partnerOf(ctx).agencyId });
export const STAFF_SCOPE: EndpointScope = { audience: WebhookAudience.STAFF };

/**
 * Managing webhook endpoints: a partner agency's own (scope = its agency) and the staff alert
 * channels (admins). Another scope's endpoint answers exactly like an unknown one (404). Every
 * change is audited in its own transaction.
 */
@Injectable()
export class WebhookEndpointsService {
  constructor(
    private readonly repository: WebhooksRepository,
    private readonly transactions: TransactionRunner,
    private readonly secrets: WebhookSecrets,
    private readonly guard: EgressGuard,
    private readonly deliveries: WebhookDeliveryService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async create(ctx: RequestContext, scope: EndpointScope, input: CreateWebhookDto | CreateAlertChannelDto): Promise<CreatedWebhookEndpointView> {
    // Resolved and checked before anything is written; checked again at every delivery.
    await this.guard.check(input.url);
    const secret = generateWebhookSecret();
    const now = this.clock.now();
    const endpoint = Object.assign(new WebhookEndpointEntity(), {
      id: randomUUID(),
      audience: scope.audience,
      agencyId: scope.audience === WebhookAudience.PARTNER ? scope.agencyId : null,
      url: input.url,
      description: input.description ?? null,
      eventTypes: [...input.eventTypes],
      status: WebhookEndpointStatus.ACTIVE,
      disabledReason: null,
      disabledAt: null,
      consecutiveFailedDeliveries: 0,
      failingSince: null,
      createdAt: now,
      createdBy: actorLabel(ctx),
      deletedAt: null,
    });
    await this.transactions.run(async (tx) => {
      if ((await this.repository.countEndpoints(tx, scope)) >= MAX_ENDPOINTS_PER_OWNER) throw new WebhookEndpointLimitException(MAX_ENDPOINTS_PER_OWNER);
      endpoint.secretSealed = await this.secrets.seal(tx, endpoint.id, secret);
      await this.repository.insertEndpoint(tx, endpoint);
      await this.record(tx, ctx, 'webhook_endpoint.created', endpoint, { eventTypes: endpoint.eventTypes });
      // Under an Idempotency-Key the answer (without the secret) commits with the endpoint.
      await storeIdempotentAnswer(tx, { ...endpointView(endpoint), secret });
    });
    return { ...endpointView(endpoint), secret };
  }

  async list(scope: EndpointScope, query: PageQueryDto): Promise<Page<WebhookEndpointView>> {
    const rows = await this.repository.listEndpoints(scope, startAfter(query.cursor), query.limit + 1);
    return toPage(rows, query.limit, endpointView);
  }

  /** Deletes the endpoint: pending deliveries stop and its secret's data key is shredded. */
  async remove(ctx: RequestContext, scope: EndpointScope, id: string): Promise<void> {
    await this.transactions.run(async (tx) => {
      const endpoint = await this.existing(tx, scope, id);
      const now = this.clock.now();
      await this.repository.updateEndpoint(tx, endpoint.id, { deletedAt: now, secretSealed: null });
      await this.repository.cancelPendingDeliveries(tx, endpoint.id, now);
      await this.secrets.shred(tx, endpoint.id);
      await this.record(tx, ctx, 'webhook_endpoint.deleted', endpoint, {});
    });
  }

  /** Re-enables a disabled endpoint with a clean failure record; earlier deliveries are not replayed. */
  async enable(ctx: RequestContext, scope: EndpointScope, id: string): Promise<WebhookEndpointView> {
    return this.transactions.run(async (tx) => {
      const endpoint = await this.existing(tx, scope, id);
      if (endpoint.status !== WebhookEndpointStatus.DISABLED) throw new WebhookEndpointNotDisabledException();
      const changes = { status: WebhookEndpointStatus.ACTIVE, disabledReason: null, disabledAt: null, consecutiveFailedDeliveries: 0, failingSince: null };
      await this.repository.updateEndpoint(tx, endpoint.id, changes);
      await this.record(tx, ctx, 'webhook_endpoint.enabled', endpoint, { previousReason: endpoint.disabledReason ?? 'none' });
      return storeIdempotentAnswer(tx, endpointView({ ...endpoint, ...changes }));
    });
  }

  /** A `webhook.test` event to this endpoint alone, one attempt, now; follow it in the delivery log. */
  async test(ctx: RequestContext, scope: EndpointScope, id: string): Promise<WebhookDeliveryView> {
    return this.transactions.run(async (tx) => {
      const endpoint = await this.existing(tx, scope, id);
      if (endpoint.status !== WebhookEndpointStatus.ACTIVE) throw new WebhookEndpointDisabledException();
      const event = { eventId: randomUUID(), type: TEST_EVENT_TYPE, occurredAt: this.clock.now().toISOString(), data: { endpointId: endpoint.id } };
      const delivery = await this.deliveries.createDelivery(tx, endpoint, event, 1);
      if (!delivery) throw new Error('a fresh event id cannot collide');
      await this.record(tx, ctx, 'webhook_endpoint.tested', endpoint, { deliveryId: delivery.id });
      return storeIdempotentAnswer(tx, deliveryView(delivery));
    });
  }

  async deliveryLog(scope: EndpointScope, id: string, query: PageQueryDto): Promise<Page<WebhookDeliveryView>> {
    const endpoint = await this.existing(this.transactions.manager, scope, id, false);
    const rows = await this.repository.listDeliveries(endpoint.id, startAfter(query.cursor), query.limit + 1);
    return toPage(rows, query.limit, deliveryView);
  }

  /** Locks the row unless told not to (reads outside a transaction). */
  private async existing(tx: EntityManager, scope: EndpointScope, id: string, lock = true): Promise<WebhookEndpointEntity> {
    const endpoint = await this.repository.findEndpoint(scope, id, tx, lock);
    if (!endpoint) throw new RecordNotFoundException(scope.audience === WebhookAudience.PARTNER ? 'webhook endpoint' : 'alert channel');
    return endpoint;
  }

  private record(
    tx: EntityManager,
    ctx: RequestContext,
    action: string,
    endpoint: WebhookEndpointEntity,
    details: Record<string, string | string[]>,
  ): Promise<void> {
    return this.audit.record(tx, {
      actor: actorOf(ctx),
      action,
      resourceType: 'webhook_endpoint',
      resourceId: endpoint.id,
      requestId: ctx.requestId,
      details: { audience: endpoint.audience, ...details },
    });
  }
}

function actorLabel(ctx: RequestContext): string {
  const principal = ctx.principal;
  if (principal?.kind === 'partner') return `apikey:${principal.apiKeyId}`;
  if (principal?.kind === 'staff') return principal.userId;
  return 'anonymous';
}

export function endpointView(row: WebhookEndpointEntity): WebhookEndpointView {
  return {
    id: row.id,
    url: row.url,
    eventTypes: row.eventTypes,
    description: row.description,
    status: row.status,
    disabledReason: row.disabledReason,
    disabledAt: row.disabledAt?.toISOString() ?? null,
    failingSince: row.failingSince?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}

export function deliveryView(row: WebhookDeliveryEntity): WebhookDeliveryView {
  return {
    id: row.id,
    eventId: row.eventId,
    eventType: row.eventType,
    status: row.status,
    attempts: row.attempts,
    maxAttempts: row.maxAttempts,
    nextAttemptAt: row.nextAttemptAt?.toISOString() ?? null,
    lastAttemptAt: row.lastAttemptAt?.toISOString() ?? null,
    lastStatusCode: row.lastStatusCode,
    lastError: row.lastError,
    responseExcerpt: row.responseExcerpt,
    createdAt: row.createdAt.toISOString(),
    completedAt: row.completedAt?.toISOString() ?? null,
  };
}
