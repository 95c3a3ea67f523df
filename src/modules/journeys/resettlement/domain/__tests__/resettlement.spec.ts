import { allowedNextStatuses, decideStatusChange, ResettlementNextStep, ResettlementStatus as S } from '../resettlement';

const plain = { viaApprovedSubmission: false, nextStep: null };

describe('resettlement application status', () => {
  it.each([
    [S.SUBMITTED, S.INTERVIEW],
    [S.INTERVIEW, S.ACCEPTED],
    [S.ACCEPTED, S.DEPARTURE_ARRANGED],
  ])('allows %s → %s', (from, to) => {
    expect(decideStatusChange(from, to, plain)).toEqual({ ok: true });
  });

  it('moves PREPARING → SUBMITTED only through an approved submission', () => {
    expect(decideStatusChange(S.PREPARING, S.SUBMITTED, plain)).toEqual({ ok: false, refusal: 'submission-approval-required' });
    expect(decideStatusChange(S.PREPARING, S.SUBMITTED, { viaApprovedSubmission: true, nextStep: null })).toEqual({ ok: true });
  });

  it.each([S.SUBMITTED, S.INTERVIEW])('lets %s end DENIED or DEFERRED with a next step, and only with one', (from) => {
    for (const to of [S.DENIED, S.DEFERRED]) {
      expect(decideStatusChange(from, to, plain)).toEqual({ ok: false, refusal: 'next-step-required' });
      expect(decideStatusChange(from, to, { viaApprovedSubmission: false, nextStep: ResettlementNextStep.APPEAL })).toEqual({ ok: true });
      expect(decideStatusChange(from, to, { viaApprovedSubmission: false, nextStep: ResettlementNextStep.ANOTHER_PATHWAY })).toEqual({ ok: true });
    }
  });

  it('refuses a next step on any other outcome', () => {
    expect(decideStatusChange(S.SUBMITTED, S.INTERVIEW, { viaApprovedSubmission: false, nextStep: ResettlementNextStep.APPEAL })).toEqual({
      ok: false,
      refusal: 'next-step-not-applicable',
    });
  });

  it('refuses every edge not in the lifecycle', () => {
    const all = Object.values(S);
    const allowed = new Set([
      'PREPARING>SUBMITTED',
      'SUBMITTED>INTERVIEW',
      'SUBMITTED>DENIED',
      'SUBMITTED>DEFERRED',
      'INTERVIEW>ACCEPTED',
      'INTERVIEW>DENIED',
      'INTERVIEW>DEFERRED',
      'ACCEPTED>DEPARTURE_ARRANGED',
    ]);
    for (const from of all) {
      for (const to of all) {
        const key = `${from}>${to}`;
        expect({ key, allowed: allowedNextStatuses(from).includes(to) }).toEqual({ key, allowed: allowed.has(key) });
        if (!allowed.has(key))
          expect(decideStatusChange(from, to, { viaApprovedSubmission: true, nextStep: null })).toEqual({
            ok: false,
            refusal: 'status-transition-not-allowed',
          });
      }
    }
  });
});
