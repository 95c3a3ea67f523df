import { CaseStage } from '@modules/cases/domain/case-stage';

/**
 * A referral's status as the referring agency sees it: coarse, derived from the case stage, so
 * the agency follows its referral without learning the case file. Part of the partner contract.
 */
export enum ReferralStatus {
  RECEIVED = 'RECEIVED',
  IN_REVIEW = 'IN_REVIEW',
  ACCEPTED = 'ACCEPTED',
  IN_PROGRESS = 'IN_PROGRESS',
  CLOSED = 'CLOSED',
}

const BY_STAGE: Record<CaseStage, ReferralStatus> = {
  [CaseStage.INTAKE]: ReferralStatus.RECEIVED,
  [CaseStage.VERIFICATION]: ReferralStatus.IN_REVIEW,
  [CaseStage.TRIAGED]: ReferralStatus.IN_REVIEW,
  [CaseStage.RELOCATION_PLANNED]: ReferralStatus.ACCEPTED,
  [CaseStage.IN_TRANSIT]: ReferralStatus.IN_PROGRESS,
  [CaseStage.IN_SAFE_COUNTRY]: ReferralStatus.IN_PROGRESS,
  [CaseStage.RESETTLEMENT_IN_PROGRESS]: ReferralStatus.IN_PROGRESS,
  [CaseStage.DEPARTED]: ReferralStatus.IN_PROGRESS,
  [CaseStage.RESETTLED]: ReferralStatus.CLOSED,
  [CaseStage.CLOSED]: ReferralStatus.CLOSED,
};

export const referralStatusOf = (stage: CaseStage): ReferralStatus => BY_STAGE[stage];
