import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { systemActor } from '@common/access/principal';
import { Clock } from '@common/clock/clock';
import { JobName } from '@common/jobs/job-name';
import { OutboxService } from '@infra/outbox/outbox.service';
import type { OutsideJobContext } from '@infra/queue/job-handler.decorator';
import { AuditService } from '@modules/audit/audit.service';
import { LockdownService } from '@modules/lockdown/lockdown.service';
import { TEST_EVENT_TYPE } from './dto/webhooks.dto';
import { EgressClient, type EgressResult } from './egress/egress-client';
import { EgressGuard } from './egress/egress-guard';
import { FAILED_DELIVERIES_BEFORE_DISABLE, FAILING_PERIOD_BEFORE_DISABLE_MS, MAX_DELIVERY_ATTEMPTS, parseRetryAfter, retryDelayMs } from './retry-schedule';
import { signWebhook } from './webhook-signature';
import { WebhookSecrets } from './webhook-secrets';
import {
  WebhookDeliveryEntity,
  WebhookDeliveryStatus,
  WebhookDisabledReason,
  WebhookEndpointStatus,
  type WebhookEndpointEntity,
} from './webhook-records.entity';
import { MetricsService } from '@modules/metrics/metrics.service';
import { EgressRefusedException } from './webhooks.exception';
import { WebhooksRepository, type EndpointScope } from './webhooks.repository';

/** One event to deliver: `id` becomes `webhook-id`; the body is `{type, timestamp, data}`. */
export interface OutboundEvent {
  eventId: string;
  type: string;
  occurredAt: string;
  data: Record<string, unknown>;
}

interface AttemptPayload {
  deliveryId: string;
  attempt: number;
}

/** What one attempt came to, recorded in a short transaction after the call. */
type AttemptOutcome =
  | { ok: true; statusCode: number; excerpt: string | null }
  | { ok: false; gone: boolean; statusCode: number | null; error: string; excerpt: string | null; retryAfterMs: number | null };

/** While lockdown lasts, attempts wait and look again this much later (they are not spent). */
const LOCKDOWN_RECHECK_MS = 60_000;
const COMPONENT = 'webhooks';
const USER_AGENT = 'Corridor-Webhooks/1';

export const attemptKey = (deliveryId: string, attempt: number): string => `webhook.attempt:${deliveryId}:${attempt}`;

/**
 * The delivery engine, shared by partner webhooks and staff alert channels. Fan-out creates one
 * delivery per subscribed active endpoint (unique per event and endpoint, so a repeated fan-out
 * adds nothing) and an outbox event per attempt. An attempt runs with no transaction open: it
 * reads the delivery, checks the target's addresses again, signs, POSTs, and records the outcome
 * (and the next attempt, or the endpoint's disabling) in one short transaction.
 */
@Injectable()
export class WebhookDeliveryService {
  private readonly logger = new Logger(WebhookDeliveryService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: WebhooksRepository,
    private readonly outbox: OutboxService,
    private readonly secrets: WebhookSecrets,
    private readonly guard: EgressGuard,
    private readonly client: EgressClient,
    private readonly audit: AuditService,
    private readonly lockdown: LockdownService,
    private readonly metrics: MetricsService,
    private readonly clock: Clock,
  ) {}

  /** Returns how many deliveries it created (0 when the event was fanned out before). */
  async fanOut(tx: EntityManager, scope: EndpointScope, event: OutboundEvent): Promise<number> {
    const endpoints = await this.repository.subscribedEndpoints(tx, scope, event.type);
    let created = 0;
    for (const endpoint of endpoints) {
      if (await this.createDelivery(tx, endpoint, event, MAX_DELIVERY_ATTEMPTS)) created += 1;
    }
    return created;
  }

  /** A delivery and its first attempt, now. False when the event already had one for the endpoint. */
  async createDelivery(tx: EntityManager, endpoint: WebhookEndpointEntity, event: OutboundEvent, maxAttempts: number): Promise<WebhookDeliveryEntity | null> {
    const now = this.clock.now();
    const delivery = Object.assign(new WebhookDeliveryEntity(), {
      id: randomUUID(),
      endpointId: endpoint.id,
      eventId: event.eventId,
      eventType: event.type,
      body: JSON.stringify({ type: event.type, timestamp: event.occurredAt, data: event.data }),
      status: WebhookDeliveryStatus.PENDING,
      attempts: 0,
      maxAttempts,
      nextAttemptAt: now,
      lastAttemptAt: null,
      lastStatusCode: null,
      lastError: null,
      responseExcerpt: null,
      createdAt: now,
      completedAt: null,
    });
    if (!(await this.repository.insertDelivery(tx, delivery))) return null;
    await this.scheduleAttempt(tx, delivery.id, 1, now);
    return delivery;
  }

  private async scheduleAttempt(tx: EntityManager, deliveryId: string, attempt: number, at: Date, suffix = ''): Promise<void> {
    const payload: AttemptPayload = { deliveryId, attempt };
    await this.outbox.record(tx, {
      job: JobName.WebhookAttempt,
      payload: { ...payload },
      availableAt: at,
      dedupeKey: attemptKey(deliveryId, attempt) + suffix,
    });
  }

  async attempt(context: OutsideJobContext): Promise<void> {
    const { deliveryId, attempt } = context.payload as unknown as AttemptPayload;
    const prepared = await this.dataSource.transaction(async (tx) => {
      const delivery = await this.repository.findDelivery(deliveryId, tx);
      // Done, cancelled, or this attempt already recorded (a repeated job): nothing to do.
      if (!delivery || delivery.status !== WebhookDeliveryStatus.PENDING || delivery.attempts >= attempt) return null;
      const endpoint = await this.repository.findEndpointById(delivery.endpointId, tx);
      if (!endpoint || endpoint.deletedAt || endpoint.status !== WebhookEndpointStatus.ACTIVE || !endpoint.secretSealed) {
        return { delivery, endpoint: null, secret: null };
      }
      return { delivery, endpoint, secret: await this.secrets.open(tx, endpoint.id, endpoint.secretSealed) };
    });
    if (!prepared) return;
    const { delivery, endpoint, secret } = prepared;
    if (!endpoint || secret === null) {
      await context.complete((tx) => this.cancel(tx, delivery.id));
      return;
    }
    if (await this.lockdown.isActive()) {
      // Paused, not failed: the same attempt looks again later, under a key of its own.
      const later = new Date(this.clock.now().getTime() + LOCKDOWN_RECHECK_MS);
      await context.complete((tx) => this.scheduleAttempt(tx, delivery.id, attempt, later, `:paused:${later.getTime()}`));
      return;
    }
    const at = this.clock.now();
    const outcome = await this.send(endpoint, delivery, secret, at);
    // A code only (`http_503`, `egress_refused`, `timeout`): never the host or the answer.
    if (!outcome.ok) void this.metrics.webhookDeliveryFailed(outcome.error.toLowerCase());
    await context.complete((tx) => this.recordOutcome(tx, delivery.id, attempt, outcome, at));
  }

  private async send(endpoint: WebhookEndpointEntity, delivery: WebhookDeliveryEntity, secret: string, at: Date): Promise<AttemptOutcome> {
    let target;
    try {
      // Checked again at every attempt: the name may resolve elsewhere now than at registration.
      target = await this.guard.check(endpoint.url);
    } catch (error) {
      if (error instanceof EgressRefusedException) return failure(null, 'EGRESS_REFUSED');
      throw error;
    }
    const signed = signWebhook(secret, delivery.eventId, Math.floor(at.getTime() / 1000), delivery.body);
    const result: EgressResult = await this.client.post({
      url: target.url,
      address: target.address,
      headers: { ...signed, 'content-type': 'application/json', 'user-agent': USER_AGENT },
      body: delivery.body,
    });
    if (result.kind === 'error') return failure(null, result.code);
    if (result.statusCode >= 200 && result.statusCode < 300) return { ok: true, statusCode: result.statusCode, excerpt: result.excerpt };
    return {
      ok: false,
      gone: result.statusCode === 410,
      statusCode: result.statusCode,
      error: `HTTP_${result.statusCode}`,
      excerpt: result.excerpt,
      retryAfterMs: parseRetryAfter(result.retryAfter, at),
    };
  }

  private async cancel(tx: EntityManager, deliveryId: string): Promise<void> {
    await this.repository.updateDelivery(tx, deliveryId, { status: WebhookDeliveryStatus.CANCELLED, nextAttemptAt: null, completedAt: this.clock.now() });
  }

  private async recordOutcome(tx: EntityManager, deliveryId: string, attempt: number, outcome: AttemptOutcome, at: Date): Promise<void> {
    const delivery = await this.repository.lockDelivery(tx, deliveryId);
    if (!delivery || delivery.status !== WebhookDeliveryStatus.PENDING || delivery.attempts >= attempt) return;
    const endpoint = await this.repository.lockEndpointById(tx, delivery.endpointId);
    if (!endpoint) return;
    const counts = delivery.eventType !== TEST_EVENT_TYPE;
    const recorded = {
      attempts: attempt,
      lastAttemptAt: at,
      lastStatusCode: outcome.statusCode,
      lastError: outcome.ok ? null : outcome.error,
      responseExcerpt: outcome.excerpt,
    };
    if (outcome.ok) {
      await this.repository.updateDelivery(tx, delivery.id, { ...recorded, status: WebhookDeliveryStatus.SUCCEEDED, nextAttemptAt: null, completedAt: at });
      if (endpoint.consecutiveFailedDeliveries > 0 || endpoint.failingSince) {
        await this.repository.updateEndpoint(tx, endpoint.id, { consecutiveFailedDeliveries: 0, failingSince: null });
      }
      return;
    }
    const failingSince = endpoint.failingSince ?? at;
    const delay = outcome.gone || attempt >= delivery.maxAttempts ? null : retryDelayMs(attempt, outcome.retryAfterMs);
    if (delay !== null) {
      const next = new Date(at.getTime() + delay);
      await this.repository.updateDelivery(tx, delivery.id, { ...recorded, nextAttemptAt: next });
      await this.scheduleAttempt(tx, delivery.id, attempt + 1, next);
    } else {
      await this.repository.updateDelivery(tx, delivery.id, { ...recorded, status: WebhookDeliveryStatus.FAILED, nextAttemptAt: null, completedAt: at });
    }
    // A test delivery tells its owner something, but only a 410 from it changes the endpoint.
    if (!counts && !outcome.gone) return;
    const failedDeliveries = endpoint.consecutiveFailedDeliveries + (delay === null ? 1 : 0);
    await this.repository.updateEndpoint(tx, endpoint.id, { consecutiveFailedDeliveries: failedDeliveries, failingSince });
    // Judged when a delivery has run out of attempts, so one delivery's schedule always completes.
    const sustained =
      delay === null && (failedDeliveries >= FAILED_DELIVERIES_BEFORE_DISABLE || at.getTime() - failingSince.getTime() > FAILING_PERIOD_BEFORE_DISABLE_MS);
    const reason = outcome.gone ? WebhookDisabledReason.GONE : sustained ? WebhookDisabledReason.SUSTAINED_FAILURE : null;
    if (reason && endpoint.status === WebhookEndpointStatus.ACTIVE) await this.disable(tx, endpoint, reason, at);
  }

  private async disable(tx: EntityManager, endpoint: WebhookEndpointEntity, reason: WebhookDisabledReason, at: Date): Promise<void> {
    await this.repository.updateEndpoint(tx, endpoint.id, { status: WebhookEndpointStatus.DISABLED, disabledReason: reason, disabledAt: at });
    await this.repository.cancelPendingDeliveries(tx, endpoint.id, at);
    await this.audit.record(tx, {
      actor: systemActor(COMPONENT),
      action: 'webhook_endpoint.disabled',
      resourceType: 'webhook_endpoint',
      resourceId: endpoint.id,
      details: { reason, audience: endpoint.audience },
    });
    this.logger.warn({ endpointId: endpoint.id, reason }, 'webhook endpoint disabled');
  }
}

function failure(statusCode: number | null, error: string): AttemptOutcome {
  return { ok: false, gone: false, statusCode, error, excerpt: null, retryAfterMs: null };
}
