import fc from 'fast-check';
import { DomainException, FailureKind } from '@common/errors/domain.exception';
import { CasePriority } from '@modules/cases/domain/case-stage';
import {
  EMERGENCY_THRESHOLD,
  RISK_FACTOR_WEIGHTS,
  RiskFactor,
  TRIAGE_SLA_HOURS,
  URGENT_THRESHOLD,
  resolvePriority,
  scoreTriage,
  triageDeadline,
  triageSlaHours,
} from '@modules/cases/domain/triage';

const R = RiskFactor;
const P = CasePriority;
const ALL_FACTORS = Object.values(RiskFactor);

function thrown(run: () => unknown): DomainException {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainException) return error;
    throw error;
  }
  throw new Error('expected a DomainException');
}

describe('scoreTriage', () => {
  it.each<[string, RiskFactor[], number, CasePriority]>([
    ['nothing reported', [], 0, P.NORMAL],
    ['detained or recently released alone', [R.DETAINED_OR_RECENTLY_RELEASED], 10, P.EMERGENCY],
    ['police summons alone', [R.POLICE_SUMMONS_OR_SEARCH], 10, P.EMERGENCY],
    ['named by a detainee alone', [R.NAMED_BY_DETAINEE], 10, P.EMERGENCY],
    ['named by a detainee, holds a passport', [R.NAMED_BY_DETAINEE, R.HOLDS_VALID_TRAVEL_DOCUMENT], 10, P.EMERGENCY],
    ['family threats alone', [R.FAMILY_OR_COMMUNITY_THREATS], 6, P.URGENT],
    ['outed alone', [R.OUTED], 5, P.URGENT],
    ['in hiding alone', [R.IN_HIDING], 5, P.URGENT],
    ['interrupted HIV treatment alone', [R.URGENT_HEALTH_NEED], 4, P.URGENT],
    ['minor alone', [R.MINOR], 4, P.URGENT],
    ['visibly trans alone', [R.VISIBLY_GENDER_NONCONFORMING_OR_TRANS], 3, P.NORMAL],
    ['dependants at risk alone', [R.DEPENDANTS_AT_RISK], 3, P.NORMAL],
    ['valid travel document alone', [R.HOLDS_VALID_TRAVEL_DOCUMENT], 0, P.NORMAL],
    ['outed and threatened by family', [R.OUTED, R.FAMILY_OR_COMMUNITY_THREATS], 11, P.EMERGENCY],
    ['outed and in hiding', [R.OUTED, R.IN_HIDING], 10, P.EMERGENCY],
    ['family threats and in hiding', [R.FAMILY_OR_COMMUNITY_THREATS, R.IN_HIDING], 11, P.EMERGENCY],
    ['minor threatened by family', [R.MINOR, R.FAMILY_OR_COMMUNITY_THREATS], 10, P.EMERGENCY],
    ['outed and visibly trans', [R.OUTED, R.VISIBLY_GENDER_NONCONFORMING_OR_TRANS], 8, P.URGENT],
    ['in hiding with an urgent health need', [R.IN_HIDING, R.URGENT_HEALTH_NEED], 9, P.URGENT],
    ['visibly trans with dependants', [R.VISIBLY_GENDER_NONCONFORMING_OR_TRANS, R.DEPENDANTS_AT_RISK], 6, P.URGENT],
    ['outed, visibly trans, dependants at risk', [R.OUTED, R.VISIBLY_GENDER_NONCONFORMING_OR_TRANS, R.DEPENDANTS_AT_RISK], 11, P.EMERGENCY],
    ['passport lowers nothing', [R.OUTED, R.IN_HIDING, R.HOLDS_VALID_TRAVEL_DOCUMENT], 10, P.EMERGENCY],
  ])('%s', (_name, factors, score, priority) => {
    const result = scoreTriage(factors);
    expect(result.score).toBe(score);
    expect(result.suggestedPriority).toBe(priority);
  });

  it('sits on the documented thresholds', () => {
    expect([EMERGENCY_THRESHOLD, URGENT_THRESHOLD]).toEqual([10, 4]);
  });

  it('explains the score: one contribution per factor, heaviest first, summing to the score', () => {
    const result = scoreTriage([R.MINOR, R.HOLDS_VALID_TRAVEL_DOCUMENT, R.NAMED_BY_DETAINEE, R.OUTED]);
    expect(result.contributions.map((c) => [c.factor, c.weight])).toEqual([
      [R.NAMED_BY_DETAINEE, 10],
      [R.OUTED, 5],
      [R.MINOR, 4],
      [R.HOLDS_VALID_TRAVEL_DOCUMENT, 0],
    ]);
    for (const contribution of result.contributions) expect(contribution.rationale).toBe(RISK_FACTOR_WEIGHTS[contribution.factor].rationale);
  });

  it('counts a duplicated factor once', () => {
    expect(scoreTriage([R.OUTED, R.OUTED, R.OUTED])).toMatchObject({ score: 5, suggestedPriority: P.URGENT, contributions: [{ factor: R.OUTED }] });
  });

  it('refuses an unknown factor instead of under-scoring, without echoing it', () => {
    const error = thrown(() => scoreTriage([R.OUTED, 'KNOWN_TO_NEIGHBOUR_ALIYEV' as RiskFactor]));
    expect(error.code).toBe('triage-unknown-risk-factor');
    expect(error.kind).toBe(FailureKind.InvalidInput);
    expect(JSON.stringify({ detail: error.detail, extensions: error.extensions })).not.toContain('ALIYEV');
  });

  it('has a weight and a rationale for every factor', () => {
    for (const factor of ALL_FACTORS) {
      expect(Number.isInteger(RISK_FACTOR_WEIGHTS[factor].weight)).toBe(true);
      expect(RISK_FACTOR_WEIGHTS[factor].rationale.length).toBeGreaterThan(10);
    }
  });

  it('is monotonic: adding a factor never lowers the priority', () => {
    const rank = { [P.NORMAL]: 0, [P.URGENT]: 1, [P.EMERGENCY]: 2 };
    fc.assert(
      fc.property(fc.subarray(ALL_FACTORS), fc.constantFrom(...ALL_FACTORS), (factors, extra) => {
        const before = scoreTriage(factors);
        const after = scoreTriage([...factors, extra]);
        expect(after.score).toBeGreaterThanOrEqual(before.score);
        expect(rank[after.suggestedPriority]).toBeGreaterThanOrEqual(rank[before.suggestedPriority]);
      }),
    );
  });

  it('does not depend on the order of the factors', () => {
    fc.assert(
      fc.property(fc.shuffledSubarray(ALL_FACTORS), (factors) => {
        expect(scoreTriage(factors)).toEqual(scoreTriage([...factors].reverse()));
      }),
    );
  });

  it('makes every acute state threat an emergency whatever else is true', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(R.DETAINED_OR_RECENTLY_RELEASED, R.POLICE_SUMMONS_OR_SEARCH, R.NAMED_BY_DETAINEE),
        fc.subarray(ALL_FACTORS),
        (acute, others) => {
          expect(scoreTriage([acute, ...others]).suggestedPriority).toBe(P.EMERGENCY);
        },
      ),
    );
  });
});

describe('resolvePriority', () => {
  it('keeps the suggestion without an override', () => {
    expect(resolvePriority(P.URGENT)).toEqual({ priority: P.URGENT, suggested: P.URGENT, overridden: false, reason: null });
    expect(resolvePriority(P.URGENT, null)).toMatchObject({ priority: P.URGENT, overridden: false });
  });

  it('applies an override with its trimmed reason', () => {
    expect(resolvePriority(P.NORMAL, { priority: P.EMERGENCY, reason: '  Partner reports a checkpoint photo circulating  ' })).toEqual({
      priority: P.EMERGENCY,
      suggested: P.NORMAL,
      overridden: true,
      reason: 'Partner reports a checkpoint photo circulating',
    });
  });

  it.each(['', '   ', '\n\t'])('refuses an override with the reason %p', (reason) => {
    const error = thrown(() => resolvePriority(P.EMERGENCY, { priority: P.NORMAL, reason }));
    expect(error.code).toBe('triage-override-reason-required');
    expect(error.kind).toBe(FailureKind.InvalidInput);
  });

  it('does not treat choosing the suggested priority as an override', () => {
    expect(resolvePriority(P.URGENT, { priority: P.URGENT, reason: '' })).toMatchObject({ priority: P.URGENT, overridden: false, reason: null });
  });

  it('refuses a priority that does not exist', () => {
    expect(thrown(() => resolvePriority(P.URGENT, { priority: 'LOW' as CasePriority, reason: 'because' })).code).toBe('triage-priority-unknown');
  });
});

describe('triage SLA', () => {
  const intake = new Date('2017-04-01T22:30:00Z');
  const plusHours = (hours: number) => new Date(intake.getTime() + hours * 3_600_000);

  it.each([
    [P.EMERGENCY, 24, '2017-04-02T22:30:00.000Z'],
    [P.URGENT, 72, '2017-04-04T22:30:00.000Z'],
    [P.NORMAL, 336, '2017-04-15T22:30:00.000Z'],
  ])('%s: %i hours from intake by default', (priority, hours, deadline) => {
    expect(TRIAGE_SLA_HOURS[priority]).toBe(hours);
    expect(triageDeadline(intake, priority).toISOString()).toBe(deadline);
  });

  it('lets an activation shorten the SLA, per priority', () => {
    const overrides = { [P.EMERGENCY]: 6, [P.NORMAL]: 72 };
    expect(triageDeadline(intake, P.EMERGENCY, overrides)).toEqual(plusHours(6));
    expect(triageDeadline(intake, P.URGENT, overrides)).toEqual(plusHours(72));
    expect(triageDeadline(intake, P.NORMAL, overrides)).toEqual(plusHours(72));
    expect(triageSlaHours(P.EMERGENCY, { [P.EMERGENCY]: 0.5 })).toBe(0.5);
  });

  it('never lets an override lengthen the SLA', () => {
    expect(triageDeadline(intake, P.EMERGENCY, { [P.EMERGENCY]: 48 })).toEqual(plusHours(24));
  });

  it.each([0, -4, Number.NaN, Number.POSITIVE_INFINITY])('refuses the override %p', (hours) => {
    const error = thrown(() => triageDeadline(intake, P.URGENT, { [P.URGENT]: hours }));
    expect(error.code).toBe('triage-sla-override-invalid');
    expect(error.extensions).toEqual({ priority: P.URGENT });
  });

  it('counts elapsed hours, so a daylight-saving change does not move the deadline', () => {
    // Europe switched to summer time on 2017-03-26; the deadline is still exactly 24 h of real time later.
    const beforeSwitch = new Date('2017-03-25T12:00:00Z');
    expect(triageDeadline(beforeSwitch, P.EMERGENCY).getTime() - beforeSwitch.getTime()).toBe(24 * 3_600_000);
  });

  it('refuses an invalid intake date', () => {
    expect(() => triageDeadline(new Date('yesterday-ish'), P.URGENT)).toThrow(RangeError);
  });
});
