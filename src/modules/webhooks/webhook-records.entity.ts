import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** Who an endpoint serves: a partner agency (its events) or Corridor's own staff (alerts). */
export enum WebhookAudience {
  PARTNER = 'PARTNER',
  STAFF = 'STAFF',
}

export enum WebhookEndpointStatus {
  ACTIVE = 'ACTIVE',
  DISABLED = 'DISABLED',
}

/** Why an endpoint stopped receiving deliveries; shown to its owner, who may re-enable it. */
export enum WebhookDisabledReason {
  /** The receiver answered 410 Gone. */
  GONE = 'GONE',
  /** Every attempt of several consecutive deliveries failed, or deliveries failed for over a day. */
  SUSTAINED_FAILURE = 'SUSTAINED_FAILURE',
}

export enum WebhookDeliveryStatus {
  PENDING = 'PENDING',
  SUCCEEDED = 'SUCCEEDED',
  /** Every attempt failed, or the receiver answered 410. */
  FAILED = 'FAILED',
  /** Not attempted further: the endpoint was disabled or deleted meanwhile. */
  CANCELLED = 'CANCELLED',
}

/**
 * An outbound webhook endpoint. The signing secret is sealed under the endpoint's own data key
 * (owner `webhook_endpoint`), which is shredded when the endpoint is deleted.
 */
@Entity({ name: 'webhook_endpoints' })
@Index('webhook_endpoints_agency_idx', ['agencyId', 'createdAt', 'id'])
@Check('webhook_endpoints_audience_ck', `("audience" = 'PARTNER') = ("agency_id" IS NOT NULL)`)
export class WebhookEndpointEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 16 })
  audience!: WebhookAudience;

  /** The owning agency; null for staff alert channels. */
  @Column({ name: 'agency_id', type: 'uuid', nullable: true })
  agencyId!: string | null;

  @Column({ type: 'varchar', length: 2048 })
  url!: string;

  /** A label for people (staff alert channels: "ops chat"); never personal data. */
  @Column({ type: 'varchar', length: 100, nullable: true })
  description!: string | null;

  @Column({ name: 'event_types', type: 'text', array: true })
  eventTypes!: string[];

  @Column({ name: 'secret_sealed', type: 'bytea', nullable: true })
  secretSealed!: Buffer | null;

  @Column({ type: 'varchar', length: 16 })
  status!: WebhookEndpointStatus;

  @Column({ name: 'disabled_reason', type: 'varchar', length: 32, nullable: true })
  disabledReason!: WebhookDisabledReason | null;

  @Column({ name: 'disabled_at', type: 'timestamptz', nullable: true })
  disabledAt!: Date | null;

  /** Deliveries in a row whose every attempt failed; a success resets it. */
  @Column({ name: 'consecutive_failed_deliveries', type: 'integer', default: 0 })
  consecutiveFailedDeliveries!: number;

  /** First failed attempt since the last success. */
  @Column({ name: 'failing_since', type: 'timestamptz', nullable: true })
  failingSince!: Date | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'created_by', type: 'varchar', length: 100 })
  createdBy!: string;

  @Column({ name: 'deleted_at', type: 'timestamptz', nullable: true })
  deletedAt!: Date | null;
}

/**
 * One event for one endpoint. `webhook-id` is the event id, the same for every attempt; the
 * payload is the thin JSON body exactly as signed (ids, codes, timestamps).
 */
@Entity({ name: 'webhook_deliveries' })
@Index('webhook_deliveries_event_endpoint_uq', ['eventId', 'endpointId'], { unique: true })
@Index('webhook_deliveries_endpoint_idx', ['endpointId', 'createdAt', 'id'])
@Check('webhook_deliveries_attempts_ck', `"attempts" >= 0 AND "attempts" <= "max_attempts"`)
export class WebhookDeliveryEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ name: 'endpoint_id', type: 'uuid' })
  endpointId!: string;

  @Column({ name: 'event_id', type: 'uuid' })
  eventId!: string;

  @Column({ name: 'event_type', type: 'varchar', length: 64 })
  eventType!: string;

  @Column({ type: 'text' })
  body!: string;

  @Column({ type: 'varchar', length: 16 })
  status!: WebhookDeliveryStatus;

  @Column({ type: 'integer', default: 0 })
  attempts!: number;

  @Column({ name: 'max_attempts', type: 'integer' })
  maxAttempts!: number;

  @Column({ name: 'next_attempt_at', type: 'timestamptz', nullable: true })
  nextAttemptAt!: Date | null;

  @Column({ name: 'last_attempt_at', type: 'timestamptz', nullable: true })
  lastAttemptAt!: Date | null;

  @Column({ name: 'last_status_code', type: 'integer', nullable: true })
  lastStatusCode!: number | null;

  /** A stable code (TIMEOUT, EGRESS_REFUSED, HTTP_503 …), never an exception message. */
  @Column({ name: 'last_error', type: 'varchar', length: 64, nullable: true })
  lastError!: string | null;

  /** At most 256 bytes of the receiver's answer, to help its owner debug. */
  @Column({ name: 'response_excerpt', type: 'varchar', length: 256, nullable: true })
  responseExcerpt!: string | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'completed_at', type: 'timestamptz', nullable: true })
  completedAt!: Date | null;
}

/** Hosts admins allow outside the egress rules (http, private addresses): test receivers, gateways on a private network. */
@Entity({ name: 'egress_allowlist' })
@Index('egress_allowlist_host_uq', ['host'], { unique: true })
export class EgressAllowlistEntity {
  @PrimaryColumn('uuid')
  id!: string;

  /** Lower-case host name or IP literal, exactly as it appears in URLs (IPv6 without brackets). */
  @Column({ type: 'varchar', length: 253 })
  host!: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'created_by', type: 'varchar', length: 100 })
  createdBy!: string;
}
