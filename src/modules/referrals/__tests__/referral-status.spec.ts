import { CaseStage } from '@modules/cases/domain/case-stage';
import { ReferralStatus, referralStatusOf } from '../referral-status';

describe('coarse referral status', () => {
  it.each([
    [CaseStage.INTAKE, ReferralStatus.RECEIVED],
    [CaseStage.VERIFICATION, ReferralStatus.IN_REVIEW],
    [CaseStage.TRIAGED, ReferralStatus.IN_REVIEW],
    [CaseStage.RELOCATION_PLANNED, ReferralStatus.ACCEPTED],
    [CaseStage.IN_TRANSIT, ReferralStatus.IN_PROGRESS],
    [CaseStage.IN_SAFE_COUNTRY, ReferralStatus.IN_PROGRESS],
    [CaseStage.RESETTLEMENT_IN_PROGRESS, ReferralStatus.IN_PROGRESS],
    [CaseStage.DEPARTED, ReferralStatus.IN_PROGRESS],
    [CaseStage.RESETTLED, ReferralStatus.CLOSED],
    [CaseStage.CLOSED, ReferralStatus.CLOSED],
  ])('%s is %s', (stage, status) => {
    expect(referralStatusOf(stage)).toBe(status);
  });

  it('covers every stage', () => {
    for (const stage of Object.values(CaseStage)) expect(Object.values(ReferralStatus)).toContain(referralStatusOf(stage));
  });
});
