import type { CaseAccessBasis, CaseFieldGroup } from '@modules/access/case-access.policy';
import type { CaseProtectedContent } from './case-content';
import type { CaseHistoryEntity } from './case-records.entity';
import type { CaseEntity } from './case.entity';
import type { TransitionOption } from './domain/stage-machine';

/** What a listing shows: plain fields only, so browsing never decrypts (or audits) content. */
export interface CaseSummary {
  reference: string;
  stage: string;
  priority: string;
  flags: string[];
  originCountry: string;
  currentCountry: string | null;
  possibleDuplicate: boolean;
  triageDueAt: string | null;
  triagedAt: string | null;
  createdAt: string;
  updatedAt: string;
  erased: boolean;
}

export interface CaseDetail extends CaseSummary {
  verification: string;
  consent: { services: boolean; sharing: boolean; resettlement: boolean; method: string | null; obtainedAt: string | null; recordedAt: string | null };
  assignedCaseworkerIds: string[];
  dependantsCount: number;
  /** The partner agency whose referral opened the case, if one did. */
  referringAgencyId: string | null;
  closure: { reason: string; closedAt: string } | null;
  legalHold: boolean;
  /** References of possible duplicates (their content is never shown here). */
  duplicateCandidates: Array<{ reference: string; reasons: string[] }>;
  /** Only the groups this reader may see. */
  protected: CaseProtectedContent;
  access: { basis: CaseAccessBasis[]; fieldGroups: CaseFieldGroup[] };
  /** Closed as a duplicate (a SAME_PERSON review): the reference of the case it duplicates. */
  duplicateOf: string | null;
  /** The moves open from this stage, each with every guard it still fails (none: allowed). */
  transitions: TransitionOption[];
}

export interface CaseHistoryView {
  at: string;
  kind: string;
  actorType: string;
  actorId: string | null;
  fromStage: string | null;
  toStage: string | null;
  details: Record<string, string | number | boolean | string[] | null>;
}

const iso = (date: Date | null): string | null => date?.toISOString() ?? null;

/** What every view of a case starts with: its reference, stage, priority, flags and countries (plain columns). */
export function caseHeadline(row: Pick<CaseEntity, 'reference' | 'stage' | 'priority' | 'flags' | 'originCountry' | 'currentCountry'>) {
  return {
    reference: row.reference,
    stage: row.stage,
    priority: row.priority,
    flags: row.flags,
    originCountry: row.originCountry,
    currentCountry: row.currentCountry,
  };
}

export function toSummary(row: CaseEntity): CaseSummary {
  return {
    ...caseHeadline(row),
    possibleDuplicate: row.possibleDuplicate,
    triageDueAt: iso(row.triageDueAt),
    triagedAt: iso(row.triagedAt),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    erased: row.erasedAt !== null,
  };
}

export function toDetail(
  row: CaseEntity,
  extra: Pick<CaseDetail, 'assignedCaseworkerIds' | 'duplicateCandidates' | 'protected' | 'access' | 'transitions' | 'duplicateOf'>,
): CaseDetail {
  return {
    ...toSummary(row),
    verification: row.verification,
    consent: {
      services: row.consentServices,
      sharing: row.consentSharing,
      resettlement: row.consentResettlement,
      method: row.consentMethod,
      obtainedAt: iso(row.consentObtainedAt),
      recordedAt: iso(row.consentRecordedAt),
    },
    dependantsCount: row.dependantsCount,
    referringAgencyId: row.referringAgencyId,
    closure: row.closureReason && row.closedAt ? { reason: row.closureReason, closedAt: row.closedAt.toISOString() } : null,
    legalHold: row.legalHold,
    ...extra,
  };
}

export const toHistoryView = (entry: CaseHistoryEntity): CaseHistoryView => ({
  at: entry.occurredAt.toISOString(),
  kind: entry.kind,
  actorType: entry.actorType,
  actorId: entry.actorId,
  fromStage: entry.fromStage,
  toStage: entry.toStage,
  details: entry.details,
});
