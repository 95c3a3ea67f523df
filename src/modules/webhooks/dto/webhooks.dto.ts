import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsEnum, IsOptional, IsString, Length, Matches, MaxLength } from 'class-validator';
import { StaffAlertType } from '@common/alerts/staff-alert';
import { ApiNextCursorProperty } from '@common/pagination/page-query.dto';
import { PartnerEventType } from '@common/partner-events/partner-event';
import { WebhookDeliveryStatus, WebhookDisabledReason, WebhookEndpointStatus } from '../webhook-records.entity';

/** The event type of a test delivery (`POST …/{id}/test`); sent whatever the subscription. */
export const TEST_EVENT_TYPE = 'webhook.test';

const URL_EXAMPLE = 'https://hooks.example.org/corridor';

export class CreateWebhookDto {
  @ApiProperty({ maxLength: 2048, example: URL_EXAMPLE, description: 'https only; must resolve to public addresses' })
  @IsString()
  @MaxLength(2048)
  url!: string;

  @ApiProperty({
    enum: PartnerEventType,
    enumName: 'PartnerEventType',
    isArray: true,
    example: [PartnerEventType.CaseShared, PartnerEventType.EscalationRaised],
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(Object.values(PartnerEventType).length)
  @ArrayUnique()
  @IsEnum(PartnerEventType, { each: true })
  eventTypes!: PartnerEventType[];

  @ApiPropertyOptional({ maxLength: 100, example: 'case management system' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  @Matches(/\S/, { message: 'description must not be blank' })
  description?: string;
}

export class CreateAlertChannelDto {
  @ApiProperty({ maxLength: 2048, example: 'https://chat-gateway.example.org/hooks/ops' })
  @IsString()
  @MaxLength(2048)
  url!: string;

  @ApiProperty({ enum: StaffAlertType, enumName: 'StaffAlertType', isArray: true })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(Object.values(StaffAlertType).length)
  @ArrayUnique()
  @IsEnum(StaffAlertType, { each: true })
  eventTypes!: StaffAlertType[];

  @ApiProperty({ maxLength: 100, example: 'operations chat' })
  @IsString()
  @Length(1, 100)
  @Matches(/\S/, { message: 'description must not be blank' })
  description!: string;
}

export class WebhookEndpointView {
  @ApiProperty({ format: 'uuid', example: '0b7c7f3e-9a59-4a39-a3f4-5a4f0e0c2d11' })
  id!: string;

  @ApiProperty({ example: URL_EXAMPLE })
  url!: string;

  @ApiProperty({ type: [String], example: ['case.shared', 'escalation.raised'] })
  eventTypes!: string[];

  @ApiProperty({ type: String, nullable: true, example: 'case management system' })
  description!: string | null;

  @ApiProperty({ enum: WebhookEndpointStatus, enumName: 'WebhookEndpointStatus', example: WebhookEndpointStatus.ACTIVE })
  status!: WebhookEndpointStatus;

  @ApiProperty({
    enum: WebhookDisabledReason,
    enumName: 'WebhookDisabledReason',
    nullable: true,
    description: 'Why deliveries stopped; re-enable with `POST …/{id}/enable`',
  })
  disabledReason!: WebhookDisabledReason | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: null })
  disabledAt!: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: null, description: 'First failed attempt since the last success' })
  failingSince!: string | null;

  @ApiProperty({ type: String, format: 'date-time', example: '2026-05-01T09:30:00.000Z' })
  createdAt!: string;
}

export class CreatedWebhookEndpointView extends WebhookEndpointView {
  // Never stored for Idempotency-Key replays, so a replay answers without it: not required.
  @ApiProperty({
    required: false,
    example: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw6kW0LyFl0TQ=',
    description: 'The signing secret (Standard Webhooks). Shown only in this answer: store it now. Absent from an Idempotency-Key replay.',
  })
  secret!: string;
}

export class WebhookEndpointPage {
  @ApiProperty({ type: [WebhookEndpointView] })
  items!: WebhookEndpointView[];

  @ApiNextCursorProperty()
  nextCursor!: string | null;
}

export class WebhookDeliveryView {
  @ApiProperty({ format: 'uuid', example: 'e2b7c9d4-1a3f-4b6e-8c5d-7f0a9b8c6d5e' })
  id!: string;

  @ApiProperty({ format: 'uuid', example: '4c8e1f2a-7b6d-4a9c-b3e5-0f1d2c3b4a59', description: 'The `webhook-id` header: the same on every attempt' })
  eventId!: string;

  @ApiProperty({ example: 'case.shared' })
  eventType!: string;

  @ApiProperty({ enum: WebhookDeliveryStatus, enumName: 'WebhookDeliveryStatus', example: WebhookDeliveryStatus.SUCCEEDED })
  status!: WebhookDeliveryStatus;

  @ApiProperty({ type: 'integer', example: 1 })
  attempts!: number;

  @ApiProperty({ type: 'integer', example: 8 })
  maxAttempts!: number;

  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    example: null,
    description: 'When the next attempt is due; null once the delivery is final',
  })
  nextAttemptAt!: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: '2026-05-01T09:31:02.000Z' })
  lastAttemptAt!: string | null;

  @ApiProperty({ type: 'integer', nullable: true, example: 200 })
  lastStatusCode!: number | null;

  @ApiProperty({
    type: String,
    nullable: true,
    example: null,
    pattern: '^(CONNECT_TIMEOUT|RESPONSE_TIMEOUT|CONNECTION_FAILED|TLS_FAILED|EGRESS_REFUSED|HTTP_[1-5][0-9]{2})$',
    description:
      "The last attempt's error: `HTTP_<status>` (a non-2xx answer), `CONNECT_TIMEOUT`, `RESPONSE_TIMEOUT`, `CONNECTION_FAILED`, `TLS_FAILED` or `EGRESS_REFUSED`",
  })
  lastError!: string | null;

  @ApiProperty({ type: String, nullable: true, maxLength: 256, example: '{"received":true}', description: 'The first bytes of your answer, at most 256' })
  responseExcerpt!: string | null;

  @ApiProperty({ type: String, format: 'date-time', example: '2026-05-01T09:31:01.000Z' })
  createdAt!: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: '2026-05-01T09:31:02.000Z' })
  completedAt!: string | null;
}

export class WebhookDeliveryPage {
  @ApiProperty({ type: [WebhookDeliveryView] })
  items!: WebhookDeliveryView[];

  @ApiNextCursorProperty()
  nextCursor!: string | null;
}

export class CreateEgressAllowlistEntryDto {
  @ApiProperty({ maxLength: 253, example: 'gateway.internal.example', description: 'A host name or IP literal (IPv6 without brackets), exactly as in URLs' })
  @IsString()
  @Length(1, 253)
  @Matches(/^[A-Za-z0-9.:_-]+$/, { message: 'host must be a host name or IP address' })
  host!: string;
}

export class EgressAllowlistEntryView {
  @ApiProperty({ example: '3c5e7a9b-1d2f-4a6c-8e0b-2d4f6a8c0e1b', format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'gateway.internal.example' })
  host!: string;

  @ApiProperty({ example: '2026-03-01T08:00:00.000Z', type: String, format: 'date-time' })
  createdAt!: string;
}

export class EgressAllowlistPage {
  @ApiProperty({ type: [EgressAllowlistEntryView] })
  items!: EgressAllowlistEntryView[];

  @ApiNextCursorProperty()
  nextCursor!: string | null;
}
