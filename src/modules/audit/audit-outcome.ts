export enum AuditOutcome {
  Success = 'SUCCESS',
  Denied = 'DENIED',
  Failure = 'FAILURE',
}

export type AuditActorType = 'staff' | 'partner' | 'system' | 'anonymous';
