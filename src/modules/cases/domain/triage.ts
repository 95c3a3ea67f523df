import { compressDuration } from '@common/clock/drill-time';
import { DomainException, FailureKind } from '@common/errors/domain.exception';
import { CasePriority } from './case-stage';

/**
 * Triage (spec 3.3): risk factors → an explainable additive score → a suggested priority, which a
 * caseworker may override with a reason; and the SLA for completing triage after intake.
 */

export enum RiskFactor {
  DETAINED_OR_RECENTLY_RELEASED = 'DETAINED_OR_RECENTLY_RELEASED',
  POLICE_SUMMONS_OR_SEARCH = 'POLICE_SUMMONS_OR_SEARCH',
  NAMED_BY_DETAINEE = 'NAMED_BY_DETAINEE',
  OUTED = 'OUTED',
  FAMILY_OR_COMMUNITY_THREATS = 'FAMILY_OR_COMMUNITY_THREATS',
  IN_HIDING = 'IN_HIDING',
  VISIBLY_GENDER_NONCONFORMING_OR_TRANS = 'VISIBLY_GENDER_NONCONFORMING_OR_TRANS',
  URGENT_HEALTH_NEED = 'URGENT_HEALTH_NEED',
  DEPENDANTS_AT_RISK = 'DEPENDANTS_AT_RISK',
  MINOR = 'MINOR',
  HOLDS_VALID_TRAVEL_DOCUMENT = 'HOLDS_VALID_TRAVEL_DOCUMENT',
}

/** A score at or above this suggests EMERGENCY (move within days). Any one acute state threat reaches it. */
export const EMERGENCY_THRESHOLD = 10;
/** A score at or above this suggests URGENT (move within weeks). Any one serious non-state threat reaches it. */
export const URGENT_THRESHOLD = 4;

export interface RiskFactorWeight {
  readonly weight: number;
  /** Why, in words; shown with the score so a caseworker can judge the suggestion. */
  readonly rationale: string;
}

/**
 * Weights in three tiers, so the thresholds read simply: acute state threats (10) are an
 * emergency on their own; serious threats (4–6) are urgent on their own and an emergency in
 * pairs; vulnerabilities (3) only raise another threat. A valid travel document weighs 0: it
 * makes the move easier, not the danger smaller, and lowering the priority of, say, a named
 * person because they hold a passport would delay exactly the people who can be moved fastest
 * (route planning uses it; exit bans and watch lists make it no guarantee of leaving anyway).
 */
export const RISK_FACTOR_WEIGHTS: Readonly<Record<RiskFactor, RiskFactorWeight>> = {
  [RiskFactor.DETAINED_OR_RECENTLY_RELEASED]: {
    weight: 10,
    rationale: 'Acute state threat: detainees are pressed for names, and released people are watched, re-arrested or handed to their families.',
  },
  [RiskFactor.POLICE_SUMMONS_OR_SEARCH]: { weight: 10, rationale: 'Acute state threat: the security services are already looking for the person.' },
  [RiskFactor.NAMED_BY_DETAINEE]: { weight: 10, rationale: 'Acute state threat: the security services hold the name, and arrest can follow within days.' },
  [RiskFactor.FAMILY_OR_COMMUNITY_THREATS]: { weight: 6, rationale: 'Serious threat: violence from family or community, up to so-called honour killings.' },
  [RiskFactor.OUTED]: { weight: 5, rationale: 'Serious threat: the person can no longer hide their identity from those who would harm them.' },
  [RiskFactor.IN_HIDING]: { weight: 5, rationale: 'Serious threat: the person already believes they are hunted, and hiding cannot last.' },
  [RiskFactor.URGENT_HEALTH_NEED]: { weight: 4, rationale: 'Time-critical need, such as interrupted HIV treatment, that will not wait for months.' },
  [RiskFactor.MINOR]: { weight: 4, rationale: 'A child cannot protect themselves or travel alone, and the family is often the threat.' },
  [RiskFactor.VISIBLY_GENDER_NONCONFORMING_OR_TRANS]: {
    weight: 3,
    rationale: 'Vulnerability: harder to stay unnoticed at checkpoints, in shelters and in hiding.',
  },
  [RiskFactor.DEPENDANTS_AT_RISK]: { weight: 3, rationale: 'Vulnerability: more people are exposed, and they can be used as leverage.' },
  [RiskFactor.HOLDS_VALID_TRAVEL_DOCUMENT]: {
    weight: 0,
    rationale: 'Logistics, not danger: eases route planning but does not make the person safer, so it leaves the priority unchanged.',
  },
};

export interface TriageContribution {
  readonly factor: RiskFactor;
  readonly weight: number;
  readonly rationale: string;
}

export interface TriageScore {
  readonly score: number;
  readonly suggestedPriority: CasePriority;
  /** One per distinct factor given, heaviest first (ties in declaration order). */
  readonly contributions: TriageContribution[];
}

/** A factor the scoring does not know: refusing beats scoring low, which would under-triage. */
export class UnknownRiskFactorException extends DomainException {
  constructor(count: number) {
    super('triage-unknown-risk-factor', FailureKind.InvalidInput, 'The assessment contains a risk factor that is not known.', { count });
  }
}

export class TriageOverrideReasonRequiredException extends DomainException {
  constructor() {
    super('triage-override-reason-required', FailureKind.InvalidInput, 'Give a reason to override the suggested priority.');
  }
}

export class UnknownPriorityException extends DomainException {
  constructor() {
    super('triage-priority-unknown', FailureKind.InvalidInput, 'The priority must be EMERGENCY, URGENT or NORMAL.');
  }
}

export class InvalidTriageSlaOverrideException extends DomainException {
  constructor(priority: CasePriority) {
    super('triage-sla-override-invalid', FailureKind.InvalidInput, `The triage SLA override for ${priority} must be a positive number of hours.`, { priority });
  }
}

const FACTOR_ORDER: readonly RiskFactor[] = Object.values(RiskFactor);
const PRIORITIES: ReadonlySet<string> = new Set(Object.values(CasePriority));

export function priorityForScore(score: number): CasePriority {
  if (score >= EMERGENCY_THRESHOLD) return CasePriority.EMERGENCY;
  if (score >= URGENT_THRESHOLD) return CasePriority.URGENT;
  return CasePriority.NORMAL;
}

/** Duplicates count once: ticking a box twice does not double the danger. */
export function scoreTriage(factors: Iterable<RiskFactor>): TriageScore {
  const given = new Set<RiskFactor>(factors);
  const unknown = [...given].filter((factor) => !FACTOR_ORDER.includes(factor)).length;
  if (unknown > 0) throw new UnknownRiskFactorException(unknown);

  const contributions = FACTOR_ORDER.filter((factor) => given.has(factor))
    .map((factor): TriageContribution => ({ factor, ...RISK_FACTOR_WEIGHTS[factor] }))
    .sort((a, b) => b.weight - a.weight); // stable: ties keep declaration order
  const score = contributions.reduce((sum, contribution) => sum + contribution.weight, 0);
  return { score, suggestedPriority: priorityForScore(score), contributions };
}

export interface PriorityOverride {
  priority: CasePriority;
  /** Free text, audited; may hold personal data, so it is stored like a note and never logged. */
  reason: string;
}

export interface ResolvedPriority {
  priority: CasePriority;
  suggested: CasePriority;
  overridden: boolean;
  /** The trimmed reason when overridden, else null. */
  reason: string | null;
}

/** The suggestion, or the caseworker's override with its reason. Choosing the suggested priority is no override. */
export function resolvePriority(suggested: CasePriority, override?: PriorityOverride | null): ResolvedPriority {
  if (!PRIORITIES.has(suggested)) throw new UnknownPriorityException();
  if (!override || override.priority === suggested) return { priority: suggested, suggested, overridden: false, reason: null };
  if (!PRIORITIES.has(override.priority)) throw new UnknownPriorityException();
  const reason = typeof override.reason === 'string' ? override.reason.trim() : '';
  if (reason === '') throw new TriageOverrideReasonRequiredException();
  return { priority: override.priority, suggested, overridden: true, reason };
}

const HOUR_MS = 3_600_000;

/** Spec 3.3 defaults, in hours. */
export const TRIAGE_SLA_HOURS: Readonly<Record<CasePriority, number>> = {
  [CasePriority.EMERGENCY]: 24,
  [CasePriority.URGENT]: 72,
  [CasePriority.NORMAL]: 14 * 24,
};

/** An activation's overrides, in hours. */
export type TriageSlaOverrides = Partial<Record<CasePriority, number>>;

/**
 * The SLA in hours. An activation may only shorten it (spec 3.3), so a longer override yields
 * the default: the people in a purge must never wait longer than anyone else. A nonsensical
 * override is a configuration error and is refused rather than guessed around.
 */
export function triageSlaHours(priority: CasePriority, overrides?: TriageSlaOverrides | null): number {
  if (!PRIORITIES.has(priority)) throw new UnknownPriorityException();
  const standard = TRIAGE_SLA_HOURS[priority];
  const override = overrides?.[priority];
  if (override === undefined || override === null) return standard;
  if (typeof override !== 'number' || !Number.isFinite(override) || override <= 0) throw new InvalidTriageSlaOverrideException(priority);
  return Math.min(standard, override);
}

/**
 * When triage must be complete; elapsed time, so daylight-saving shifts do not move it.
 * `drillTimeCompression` divides the SLA (drill time).
 */
export function triageDeadline(intakeAt: Date, priority: CasePriority, overrides?: TriageSlaOverrides | null, drillTimeCompression = 1): Date {
  if (!Number.isFinite(intakeAt.getTime())) throw new RangeError('triageDeadline: intakeAt is not a valid date');
  return new Date(intakeAt.getTime() + compressDuration(triageSlaHours(priority, overrides) * HOUR_MS, drillTimeCompression));
}
