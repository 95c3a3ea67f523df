import { DomainException, FailureKind } from '@common/errors/domain.exception';
import { CaseStage, ClosureReason } from './case-stage';

/**
 * The case stage machine of spec 3.2 and all its guards, in one place. Pure: the caller loads
 * `TransitionFacts` from the database (in the transaction that will write the transition),
 * asks `decideTransition`, and on success writes the stage, history, audit and outbox entries.
 */

export type VerificationOutcome = 'NONE' | 'VERIFIED_BY_STAFF' | 'VERIFIED_BY_PARTNER';

/** Lifecycle of a relocation plan; "no plan" is `relocationPlan: null`, not a status. */
export type RelocationPlanStatus = 'DRAFT' | 'REQUESTED' | 'APPROVED' | 'REJECTED' | 'WITHDRAWN';

/** Spec 3.4. `DEPARTURE_ARRANGED` comes after `ACCEPTED`, so it implies acceptance. */
export type ResettlementApplicationStatus = 'PREPARING' | 'SUBMITTED' | 'INTERVIEW' | 'ACCEPTED' | 'DENIED' | 'DEFERRED' | 'DEPARTURE_ARRANGED';

export interface RelocationPlanFacts {
  status: RelocationPlanStatus;
  /** Four-eyes: the approver is a coordinator and not the staff member who requested the plan. */
  approvedByOtherThanRequester: boolean;
  /** The route's transit country is allowed by the case's activation (true when the case has none). */
  transitCountryAllowed: boolean;
}

export interface SafeCountryArrivalFacts {
  /** ISO 3166-1 alpha-2. */
  country: string;
  /** Actual (not planned) entry date; starts the stay clock. */
  entryDate: Date;
}

/** Everything a guard needs. Never put personal data here: refusals may describe these facts. */
export interface TransitionFacts {
  stage: CaseStage;
  /** The stage the case was closed from; the only reopen target. Null unless closed. */
  previousStage: CaseStage | null;
  assignedCaseworkerCount: number;
  /** `VERIFIED_BY_PARTNER` only for a partner the organisation trusts to verify. */
  verification: VerificationOutcome;
  hasTriageAssessment: boolean;
  /** The case's current plan (the latest one not superseded), or null. */
  relocationPlan: RelocationPlanFacts | null;
  /** The departure of the current relocation journey has been recorded. */
  departureRecorded: boolean;
  /** Arrival in the safe (transit) country for the current journey, or null. */
  safeCountryArrival: SafeCountryArrivalFacts | null;
  /** Statuses of all of the case's resettlement applications (there may be several pathways). */
  resettlementApplications: readonly ResettlementApplicationStatus[];
  destinationArrivalRecorded: boolean;
  handedOverToSettlementAgency: boolean;
}

export interface TransitionRequest {
  to: CaseStage;
  /** Required to close. */
  closureReason?: ClosureReason;
  /** Required to reopen. Free text: may hold personal data, so it is never echoed in a refusal. */
  reopenReason?: string;
  actorIsCoordinator: boolean;
}

/** The guards whose facts come from the journeys module (the JourneyFacts port). */
export const JOURNEY_GUARD_CODES = [
  'approved-relocation-plan-required',
  'four-eyes-approval-required',
  'transit-country-not-allowed',
  'departure-required',
  'arrival-required',
  'resettlement-application-required',
  'accepted-application-and-departure-required',
  'destination-arrival-and-handover-required',
] as const;

/** Stable codes; they become the `guard` member of the 409 problem document. */
export const GUARD_CODES = [
  'assigned-caseworker-required',
  'verification-required',
  'triage-required',
  ...JOURNEY_GUARD_CODES,
  'closure-reason-required',
  'closure-reason-not-applicable',
  'reopen-by-coordinator-only',
  'reopen-reason-required',
  'transition-not-allowed',
] as const;

export type GuardCode = (typeof GUARD_CODES)[number];

/** Guards attached to edges; `transition-not-allowed` is the machine itself refusing. */
export type EdgeGuardCode = Exclude<GuardCode, 'transition-not-allowed'>;

/** Each guard in words, for refusals and API documentation. */
export const GUARD_DESCRIPTIONS: Readonly<Record<GuardCode, string>> = {
  'assigned-caseworker-required': 'a caseworker must be assigned to the case',
  'verification-required': 'a verification outcome must be recorded, by staff or by a trusted partner',
  'triage-required': 'a triage assessment must exist',
  'approved-relocation-plan-required': 'a relocation plan must be approved by a coordinator',
  'four-eyes-approval-required': 'the relocation plan must be approved by a coordinator other than the one who requested it',
  'transit-country-not-allowed': "the plan's transit country must be allowed for the case's activation",
  'departure-required': 'the departure must be recorded',
  'arrival-required': 'the arrival in the safe country must be recorded with its country and entry date',
  'resettlement-application-required': 'a resettlement application must exist that has not been denied',
  'accepted-application-and-departure-required': 'a resettlement application must be accepted and its departure arranged',
  'destination-arrival-and-handover-required': 'the arrival in the destination country and the handover to a settlement agency must be recorded',
  'closure-reason-required': 'a closure reason is required',
  'closure-reason-not-applicable': 'a case can close as resettled and handed over only from the RESETTLED stage',
  'reopen-by-coordinator-only': 'only a coordinator can reopen a case',
  'reopen-reason-required': 'a reason is required to reopen a case',
  'transition-not-allowed': 'the stage machine does not allow this transition',
};

export function describeGuard(guard: GuardCode): string {
  return GUARD_DESCRIPTIONS[guard];
}

/** `advance`: along the journey; `close`: from every open stage to CLOSED; `reopen`: CLOSED back to the stage it was closed from. */
export type StageEdgeKind = 'advance' | 'close' | 'reopen';

export interface StageEdge {
  readonly from: CaseStage;
  readonly to: CaseStage;
  readonly kind: StageEdgeKind;
  /** Checked in this order; the first that fails is reported. */
  readonly guards: readonly EdgeGuardCode[];
}

export const OPEN_STAGES: readonly CaseStage[] = Object.values(CaseStage).filter((stage) => stage !== CaseStage.CLOSED);

const PLAN_GUARDS: readonly EdgeGuardCode[] = ['approved-relocation-plan-required', 'four-eyes-approval-required', 'transit-country-not-allowed'];

const advance = (from: CaseStage, to: CaseStage, guards: readonly EdgeGuardCode[]): StageEdge => ({ from, to, kind: 'advance', guards });

/**
 * The edges of spec 3.2, and no others. Reopen edges are listed for every open stage, but a
 * closed case may take only the one to its recorded previous stage.
 */
export const STAGE_EDGES: readonly StageEdge[] = [
  advance(CaseStage.INTAKE, CaseStage.VERIFICATION, ['assigned-caseworker-required']),
  advance(CaseStage.VERIFICATION, CaseStage.TRIAGED, ['verification-required', 'triage-required']),
  advance(CaseStage.TRIAGED, CaseStage.RELOCATION_PLANNED, PLAN_GUARDS),
  advance(CaseStage.RELOCATION_PLANNED, CaseStage.IN_TRANSIT, ['departure-required']),
  advance(CaseStage.IN_TRANSIT, CaseStage.IN_SAFE_COUNTRY, ['arrival-required']),
  // People already outside the origin country skip planning and transit.
  advance(CaseStage.TRIAGED, CaseStage.IN_SAFE_COUNTRY, ['arrival-required']),
  advance(CaseStage.IN_SAFE_COUNTRY, CaseStage.RESETTLEMENT_IN_PROGRESS, ['resettlement-application-required']),
  advance(CaseStage.RESETTLEMENT_IN_PROGRESS, CaseStage.DEPARTED, ['accepted-application-and-departure-required']),
  advance(CaseStage.DEPARTED, CaseStage.RESETTLED, ['destination-arrival-and-handover-required']),
  ...OPEN_STAGES.map((from): StageEdge => ({
    from,
    to: CaseStage.CLOSED,
    kind: 'close',
    guards: ['closure-reason-required', 'closure-reason-not-applicable'],
  })),
  ...OPEN_STAGES.map((to): StageEdge => ({ from: CaseStage.CLOSED, to, kind: 'reopen', guards: ['reopen-by-coordinator-only', 'reopen-reason-required'] })),
];

/**
 * Stages the case may be asked to move to. For a closed case that is only its previous stage,
 * so pass it; without it a closed case has no targets.
 */
export function allowedTargets(stage: CaseStage, previousStage: CaseStage | null = null): CaseStage[] {
  return STAGE_EDGES.filter((edge) => edge.from === stage && (edge.kind !== 'reopen' || edge.to === previousStage)).map((edge) => edge.to);
}

export type TransitionDecision = { ok: true; from: CaseStage; to: CaseStage } | { ok: false; from: CaseStage; to: CaseStage; guard: GuardCode; detail: string };

export type TransitionRefusal = Extract<TransitionDecision, { ok: false }>;

/** A failed guard's detail (why, in words; never personal data), or null when it holds. */
type GuardCheck = (facts: TransitionFacts, request: TransitionRequest) => string | null;

const KNOWN_STAGES: ReadonlySet<string> = new Set(Object.values(CaseStage));
const ISO_COUNTRY = /^[A-Z]{2}$/;
const CLOSURE_REASONS: ReadonlySet<string> = new Set(Object.values(ClosureReason));
const has = (facts: TransitionFacts, status: ResettlementApplicationStatus): boolean => facts.resettlementApplications.includes(status);

/** Every check fails closed: a missing, unknown or malformed fact refuses. */
const GUARD_CHECKS: Readonly<Record<EdgeGuardCode, GuardCheck>> = {
  'assigned-caseworker-required': (facts) => (facts.assignedCaseworkerCount >= 1 ? null : 'Assign a caseworker first.'),
  'verification-required': (facts) =>
    facts.verification === 'VERIFIED_BY_STAFF' || facts.verification === 'VERIFIED_BY_PARTNER' ? null : 'Record the verification outcome first.',
  'triage-required': (facts) => (facts.hasTriageAssessment === true ? null : 'Complete the triage assessment first.'),
  'approved-relocation-plan-required': (facts) => {
    if (!facts.relocationPlan) return 'There is no relocation plan.';
    return facts.relocationPlan.status === 'APPROVED' ? null : `The relocation plan is ${facts.relocationPlan.status}, not APPROVED.`;
  },
  'four-eyes-approval-required': (facts) =>
    facts.relocationPlan?.approvedByOtherThanRequester === true ? null : 'The relocation plan needs approval by a coordinator other than its requester.',
  'transit-country-not-allowed': (facts) =>
    facts.relocationPlan?.transitCountryAllowed === true ? null : "The plan's transit country is not allowed for the case's activation.",
  'departure-required': (facts) => (facts.departureRecorded === true ? null : 'Record the departure first.'),
  'arrival-required': (facts) => {
    const arrival = facts.safeCountryArrival;
    const complete = arrival !== null && ISO_COUNTRY.test(arrival.country) && Number.isFinite(arrival.entryDate.getTime());
    return complete ? null : 'Record the arrival with its country and entry date first.';
  },
  // A denied application leaves nothing in progress; a deferred one is still alive.
  'resettlement-application-required': (facts) =>
    facts.resettlementApplications.some((status) => status !== 'DENIED') ? null : 'There is no resettlement application that has not been denied.',
  'accepted-application-and-departure-required': (facts) => {
    if (has(facts, 'DEPARTURE_ARRANGED')) return null;
    return has(facts, 'ACCEPTED') ? 'The application is accepted; arrange the departure first.' : 'No resettlement application has been accepted.';
  },
  'destination-arrival-and-handover-required': (facts) => {
    if (facts.destinationArrivalRecorded !== true) return 'Record the arrival in the destination country first.';
    return facts.handedOverToSettlementAgency === true ? null : 'Record the handover to a settlement agency first.';
  },
  'closure-reason-required': (_facts, request) =>
    request.closureReason !== undefined && CLOSURE_REASONS.has(request.closureReason) ? null : 'Give one of the closure reasons.',
  // Guards the closure statistics: "resettled" must mean the journey actually ended.
  'closure-reason-not-applicable': (facts, request) =>
    request.closureReason === ClosureReason.RESETTLED_AND_HANDED_OVER && facts.stage !== CaseStage.RESETTLED
      ? 'Only a RESETTLED case can close as RESETTLED_AND_HANDED_OVER.'
      : null,
  'reopen-by-coordinator-only': (_facts, request) => (request.actorIsCoordinator === true ? null : 'Ask a coordinator to reopen the case.'),
  'reopen-reason-required': (_facts, request) =>
    typeof request.reopenReason === 'string' && request.reopenReason.trim() !== '' ? null : 'Give a reason to reopen the case.',
};

/** A guard not met: its stable code, what it asks for in general, and why it fails for this case. */
export interface UnmetGuard {
  guard: GuardCode;
  description: string;
  detail: string;
}

/** What the request itself must carry for a move (not a fact about the case). */
export type TransitionInput = 'closureReason' | 'reopenReason';

/** One move open from the case's stage, with every guard it still fails (none: `allowed`). */
export interface TransitionOption {
  to: CaseStage;
  kind: StageEdgeKind;
  /** True when every guard that depends on the case and the actor holds. */
  allowed: boolean;
  unmet: UnmetGuard[];
  /** Fields the transition request must carry. */
  requires: TransitionInput[];
}

/** Guards about the request's own fields: reported as `requires`, never as unmet facts. */
const REQUEST_GUARDS: Readonly<Partial<Record<EdgeGuardCode, TransitionInput>>> = {
  'closure-reason-required': 'closureReason',
  'closure-reason-not-applicable': 'closureReason',
  'reopen-reason-required': 'reopenReason',
};

function unmetGuards(edge: StageEdge, facts: TransitionFacts, request: TransitionRequest, includeRequestGuards: boolean): UnmetGuard[] {
  const unmet: UnmetGuard[] = [];
  for (const guard of edge.guards) {
    if (!includeRequestGuards && REQUEST_GUARDS[guard]) continue;
    const detail = GUARD_CHECKS[guard](facts, request);
    if (detail !== null) unmet.push({ guard, description: describeGuard(guard), detail });
  }
  return unmet;
}

/**
 * Every move open from the case's stage (spec 3.2: the same edges and guards `decideTransition`
 * uses, so a client is told exactly what a request would meet), each with ALL its unmet guards —
 * not just the first — so a client can show "to reach TRIAGED: record a verification; complete
 * the triage assessment". A closed case offers only the reopen to its previous stage.
 */
export function transitionOptions(facts: TransitionFacts, actor: { actorIsCoordinator: boolean }): TransitionOption[] {
  return STAGE_EDGES.filter((edge) => edge.from === facts.stage && (edge.kind !== 'reopen' || edge.to === facts.previousStage)).map((edge) => {
    const unmet = unmetGuards(edge, facts, { to: edge.to, actorIsCoordinator: actor.actorIsCoordinator }, false);
    const requires = [...new Set(edge.guards.map((guard) => REQUEST_GUARDS[guard]).filter((input): input is TransitionInput => input !== undefined))];
    return { to: edge.to, kind: edge.kind, allowed: unmet.length === 0, unmet, requires };
  });
}

/** Every guard the requested move fails (for the 409), request guards included; empty for a move off the machine. */
export function unmetFor(facts: TransitionFacts, request: TransitionRequest): UnmetGuard[] {
  const edge = STAGE_EDGES.find((candidate) => candidate.from === facts.stage && candidate.to === request.to);
  return edge ? unmetGuards(edge, facts, request, true) : [];
}

function refuse(from: CaseStage, to: CaseStage, guard: GuardCode, detail: string): TransitionRefusal {
  return { ok: false, from, to, guard, detail };
}

/** Decides one transition. Same-stage requests and pairs outside `STAGE_EDGES` are `transition-not-allowed`. */
export function decideTransition(facts: TransitionFacts, request: TransitionRequest): TransitionDecision {
  const from = facts.stage;
  const to = request.to;
  // Requests are validated at the edge, but an unknown value must not be echoed into the detail.
  if (!KNOWN_STAGES.has(to)) return refuse(from, to, 'transition-not-allowed', 'The requested stage does not exist.');
  if (from === to) return refuse(from, to, 'transition-not-allowed', `The case is already ${from}.`);

  const edge = STAGE_EDGES.find((candidate) => candidate.from === from && candidate.to === to);
  if (!edge) return refuse(from, to, 'transition-not-allowed', `The stage machine has no transition from ${from} to ${to}.`);
  // Structural before permission: a closed case goes back only where it was, whoever asks.
  if (edge.kind === 'reopen' && to !== facts.previousStage) {
    const where = facts.previousStage === null ? 'no recorded previous stage' : `it was closed from ${facts.previousStage}`;
    return refuse(from, to, 'transition-not-allowed', `A closed case reopens only to the stage it was closed from (${where}).`);
  }

  for (const guard of edge.guards) {
    const detail = GUARD_CHECKS[guard](facts, request);
    if (detail !== null) return refuse(from, to, guard, detail);
  }
  return { ok: true, from, to };
}

/** 409 for a refused transition; the problem document names the guard (no personal data). */
export class StageTransitionRefusedException extends DomainException {
  constructor(
    readonly from: CaseStage,
    readonly to: CaseStage,
    readonly guard: GuardCode,
    /** The refusal's specific detail, if any; must not contain personal data either. */
    reason?: string,
    /**
     * What the client can do instead: every guard of the requested move still unmet, and the
     * moves open from here (each with its own unmet guards). From `transitionOptions`.
     */
    context?: { unmet: readonly UnmetGuard[]; transitions: readonly TransitionOption[] },
  ) {
    // The specific reason when there is one, else the guard's description: one sentence, not two.
    const detail = `The case cannot move from ${from} to ${to}: ${reason ?? `${describeGuard(guard)}.`}`;
    super('stage-transition-refused', FailureKind.Conflict, detail, {
      guard,
      from,
      to,
      ...(context
        ? {
            unmet: context.unmet,
            allowedTransitions: context.transitions.filter((option) => option.allowed).map((option) => option.to),
            transitions: context.transitions,
          }
        : {}),
    });
  }

  static from(
    refusal: TransitionRefusal,
    context?: { unmet: readonly UnmetGuard[]; transitions: readonly TransitionOption[] },
  ): StageTransitionRefusedException {
    return new StageTransitionRefusedException(refusal.from, refusal.to, refusal.guard, refusal.detail, context);
  }
}

/** `decideTransition` for callers that want the refusal thrown. */
export function assertTransition(facts: TransitionFacts, request: TransitionRequest): { from: CaseStage; to: CaseStage } {
  const decision = decideTransition(facts, request);
  if (!decision.ok) throw StageTransitionRefusedException.from(decision);
  return { from: decision.from, to: decision.to };
}
