import type { EgressRefusalReason } from '@infra/http/problem.view';
import { DomainException, FailureKind } from '@common/errors/domain.exception';

/** Why a URL may not be called. Codes only: the refused address itself is never echoed. */
/** Documented in the problem schema (`EGRESS_REFUSAL_REASONS`): one list for code and contract. */
export type EgressRefusal = EgressRefusalReason;

export class EgressRefusedException extends DomainException {
  constructor(readonly reason: EgressRefusal) {
    super('egress-refused', FailureKind.Unprocessable, 'This URL may not be called by Corridor.', { reason });
  }
}

export class EgressHostAlreadyAllowedException extends DomainException {
  constructor() {
    super('egress-host-already-allowed', FailureKind.Conflict, 'This host is already on the egress allowlist.');
  }
}

export class WebhookEndpointNotDisabledException extends DomainException {
  constructor() {
    super('webhook-endpoint-not-disabled', FailureKind.Conflict, 'This endpoint is not disabled.');
  }
}

export class WebhookEndpointDisabledException extends DomainException {
  constructor() {
    super('webhook-endpoint-disabled', FailureKind.Conflict, 'This endpoint is disabled; enable it first.');
  }
}

export class WebhookEndpointLimitException extends DomainException {
  constructor(limit: number) {
    super('webhook-endpoint-limit', FailureKind.Conflict, `At most ${limit} endpoints may be registered.`, { limit });
  }
}
