import fc from 'fast-check';
import { DomainException, FailureKind } from '@common/errors/domain.exception';
import { CaseStage, ClosureReason } from '@modules/cases/domain/case-stage';
import {
  GUARD_CODES,
  GUARD_DESCRIPTIONS,
  OPEN_STAGES,
  STAGE_EDGES,
  StageTransitionRefusedException,
  allowedTargets,
  assertTransition,
  decideTransition,
  transitionOptions,
  type GuardCode,
  type ResettlementApplicationStatus,
  type TransitionFacts,
  type TransitionRequest,
} from '@modules/cases/domain/stage-machine';

const S = CaseStage;
const ALL_STAGES = Object.values(CaseStage);

/** Spec 3.2, written out independently of the implementation's table. */
const SPEC_ADVANCES: ReadonlyArray<readonly [CaseStage, CaseStage]> = [
  [S.INTAKE, S.VERIFICATION],
  [S.VERIFICATION, S.TRIAGED],
  [S.TRIAGED, S.RELOCATION_PLANNED],
  [S.RELOCATION_PLANNED, S.IN_TRANSIT],
  [S.IN_TRANSIT, S.IN_SAFE_COUNTRY],
  [S.TRIAGED, S.IN_SAFE_COUNTRY],
  [S.IN_SAFE_COUNTRY, S.RESETTLEMENT_IN_PROGRESS],
  [S.RESETTLEMENT_IN_PROGRESS, S.DEPARTED],
  [S.DEPARTED, S.RESETTLED],
];
const PLAN_GUARD_CODES = ['approved-relocation-plan-required', 'four-eyes-approval-required', 'transit-country-not-allowed'];
const SPEC_OPEN = ALL_STAGES.filter((stage) => stage !== S.CLOSED);
const isAdvance = (from: CaseStage, to: CaseStage): boolean => SPEC_ADVANCES.some(([a, b]) => a === from && b === to);

/** Every fact satisfied. */
function facts(stage: CaseStage, previousStage: CaseStage | null = null): TransitionFacts {
  return {
    stage,
    previousStage,
    assignedCaseworkerCount: 1,
    verification: 'VERIFIED_BY_STAFF',
    hasTriageAssessment: true,
    relocationPlan: { status: 'APPROVED', approvedByOtherThanRequester: true, transitCountryAllowed: true },
    departureRecorded: true,
    safeCountryArrival: { country: 'GE', entryDate: new Date('2017-04-12T00:00:00Z') },
    resettlementApplications: ['DEPARTURE_ARRANGED'],
    destinationArrivalRecorded: true,
    handedOverToSettlementAgency: true,
  };
}

/** A request that satisfies every request-side guard. */
function request(to: CaseStage, overrides: Partial<TransitionRequest> = {}): TransitionRequest {
  return { to, closureReason: ClosureReason.WITHDRAWN, reopenReason: 'Contact restored through the shelter', actorIsCoordinator: true, ...overrides };
}

describe('the edge table', () => {
  it('holds exactly the transitions of spec 3.2', () => {
    const pairs = (kind: string) => STAGE_EDGES.filter((edge) => edge.kind === kind).map((edge) => [edge.from, edge.to]);
    expect(pairs('advance')).toEqual(expect.arrayContaining(SPEC_ADVANCES.map((pair) => [...pair])));
    expect(pairs('advance')).toHaveLength(SPEC_ADVANCES.length);
    expect(pairs('close')).toEqual(SPEC_OPEN.map((from) => [from, S.CLOSED]));
    expect(pairs('reopen')).toEqual(SPEC_OPEN.map((to) => [S.CLOSED, to]));
    expect(OPEN_STAGES).toEqual(SPEC_OPEN);
  });

  it('has no duplicate edges and a description for every guard', () => {
    const keys = STAGE_EDGES.map((edge) => `${edge.from}>${edge.to}`);
    expect(new Set(keys).size).toBe(keys.length);
    for (const code of GUARD_CODES) expect(GUARD_DESCRIPTIONS[code]).toMatch(/\w/);
  });

  it.each([
    [S.INTAKE, null, [S.VERIFICATION, S.CLOSED]],
    [S.TRIAGED, null, [S.RELOCATION_PLANNED, S.IN_SAFE_COUNTRY, S.CLOSED]],
    [S.RESETTLED, null, [S.CLOSED]],
    [S.CLOSED, S.IN_TRANSIT, [S.IN_TRANSIT]],
    [S.CLOSED, null, []],
  ])('allowedTargets(%s, previous %s)', (stage, previous, targets) => {
    expect(allowedTargets(stage, previous)).toEqual(targets);
  });
});

describe('decideTransition: allowed edges', () => {
  it.each(SPEC_ADVANCES.map(([from, to]) => [from, to]))('%s → %s passes with its facts', (from, to) => {
    expect(decideTransition(facts(from), request(to))).toEqual({ ok: true, from, to });
  });

  it.each(SPEC_OPEN)('%s → CLOSED passes with a reason', (from) => {
    for (const reason of Object.values(ClosureReason).filter((r) => r !== ClosureReason.RESETTLED_AND_HANDED_OVER)) {
      expect(decideTransition(facts(from), request(S.CLOSED, { closureReason: reason }))).toEqual({ ok: true, from, to: S.CLOSED });
    }
  });

  it('closes a resettled case as resettled and handed over', () => {
    expect(decideTransition(facts(S.RESETTLED), request(S.CLOSED, { closureReason: ClosureReason.RESETTLED_AND_HANDED_OVER })).ok).toBe(true);
  });

  it.each(SPEC_OPEN)('CLOSED → %s passes when it is the previous stage', (previous) => {
    expect(decideTransition(facts(S.CLOSED, previous), request(previous))).toEqual({ ok: true, from: S.CLOSED, to: previous });
  });
});

type Breaker = { facts?: Partial<TransitionFacts>; request?: Partial<TransitionRequest> };
type GuardRow = [string, CaseStage, CaseStage, Breaker, GuardCode];
const plan = (overrides: Partial<NonNullable<TransitionFacts['relocationPlan']>>): Partial<TransitionFacts> => ({
  relocationPlan: { status: 'APPROVED', approvedByOtherThanRequester: true, transitCountryAllowed: true, ...overrides },
});
const applications = (...statuses: ResettlementApplicationStatus[]): Partial<TransitionFacts> => ({ resettlementApplications: statuses });

const GUARD_ROWS: GuardRow[] = [
  ['no caseworker', S.INTAKE, S.VERIFICATION, { facts: { assignedCaseworkerCount: 0 } }, 'assigned-caseworker-required'],
  ['no verification', S.VERIFICATION, S.TRIAGED, { facts: { verification: 'NONE' } }, 'verification-required'],
  ['no triage', S.VERIFICATION, S.TRIAGED, { facts: { hasTriageAssessment: false } }, 'triage-required'],
  ['no plan', S.TRIAGED, S.RELOCATION_PLANNED, { facts: { relocationPlan: null } }, 'approved-relocation-plan-required'],
  ['plan only requested', S.TRIAGED, S.RELOCATION_PLANNED, { facts: plan({ status: 'REQUESTED' }) }, 'approved-relocation-plan-required'],
  ['plan a draft', S.TRIAGED, S.RELOCATION_PLANNED, { facts: plan({ status: 'DRAFT' }) }, 'approved-relocation-plan-required'],
  ['plan rejected', S.TRIAGED, S.RELOCATION_PLANNED, { facts: plan({ status: 'REJECTED' }) }, 'approved-relocation-plan-required'],
  ['plan withdrawn', S.TRIAGED, S.RELOCATION_PLANNED, { facts: plan({ status: 'WITHDRAWN' }) }, 'approved-relocation-plan-required'],
  ['plan approved by its requester', S.TRIAGED, S.RELOCATION_PLANNED, { facts: plan({ approvedByOtherThanRequester: false }) }, 'four-eyes-approval-required'],
  ['transit country not allowed', S.TRIAGED, S.RELOCATION_PLANNED, { facts: plan({ transitCountryAllowed: false }) }, 'transit-country-not-allowed'],
  ['no departure', S.RELOCATION_PLANNED, S.IN_TRANSIT, { facts: { departureRecorded: false } }, 'departure-required'],
  ['no arrival', S.IN_TRANSIT, S.IN_SAFE_COUNTRY, { facts: { safeCountryArrival: null } }, 'arrival-required'],
  [
    'arrival without a valid country',
    S.IN_TRANSIT,
    S.IN_SAFE_COUNTRY,
    { facts: { safeCountryArrival: { country: 'Georgia', entryDate: new Date('2017-04-12') } } },
    'arrival-required',
  ],
  [
    'arrival without a valid date',
    S.IN_TRANSIT,
    S.IN_SAFE_COUNTRY,
    { facts: { safeCountryArrival: { country: 'GE', entryDate: new Date('not a date') } } },
    'arrival-required',
  ],
  ['already outside, no arrival', S.TRIAGED, S.IN_SAFE_COUNTRY, { facts: { safeCountryArrival: null } }, 'arrival-required'],
  ['no application', S.IN_SAFE_COUNTRY, S.RESETTLEMENT_IN_PROGRESS, { facts: applications() }, 'resettlement-application-required'],
  ['only a denied application', S.IN_SAFE_COUNTRY, S.RESETTLEMENT_IN_PROGRESS, { facts: applications('DENIED') }, 'resettlement-application-required'],
  [
    'application accepted, no departure',
    S.RESETTLEMENT_IN_PROGRESS,
    S.DEPARTED,
    { facts: applications('ACCEPTED') },
    'accepted-application-and-departure-required',
  ],
  [
    'application submitted',
    S.RESETTLEMENT_IN_PROGRESS,
    S.DEPARTED,
    { facts: applications('SUBMITTED', 'DENIED') },
    'accepted-application-and-departure-required',
  ],
  ['no arrival in destination', S.DEPARTED, S.RESETTLED, { facts: { destinationArrivalRecorded: false } }, 'destination-arrival-and-handover-required'],
  ['no handover', S.DEPARTED, S.RESETTLED, { facts: { handedOverToSettlementAgency: false } }, 'destination-arrival-and-handover-required'],
  ['no closure reason', S.IN_TRANSIT, S.CLOSED, { request: { closureReason: undefined } }, 'closure-reason-required'],
  ['unknown closure reason', S.INTAKE, S.CLOSED, { request: { closureReason: 'BORED' as ClosureReason } }, 'closure-reason-required'],
  [
    'resettled reason before resettlement',
    S.DEPARTED,
    S.CLOSED,
    { request: { closureReason: ClosureReason.RESETTLED_AND_HANDED_OVER } },
    'closure-reason-not-applicable',
  ],
  ['reopen by a caseworker', S.CLOSED, S.TRIAGED, { request: { actorIsCoordinator: false } }, 'reopen-by-coordinator-only'],
  ['reopen without a reason', S.CLOSED, S.TRIAGED, { request: { reopenReason: undefined } }, 'reopen-reason-required'],
  ['reopen with a blank reason', S.CLOSED, S.TRIAGED, { request: { reopenReason: ' \n\t ' } }, 'reopen-reason-required'],
];

describe('decideTransition: guards', () => {
  it.each(GUARD_ROWS)('%s (%s → %s) is refused', (_name, from, to, breaker, guard) => {
    const previous = from === S.CLOSED ? to : null;
    const decision = decideTransition({ ...facts(from, previous), ...breaker.facts }, request(to, breaker.request));
    expect(decision).toEqual({ ok: false, from, to, guard, detail: expect.stringMatching(/\w/) });
  });

  it('covers every edge guard', () => {
    const tested = new Set(GUARD_ROWS.map((row) => row[4]));
    expect(GUARD_CODES.filter((code) => code !== 'transition-not-allowed' && !tested.has(code))).toEqual([]);
  });

  it('reports the first failing guard of an edge, in table order', () => {
    const decision = decideTransition({ ...facts(S.VERIFICATION), verification: 'NONE', hasTriageAssessment: false }, request(S.TRIAGED));
    expect(decision.ok || decision.guard).toBe('verification-required');
  });

  it('fails closed on a verification outcome it does not know', () => {
    const decision = decideTransition({ ...facts(S.VERIFICATION), verification: 'VERIFIED_BY_NEIGHBOUR' as 'NONE' }, request(S.TRIAGED));
    expect(decision.ok || decision.guard).toBe('verification-required');
  });

  it('checks only the guards of the requested edge', () => {
    const nothing: TransitionFacts = {
      ...facts(S.TRIAGED),
      assignedCaseworkerCount: 0,
      verification: 'NONE',
      hasTriageAssessment: false,
      relocationPlan: null,
      departureRecorded: false,
    };
    expect(decideTransition(nothing, request(S.IN_SAFE_COUNTRY)).ok).toBe(true);
  });
});

describe('decideTransition: forbidden pairs', () => {
  const forbidden = ALL_STAGES.flatMap((from) =>
    ALL_STAGES.filter((to) => from !== S.CLOSED && to !== S.CLOSED && !isAdvance(from, to)).map((to) => [from, to] as const),
  );

  it.each(forbidden)('%s → %s is not allowed even with every fact satisfied', (from, to) => {
    expect(decideTransition(facts(from), request(to))).toMatchObject({ ok: false, guard: 'transition-not-allowed' });
  });

  it('refuses every same-stage transition', () => {
    for (const stage of ALL_STAGES) {
      expect(decideTransition(facts(stage, S.TRIAGED), request(stage))).toMatchObject({ ok: false, guard: 'transition-not-allowed' });
    }
  });

  it('refuses a stage that does not exist', () => {
    expect(decideTransition(facts(S.INTAKE), request('ARRESTED' as CaseStage))).toMatchObject({
      ok: false,
      guard: 'transition-not-allowed',
      detail: 'The requested stage does not exist.',
    });
  });
});

describe('reopening', () => {
  it.each(SPEC_OPEN)('a case closed from %s reopens to no other stage', (previous) => {
    for (const to of SPEC_OPEN.filter((stage) => stage !== previous)) {
      expect(decideTransition(facts(S.CLOSED, previous), request(to))).toMatchObject({ ok: false, guard: 'transition-not-allowed' });
    }
  });

  it('refuses to reopen a closed case without a recorded previous stage', () => {
    for (const to of SPEC_OPEN) expect(decideTransition(facts(S.CLOSED, null), request(to))).toMatchObject({ ok: false, guard: 'transition-not-allowed' });
  });

  it('reports the wrong target before the missing coordinator role', () => {
    const decision = decideTransition(facts(S.CLOSED, S.TRIAGED), request(S.INTAKE, { actorIsCoordinator: false }));
    expect(decision.ok || decision.guard).toBe('transition-not-allowed');
  });

  it('does not re-check the journey guards of the stage it returns to', () => {
    const bare: TransitionFacts = { ...facts(S.CLOSED, S.IN_SAFE_COUNTRY), safeCountryArrival: null, relocationPlan: null, departureRecorded: false };
    expect(decideTransition(bare, request(S.IN_SAFE_COUNTRY)).ok).toBe(true);
  });

  it('never echoes the free-text reason', () => {
    const reason = 'Called Elvin on +994501234567';
    const decision = decideTransition(facts(S.CLOSED, S.TRIAGED), request(S.TRIAGED, { actorIsCoordinator: false, reopenReason: reason }));
    expect(JSON.stringify(decision)).not.toContain('Elvin');
  });
});

describe('StageTransitionRefusedException', () => {
  it('is a 409 domain exception naming the guard', () => {
    const facts_ = { ...facts(S.TRIAGED), relocationPlan: null, safeCountryArrival: { country: 'GE', entryDate: new Date('2017-04-12') } };
    let thrown: unknown;
    try {
      assertTransition(facts_, request(S.RELOCATION_PLANNED));
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(StageTransitionRefusedException);
    expect(thrown).toBeInstanceOf(DomainException);
    const exception = thrown as StageTransitionRefusedException;
    expect(exception.code).toBe('stage-transition-refused');
    expect(exception.kind).toBe(FailureKind.Conflict);
    expect(exception.extensions).toEqual({ guard: 'approved-relocation-plan-required', from: S.TRIAGED, to: S.RELOCATION_PLANNED });
    expect(exception.detail).toBe('The case cannot move from TRIAGED to RELOCATION_PLANNED: There is no relocation plan.');
    // One sentence: the specific reason, not the guard's general description as well.
    expect(exception.detail).not.toContain(GUARD_DESCRIPTIONS['approved-relocation-plan-required']);
    expect(exception.name).toBe('StageTransitionRefusedException');
  });

  it('can be built without a specific reason', () => {
    const exception = new StageTransitionRefusedException(S.INTAKE, S.RESETTLED, 'transition-not-allowed');
    expect(exception.detail).toBe(`The case cannot move from INTAKE to RESETTLED: ${GUARD_DESCRIPTIONS['transition-not-allowed']}.`);
  });

  it('assertTransition returns the edge when allowed', () => {
    expect(assertTransition(facts(S.INTAKE), request(S.VERIFICATION))).toEqual({ from: S.INTAKE, to: S.VERIFICATION });
  });
});

describe('transitionOptions', () => {
  const none = (stage: CaseStage, previousStage: CaseStage | null = null): TransitionFacts => ({
    ...facts(stage, previousStage),
    assignedCaseworkerCount: 0,
    verification: 'NONE',
    hasTriageAssessment: false,
    relocationPlan: null,
    departureRecorded: false,
    safeCountryArrival: null,
    resettlementApplications: [],
    destinationArrivalRecorded: false,
    handedOverToSettlementAgency: false,
  });

  it('lists every move from the stage with ALL its unmet guards, from the same guard table', () => {
    const options = transitionOptions(none(S.VERIFICATION), { actorIsCoordinator: false });
    expect(options.map((option) => option.to)).toEqual(allowedTargets(S.VERIFICATION));
    const triaged = options.find((option) => option.to === S.TRIAGED)!;
    expect(triaged).toMatchObject({ kind: 'advance', allowed: false, requires: [] });
    expect(triaged.unmet.map((u) => u.guard)).toEqual(['verification-required', 'triage-required']);
    expect(triaged.unmet[0]).toEqual({
      guard: 'verification-required',
      description: GUARD_DESCRIPTIONS['verification-required'],
      detail: 'Record the verification outcome first.',
    });
    // Closing depends only on the request's reason: allowed, and says what to send.
    expect(options.find((option) => option.to === S.CLOSED)).toEqual({ to: S.CLOSED, kind: 'close', allowed: true, unmet: [], requires: ['closureReason'] });
  });

  it('offers TRIAGED both ways on (plan, or straight to the safe country) and marks what holds', () => {
    const withArrival = { ...none(S.TRIAGED), safeCountryArrival: { country: 'GE', entryDate: new Date('2026-11-21') } };
    const options = transitionOptions(withArrival, { actorIsCoordinator: false });
    expect(options.find((option) => option.to === S.IN_SAFE_COUNTRY)).toMatchObject({ allowed: true, unmet: [] });
    expect(options.find((option) => option.to === S.RELOCATION_PLANNED)!.unmet.map((u) => u.guard)).toEqual(PLAN_GUARD_CODES);
  });

  it('agrees with decideTransition: allowed exactly when the request (with its fields) would pass', () => {
    fc.assert(
      fc.property(fc.constantFrom(...ALL_STAGES), fc.boolean(), fc.boolean(), fc.boolean(), fc.boolean(), (stage, assigned, verified, triaged, coordinator) => {
        const f: TransitionFacts = {
          ...none(stage, stage === S.CLOSED ? S.TRIAGED : null),
          assignedCaseworkerCount: assigned ? 1 : 0,
          verification: verified ? 'VERIFIED_BY_STAFF' : 'NONE',
          hasTriageAssessment: triaged,
        };
        for (const option of transitionOptions(f, { actorIsCoordinator: coordinator })) {
          const decision = decideTransition(f, {
            to: option.to,
            actorIsCoordinator: coordinator,
            closureReason: ClosureReason.WITHDRAWN,
            reopenReason: 'back',
          });
          expect(decision.ok).toBe(option.allowed);
          if (!decision.ok) expect(option.unmet[0]!.guard).toBe(decision.guard);
        }
      }),
    );
  });
});

describe('property: random request sequences stay on the machine', () => {
  const statuses: ResettlementApplicationStatus[] = ['PREPARING', 'SUBMITTED', 'INTERVIEW', 'ACCEPTED', 'DENIED', 'DEFERRED', 'DEPARTURE_ARRANGED'];

  /** Case-independent facts: each randomly satisfied or not. Stage and previous stage come from the model. */
  const randomFacts = fc.record({
    assignedCaseworkerCount: fc.nat({ max: 3 }),
    verification: fc.constantFrom('NONE' as const, 'VERIFIED_BY_STAFF' as const, 'VERIFIED_BY_PARTNER' as const),
    hasTriageAssessment: fc.boolean(),
    relocationPlan: fc.option(
      fc.record({
        status: fc.constantFrom('DRAFT' as const, 'REQUESTED' as const, 'APPROVED' as const, 'REJECTED' as const, 'WITHDRAWN' as const),
        approvedByOtherThanRequester: fc.boolean(),
        transitCountryAllowed: fc.boolean(),
      }),
    ),
    departureRecorded: fc.boolean(),
    safeCountryArrival: fc.option(fc.constantFrom({ country: 'GE', entryDate: new Date('2017-04-12') }, { country: 'tr', entryDate: new Date('2017-05-01') })),
    resettlementApplications: fc.array(fc.constantFrom(...statuses), { maxLength: 3 }),
    destinationArrivalRecorded: fc.boolean(),
    handedOverToSettlementAgency: fc.boolean(),
  });
  /** Satisfied facts with one or two broken, so each guard is hit often, not by luck. */
  const breakers: Array<Partial<TransitionFacts>> = [
    { assignedCaseworkerCount: 0 },
    { verification: 'NONE' },
    { hasTriageAssessment: false },
    { relocationPlan: null },
    plan({ status: 'REQUESTED' }),
    plan({ approvedByOtherThanRequester: false }),
    plan({ transitCountryAllowed: false }),
    { departureRecorded: false },
    { safeCountryArrival: null },
    applications(),
    applications('DENIED'),
    applications('ACCEPTED'),
    { destinationArrivalRecorded: false },
    { handedOverToSettlementAgency: false },
  ];
  const brokenFacts = fc.subarray(breakers, { minLength: 1, maxLength: 2 }).map((broken): TransitionFacts => Object.assign(facts(S.INTAKE), ...broken));
  const anyFacts = fc.oneof(
    { arbitrary: fc.constant(facts(S.INTAKE)), weight: 2 },
    { arbitrary: brokenFacts, weight: 3 },
    { arbitrary: randomFacts, weight: 1 },
  );

  /**
   * The target: a random stage; or, so sequences get deep, a step forward (or back, from CLOSED) the
   * spec allows from wherever the case is by then; or closing, which reopening undoes.
   */
  const target = fc.oneof(
    { arbitrary: fc.constantFrom(...ALL_STAGES).map((stage) => ({ stage })), weight: 1 },
    { arbitrary: fc.nat().map((pick) => ({ pick })), weight: 4 },
    { arbitrary: fc.constant({ stage: S.CLOSED }), weight: 1 },
  );
  const step = fc.record({
    facts: anyFacts,
    target,
    closureReason: fc.option(fc.constantFrom(...Object.values(ClosureReason)), { nil: undefined }),
    reopenReason: fc.option(fc.constantFrom('', '  ', 'Person resurfaced in Tbilisi', 'Closed by mistake', 'Duplicate was the other file'), { nil: undefined }),
    // Mostly coordinators, so closed cases do not soak up the walk.
    actorIsCoordinator: fc.integer({ min: 0, max: 3 }).map((n) => n > 0),
  });

  type Model = { stage: CaseStage; previousStage: CaseStage | null };

  /** A new case, or one already somewhere on its way (closed ones with where they were closed from). */
  const start: fc.Arbitrary<Model> = fc.oneof(
    fc.constant({ stage: S.INTAKE, previousStage: null }),
    fc.constantFrom(...SPEC_OPEN).map((stage) => ({ stage, previousStage: null })),
    fc.constantFrom(...SPEC_OPEN).map((previousStage) => ({ stage: S.CLOSED, previousStage })),
  );

  /** The spec's targets from a stage, independently of the implementation. */
  function specTargets(model: Model): CaseStage[] {
    if (model.stage === S.CLOSED) return model.previousStage ? [model.previousStage] : [];
    return [...SPEC_ADVANCES.filter(([from]) => from === model.stage).map(([, to]) => to), S.CLOSED];
  }
  const forwardOrReopen = (model: Model): CaseStage[] => {
    const targets = specTargets(model);
    return targets.length > 1 ? targets.filter((stage) => stage !== S.CLOSED) : targets;
  };

  /** Spec 3.2 as an oracle: should this request pass? */
  function specAllows(model: Model, f: TransitionFacts, r: TransitionRequest): boolean {
    const { stage } = model;
    if (r.to === stage) return false;
    if (stage === S.CLOSED) return r.to === model.previousStage && r.actorIsCoordinator && (r.reopenReason ?? '').trim().length > 0;
    if (r.to === S.CLOSED) return r.closureReason !== undefined && (r.closureReason !== ClosureReason.RESETTLED_AND_HANDED_OVER || stage === S.RESETTLED);
    const arrived = f.safeCountryArrival !== null && /^[A-Z]{2}$/.test(f.safeCountryArrival.country);
    switch (`${stage}>${r.to}`) {
      case 'INTAKE>VERIFICATION':
        return f.assignedCaseworkerCount > 0;
      case 'VERIFICATION>TRIAGED':
        return f.verification !== 'NONE' && f.hasTriageAssessment;
      case 'TRIAGED>RELOCATION_PLANNED':
        return f.relocationPlan?.status === 'APPROVED' && f.relocationPlan.approvedByOtherThanRequester && f.relocationPlan.transitCountryAllowed;
      case 'RELOCATION_PLANNED>IN_TRANSIT':
        return f.departureRecorded;
      case 'IN_TRANSIT>IN_SAFE_COUNTRY':
      case 'TRIAGED>IN_SAFE_COUNTRY':
        return arrived;
      case 'IN_SAFE_COUNTRY>RESETTLEMENT_IN_PROGRESS':
        return f.resettlementApplications.some((s) => s !== 'DENIED');
      case 'RESETTLEMENT_IN_PROGRESS>DEPARTED':
        return f.resettlementApplications.includes('DEPARTURE_ARRANGED');
      case 'DEPARTED>RESETTLED':
        return f.destinationArrivalRecorded && f.handedOverToSettlementAgency;
      default:
        return false;
    }
  }

  it('accepts exactly the spec edges whose guards hold, and moves only when accepted', () => {
    const reached = new Set<CaseStage>([S.INTAKE]);
    const refusedWith = new Set<GuardCode>();
    fc.assert(
      fc.property(start, fc.array(step, { minLength: 5, maxLength: 20 }), (initial, steps) => {
        let model: Model = initial;
        for (const s of steps) {
          const targets = specTargets(model);
          const picks = forwardOrReopen(model);
          const to = 'stage' in s.target ? s.target.stage : (picks[s.target.pick % Math.max(picks.length, 1)] ?? S.INTAKE);
          const f: TransitionFacts = { ...s.facts, stage: model.stage, previousStage: model.previousStage };
          const r: TransitionRequest = { to, closureReason: s.closureReason, reopenReason: s.reopenReason, actorIsCoordinator: s.actorIsCoordinator };
          const decision = decideTransition(f, r);

          expect(decision.from).toBe(model.stage);
          expect(decision.to).toBe(to);
          expect(decision.ok).toBe(specAllows(model, f, r));
          if (!decision.ok) {
            expect(GUARD_CODES).toContain(decision.guard);
            refusedWith.add(decision.guard);
            continue; // refused: the case stays where it is
          }
          expect(targets).toContain(to);
          expect(allowedTargets(model.stage, model.previousStage)).toContain(to);
          model = to === S.CLOSED ? { stage: S.CLOSED, previousStage: model.stage } : { stage: to, previousStage: null };
          reached.add(model.stage);
        }
      }),
      { numRuns: 1000 },
    );
    // The property means little unless the walk went everywhere and hit every guard.
    expect([...reached].sort()).toEqual([...ALL_STAGES].sort());
    expect([...refusedWith].sort()).toEqual([...GUARD_CODES].sort());
  });
});
