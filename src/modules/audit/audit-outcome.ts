export enum AuditOutcome {
  Success = 'SUCCESS',
  Denied = 'DENIED',
  Failure = 'FAILURE',
}

export const AUDIT_ACTOR_TYPES = ['staff', 'partner', 'system', 'anonymous'] as const;
export type AuditActorType = (typeof AUDIT_ACTOR_TYPES)[number];
