import type { OpenAPIObject } from '@nestjs/swagger';
import { PartnerEventType } from '@common/partner-events/partner-event';

/** What the partner document adds to what the controllers declare: headers, servers, webhooks. */

const UUID = { type: 'string', format: 'uuid', example: '3d6f2a9e-8b1c-4e7a-a5d2-9c0b1e2f3a4b' };
const TIME = { type: 'string', format: 'date-time', example: '2026-05-01T09:31:00.000Z' };
const REFERENCE = { type: 'string', example: 'C-7K3M-9Q2X' };
const TEST_EVENT = 'webhook.test';

/** Each event's `data`: ids, codes, coarse statuses and timestamps only (never personal data). */
const EVENT_DATA: Record<string, { properties: Record<string, Record<string, unknown>>; description: string }> = {
  [PartnerEventType.ReferralStatusChanged]: {
    description: 'Your referral moved to another coarse status.',
    properties: { referralId: UUID, status: { type: 'string', example: 'ACCEPTED' }, previousStatus: { type: 'string', example: 'RECEIVED' }, changedAt: TIME },
  },
  [PartnerEventType.CaseShared]: {
    description: 'A case was shared with your agency.',
    properties: { shareId: UUID, caseReference: REFERENCE, purpose: { type: 'string', example: 'SHELTER' }, expiresAt: TIME },
  },
  [PartnerEventType.CaseShareRevoked]: { description: 'A share with your agency was revoked.', properties: { shareId: UUID, caseReference: REFERENCE } },
  [PartnerEventType.CheckinRequested]: {
    description: 'Staff ask your agency to check in with the person of a shared case.',
    properties: { requestId: UUID, caseReference: REFERENCE, requestedAt: TIME },
  },
  [PartnerEventType.EscalationRaised]: {
    description: 'An escalation on a case shared with you reached level 3.',
    properties: {
      escalationId: UUID,
      caseReference: REFERENCE,
      trigger: { type: 'string', example: 'MISSED_CHECKIN' },
      level: { type: 'integer', example: 3 },
      priority: { type: 'string', example: 'EMERGENCY' },
    },
  },
  [PartnerEventType.ExpediteRequested]: {
    description: 'An expedited protection request addressed to your agency.',
    properties: { expediteRequestId: UUID, deadlineAt: TIME },
  },
  [PartnerEventType.ActivationStarted]: {
    description: 'An emergency activation your agency takes part in started.',
    properties: {
      code: { type: 'string', example: 'AZ-2026-01' },
      status: { type: 'string', example: 'ACTIVE' },
      originCountries: { type: 'string', example: 'AZ,GE' },
      startedAt: TIME,
    },
  },
  [PartnerEventType.ActivationStoodDown]: {
    description: 'An emergency activation your agency takes part in stood down.',
    properties: { code: { type: 'string', example: 'AZ-2026-01' }, status: { type: 'string', example: 'STOOD_DOWN' }, stoodDownAt: TIME },
  },
  [TEST_EVENT]: { description: 'Sent on request (`POST /partner/v1/webhooks/{id}/test`) to check your receiver.', properties: { endpointId: UUID } },
};

const schemaName = (type: string): string => `WebhookEvent_${type.replace(/[^a-z]+/gi, '_')}`;

const HEADERS = {
  'x-request-id': { description: 'The id of this request; quote it to support.', schema: { type: 'string', example: '3f1e2d4c-5b6a-4789-9abc-def012345678' } },
  'idempotent-replayed': {
    description: 'Present (`true`) when the answer was replayed for a repeated Idempotency-Key.',
    schema: { type: 'string', enum: ['true'] },
  },
  'Retry-After': { description: 'Seconds to wait before retrying.', schema: { type: 'integer', example: 30 } },
};

/**
 * The published partner document, completed: a server, an opaque-key bearer format, response
 * headers (`x-request-id` on every answer, `idempotent-replayed` on idempotent successes,
 * `Retry-After` on 429 and 409), and the webhook payloads as OpenAPI 3.1 `webhooks`.
 */
export function completePartnerDocument(document: OpenAPIObject): OpenAPIObject {
  const ref = (name: string) => ({ $ref: `#/components/headers/${name}` });
  const paths = Object.fromEntries<OpenAPIObject['paths'][string]>(
    Object.entries(document.paths).map(([path, item]) => [
      path,
      Object.fromEntries(
        Object.entries(item).map(([method, operation]) => {
          if (!operation || typeof operation !== 'object' || !('responses' in operation)) return [method, operation];
          const op = operation as { responses: Record<string, { headers?: Record<string, unknown> }>; parameters?: Array<{ in?: string; name?: string }> };
          const idempotent = (op.parameters ?? []).some((parameter) => parameter.in === 'header' && parameter.name === 'Idempotency-Key');
          const responses = Object.fromEntries(
            Object.entries(op.responses).map(([status, response]) => {
              const headers: Record<string, unknown> = { 'x-request-id': ref('x-request-id') };
              if (idempotent && status.startsWith('2')) headers['idempotent-replayed'] = ref('idempotent-replayed');
              if (status === '429' || (status === '409' && idempotent)) headers['Retry-After'] = ref('Retry-After');
              return [status, { ...response, headers: { ...response.headers, ...headers } }];
            }),
          );
          return [method, { ...op, responses }];
        }),
      ),
    ]),
  );
  const eventSchemas = Object.fromEntries(
    Object.entries(EVENT_DATA).map(([type, data]) => [
      schemaName(type),
      {
        type: 'object',
        description: `${data.description} Signed per Standard Webhooks (headers webhook-id, webhook-timestamp, webhook-signature).`,
        required: ['type', 'timestamp', 'data'],
        properties: {
          type: { type: 'string', enum: [type] },
          timestamp: TIME,
          data: { type: 'object', required: Object.keys(data.properties), properties: data.properties },
        },
      },
    ]),
  );
  const webhooks = Object.fromEntries(
    Object.entries(EVENT_DATA).map(([type, data]) => [
      type,
      {
        post: {
          summary: data.description,
          requestBody: { required: true, content: { 'application/json': { schema: { $ref: `#/components/schemas/${schemaName(type)}` } } } },
          responses: { '200': { description: 'Any 2xx acknowledges the event; 410 disables the endpoint; anything else is retried.' } },
        },
      },
    ]),
  );
  const securitySchemes = {
    bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'opaque API key (cpk_…)', description: 'An API key issued to your agency (`cpk_…`), not a JWT' },
  };
  return {
    ...document,
    openapi: '3.1.0',
    servers: [
      {
        url: '{baseUrl}',
        description: 'Your Corridor installation: its operator gives you the address (in development, http://localhost:3000).',
        variables: { baseUrl: { default: 'https://corridor.example.org' } },
      },
    ],
    paths,
    webhooks,
    components: {
      ...document.components,
      schemas: { ...document.components?.schemas, ...eventSchemas, WebhookEventType: { type: 'string', enum: Object.keys(EVENT_DATA) } },
      headers: HEADERS,
      securitySchemes,
    },
  } as OpenAPIObject;
}
