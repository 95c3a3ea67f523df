import type { ResettlementApplicationStatus as StageMachineStatus } from '@modules/cases/domain/stage-machine';

/** Spec 3.4. Kept string-equal to the stage machine's `ResettlementApplicationStatus` (checked below). */
export enum ResettlementStatus {
  PREPARING = 'PREPARING',
  SUBMITTED = 'SUBMITTED',
  INTERVIEW = 'INTERVIEW',
  ACCEPTED = 'ACCEPTED',
  DENIED = 'DENIED',
  DEFERRED = 'DEFERRED',
  DEPARTURE_ARRANGED = 'DEPARTURE_ARRANGED',
}

// Compile-time: every status here is one the stage guards understand.
const sameStatuses: Record<StageMachineStatus, ResettlementStatus> = {
  PREPARING: ResettlementStatus.PREPARING,
  SUBMITTED: ResettlementStatus.SUBMITTED,
  INTERVIEW: ResettlementStatus.INTERVIEW,
  ACCEPTED: ResettlementStatus.ACCEPTED,
  DENIED: ResettlementStatus.DENIED,
  DEFERRED: ResettlementStatus.DEFERRED,
  DEPARTURE_ARRANGED: ResettlementStatus.DEPARTURE_ARRANGED,
};
void sameStatuses;

export enum ResettlementPathway {
  UNHCR_REFERRAL = 'UNHCR_REFERRAL',
  STATE_PROGRAM = 'STATE_PROGRAM',
  PRIVATE_SPONSORSHIP = 'PRIVATE_SPONSORSHIP',
  EMERGENCY_VISA = 'EMERGENCY_VISA',
}

/** What happens after a denial or deferral; the case stays in resettlement. */
export enum ResettlementNextStep {
  ANOTHER_PATHWAY = 'ANOTHER_PATHWAY',
  APPEAL = 'APPEAL',
}

export enum MilestoneType {
  REFERRAL_SENT = 'REFERRAL_SENT',
  INTERVIEW_SCHEDULED = 'INTERVIEW_SCHEDULED',
  INTERVIEW_HELD = 'INTERVIEW_HELD',
  MEDICAL_EXAM = 'MEDICAL_EXAM',
  SECURITY_CLEARANCE = 'SECURITY_CLEARANCE',
  DECISION_RECEIVED = 'DECISION_RECEIVED',
  VISA_ISSUED = 'VISA_ISSUED',
  FLIGHT_BOOKED = 'FLIGHT_BOOKED',
  OTHER = 'OTHER',
}

export enum DocumentStatus {
  PENDING = 'PENDING',
  OBTAINED = 'OBTAINED',
}

export interface ChecklistItem {
  item: string;
  status: DocumentStatus;
}

export type StatusChangeRefusal = 'status-transition-not-allowed' | 'submission-approval-required' | 'next-step-required' | 'next-step-not-applicable';

const S = ResettlementStatus;

/** The edges of an application's lifecycle; PREPARING → SUBMITTED only through an approved submission. */
const EDGES: Readonly<Record<ResettlementStatus, readonly ResettlementStatus[]>> = {
  [S.PREPARING]: [S.SUBMITTED],
  [S.SUBMITTED]: [S.INTERVIEW, S.DENIED, S.DEFERRED],
  [S.INTERVIEW]: [S.ACCEPTED, S.DENIED, S.DEFERRED],
  [S.ACCEPTED]: [S.DEPARTURE_ARRANGED],
  [S.DENIED]: [],
  [S.DEFERRED]: [],
  [S.DEPARTURE_ARRANGED]: [],
};

const NEEDS_NEXT_STEP: ReadonlySet<ResettlementStatus> = new Set([S.DENIED, S.DEFERRED]);

/**
 * Decides a status change. Pure. `viaApprovedSubmission` is true only for the four-eyes approval
 * of a requested submission; a DENIED or DEFERRED outcome must name its next step, others must not.
 */
export function decideStatusChange(
  from: ResettlementStatus,
  to: ResettlementStatus,
  options: { viaApprovedSubmission: boolean; nextStep: ResettlementNextStep | null },
): { ok: true } | { ok: false; refusal: StatusChangeRefusal } {
  if (!EDGES[from].includes(to)) return { ok: false, refusal: 'status-transition-not-allowed' };
  if (to === S.SUBMITTED && !options.viaApprovedSubmission) return { ok: false, refusal: 'submission-approval-required' };
  if (NEEDS_NEXT_STEP.has(to) && options.nextStep === null) return { ok: false, refusal: 'next-step-required' };
  if (!NEEDS_NEXT_STEP.has(to) && options.nextStep !== null) return { ok: false, refusal: 'next-step-not-applicable' };
  return { ok: true };
}

export function allowedNextStatuses(from: ResettlementStatus): readonly ResettlementStatus[] {
  return EDGES[from];
}
