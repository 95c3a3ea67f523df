import { StaffRole } from '@common/access/roles';
import { newCase, person } from '@test/support/builders/cases';
import { bearer, longLivedStaff, type StaffFixture } from '@test/support/builders/staff';
import { FakeClock } from '@test/support/fake-clock';
import { LogCapture } from '@test/support/log-capture';
import { TestContext, type TestApp } from '@test/support/test-context';

describe('duplicate review', () => {
  let ctx: TestContext;
  let app: TestApp;
  const clock = new FakeClock(new Date('2026-12-01T09:00:00.000Z'));
  const logs = new LogCapture();
  let caseworker: StaffFixture;
  let outsider: StaffFixture;
  let coordinator: StaffFixture;

  beforeAll(async () => {
    ctx = await TestContext.create();
    app = await ctx.startApp({ clock, logs });
    caseworker = await longLivedStaff(app, clock, [StaffRole.Caseworker]);
    outsider = await longLivedStaff(app, clock, [StaffRole.Caseworker]);
    coordinator = await longLivedStaff(app, clock, [StaffRole.Coordinator]);
  });
  afterAll(() => ctx.close());

  const call = (method: 'GET' | 'POST' | 'PUT', url: string, who: StaffFixture, payload?: object) =>
    app.http!.inject({ method, url, headers: bearer(who.token), ...(payload ? { payload } : {}) });
  const db = () => ctx.dataSource();
  const read = async (reference: string, who = caseworker) => (await call('GET', `/api/v1/cases/${reference}`, who)).json();
  const flagged = async (reference: string): Promise<boolean> =>
    (await (await db()).query(`SELECT possible_duplicate FROM cases WHERE reference = $1`, [reference]))[0].possible_duplicate;

  let birthDay = 0;
  /** One person written two ways (Latin, Cyrillic), same birth date: a strong candidate pair. */
  const pair = async (owner = caseworker, otherOwner = caseworker): Promise<[string, string]> => {
    birthDay += 1;
    // A birth year of its own per pair: across pairs the shared name is only a weak match.
    const dateOfBirth = `${1970 + birthDay}-05-02`;
    const first = await newCase(app, owner.token, {
      person: person({ givenName: 'Rashad', familyName: 'Hüseynov', patronymic: undefined, dateOfBirth }),
      contact: { channels: [] },
    });
    clock.advance(1_000);
    const second = await newCase(app, otherOwner.token, {
      person: person({ givenName: 'Рашад', familyName: 'Гусейнов', patronymic: undefined, dateOfBirth }),
      contact: { channels: [] },
    });
    expect(second.duplicateCandidates).toEqual([first.reference]);
    return [first.reference, second.reference];
  };

  it('flags both cases of a pair, and lists filter on it', async () => {
    const [older, newer] = await pair();
    expect(await flagged(older)).toBe(true);
    expect(await flagged(newer)).toBe(true);
    expect((await read(older)).duplicateCandidates).toEqual([expect.objectContaining({ reference: newer })]);
    const listed = (await call('GET', '/api/v1/cases?possibleDuplicate=true&limit=100', caseworker))
      .json()
      .items.map((item: { reference: string }) => item.reference);
    expect(listed).toEqual(expect.arrayContaining([older, newer]));
  });

  it('shows a reviewer both cases side by side (as their role allows), auditing both reads', async () => {
    const [older, newer] = await pair();
    const response = await call('GET', `/api/v1/cases/${newer}/duplicates/${older}`, caseworker);
    expect(response.statusCode).toBe(200);
    const view = response.json();
    expect(view.reasons).toContain('name+birth-date');
    expect(view.cases.map((side: { reference: string }) => side.reference)).toEqual([newer, older]);
    expect(view.cases[1].protected.identity).toMatchObject({ givenName: 'Rashad', familyName: 'Hüseynov' });
    expect(view.cases[0].fieldGroups).toEqual(['contact', 'dependants', 'documents', 'identity']);
    expect(view.cases[0].protected.sogiesc).toBeUndefined();
    const audits = await (
      await db()
    ).query(`SELECT resource_id FROM audit_events WHERE action = 'case.read' AND details->>'via' = 'duplicate-review' AND actor_id = $1`, [caseworker.id]);
    expect(audits.map((row: { resource_id: string }) => row.resource_id).sort()).toEqual([newer, older].sort());
    // A coordinator reviews too; a caseworker without both cases gets 404, audited, as for any case.
    expect((await call('GET', `/api/v1/cases/${older}/duplicates/${newer}`, coordinator)).statusCode).toBe(200);
    expect((await call('GET', `/api/v1/cases/${older}/duplicates/${newer}`, outsider)).statusCode).toBe(404);
    // Two cases that are not a pair: 404.
    const [third] = await pair();
    expect((await call('GET', `/api/v1/cases/${older}/duplicates/${third}`, caseworker)).statusCode).toBe(404);
  });

  it('refuses a reviewer who holds only one of the two cases', async () => {
    const [mine, theirs] = await pair(caseworker, outsider);
    expect((await call('GET', `/api/v1/cases/${mine}/duplicates/${theirs}`, caseworker)).statusCode).toBe(404);
    expect((await call('POST', `/api/v1/cases/${mine}/duplicates/${theirs}/decision`, caseworker, { decision: 'NOT_SAME' })).statusCode).toBe(404);
    expect(await flagged(mine)).toBe(true);
  });

  it('NOT_SAME dismisses the pair for good and clears the flags', async () => {
    const [older, newer] = await pair();
    const decided = await call('POST', `/api/v1/cases/${older}/duplicates/${newer}/decision`, caseworker, { decision: 'NOT_SAME' });
    expect(decided.statusCode).toBe(200);
    expect(decided.json()).toEqual({
      decision: 'NOT_SAME',
      closedReference: null,
      keptReference: null,
      cases: [
        { reference: older, stage: 'INTAKE', closureReason: null, possibleDuplicate: false },
        { reference: newer, stage: 'INTAKE', closureReason: null, possibleDuplicate: false },
      ],
    });
    expect((await read(older)).duplicateCandidates).toEqual([]);
    expect((await call('GET', `/api/v1/cases/${older}/duplicates/${newer}`, caseworker)).statusCode).toBe(404);
    const again = await call('POST', `/api/v1/cases/${newer}/duplicates/${older}/decision`, caseworker, { decision: 'SAME_PERSON', closeReference: newer });
    expect(again.statusCode).toBe(409);
    expect(again.json().type).toBe('urn:corridor:problem:duplicate-already-decided');
    const history = (await call('GET', `/api/v1/cases/${older}/history`, caseworker))
      .json()
      .items.filter((entry: { kind: string }) => entry.kind === 'DUPLICATE_DISMISSED');
    expect(history).toEqual([expect.objectContaining({ details: { other: newer } })]);
    const [{ n }] = await (
      await db()
    ).query(`SELECT count(*)::int AS n FROM audit_events WHERE action = 'case.duplicate_dismissed' AND resource_id = ANY($1)`, [[older, newer]]);
    expect(n).toBe(2);
  });

  it('keeps a case flagged while another of its pairs is undecided', async () => {
    const [older, newer] = await pair();
    clock.advance(1_000);
    // A third spelling of the same person pairs with both.
    const third = await newCase(app, caseworker.token, {
      person: person({ givenName: 'Rashad', familyName: 'Guseynov', patronymic: undefined, dateOfBirth: `${1970 + birthDay}-05-02` }),
      contact: { channels: [] },
    });
    expect(third.duplicateCandidates.sort()).toEqual([older, newer].sort());
    const decided = (await call('POST', `/api/v1/cases/${older}/duplicates/${newer}/decision`, caseworker, { decision: 'NOT_SAME' })).json();
    expect(decided.cases.map((side: { possibleDuplicate: boolean }) => side.possibleDuplicate)).toEqual([true, true]);
  });

  it('SAME_PERSON closes one case as DUPLICATE pointing to the other, through the stage machine; nothing merged', async () => {
    const [older, newer] = await pair();
    const before = await read(older);
    const decided = await call('POST', `/api/v1/cases/${older}/duplicates/${newer}/decision`, coordinator, { decision: 'SAME_PERSON', closeReference: newer });
    expect(decided.statusCode).toBe(200);
    expect(decided.json()).toMatchObject({
      decision: 'SAME_PERSON',
      closedReference: newer,
      keptReference: older,
      cases: [
        { reference: older, stage: 'INTAKE', possibleDuplicate: false },
        { reference: newer, stage: 'CLOSED', closureReason: 'DUPLICATE', possibleDuplicate: false },
      ],
    });
    const closed = await read(newer);
    expect(closed).toMatchObject({ stage: 'CLOSED', closure: { reason: 'DUPLICATE' }, duplicateOf: older });
    // The closed case keeps its own content; the kept case is unchanged.
    expect(closed.protected.identity).toMatchObject({ givenName: 'Рашад' });
    expect((await read(older)).protected).toEqual(before.protected);
    expect((await read(older)).duplicateOf).toBeNull();
    const ds = await db();
    const [{ id }] = await ds.query(`SELECT id FROM cases WHERE reference = $1`, [newer]);
    const outbox = await ds.query(
      `SELECT payload FROM outbox_events WHERE job_name = 'case.stage_changed' AND payload->>'caseId' = $1 AND payload->>'to' = 'CLOSED'`,
      [id],
    );
    expect(outbox).toHaveLength(1);
    const kept = (await call('GET', `/api/v1/cases/${older}/history`, caseworker))
      .json()
      .items.filter((entry: { kind: string }) => entry.kind === 'DUPLICATE_CONFIRMED');
    expect(kept).toEqual([expect.objectContaining({ actorId: coordinator.id, details: { duplicate: newer } })]);
    const [{ n }] = await ds.query(
      `SELECT count(*)::int AS n FROM audit_events WHERE action IN ('case.duplicate_confirmed', 'case.stage_changed') AND resource_id = ANY($1) AND actor_id = $2`,
      [[older, newer], coordinator.id],
    );
    expect(n).toBe(2);
  });

  it('refuses bad decisions with 4xx and changes nothing', async () => {
    const [older, newer] = await pair();
    const [{ n: before }] = await (await db()).query(`SELECT count(*)::int AS n FROM case_history`);
    for (const body of [{ decision: 'MAYBE' }, { decision: 'SAME_PERSON' }, {}, { decision: 'SAME_PERSON', closeReference: 'nonsense' }]) {
      const response = await call('POST', `/api/v1/cases/${older}/duplicates/${newer}/decision`, caseworker, body);
      expect({ body, status: response.statusCode }).toEqual({ body, status: 400 });
    }
    const notInPair = await call('POST', `/api/v1/cases/${older}/duplicates/${newer}/decision`, caseworker, {
      decision: 'SAME_PERSON',
      closeReference: 'C-ZZZZ-ZZZZ',
    });
    expect(notInPair.statusCode).toBe(400);
    expect(notInPair.json().errors).toEqual([{ pointer: '/closeReference', detail: 'must be one of the two cases under review' }]);
    expect((await call('POST', `/api/v1/cases/${older}/duplicates/${older}/decision`, caseworker, { decision: 'NOT_SAME' })).statusCode).toBe(404);
    expect(await (await db()).query(`SELECT count(*)::int AS n FROM case_history`)).toEqual([{ n: before }]);
    expect(await flagged(older)).toBe(true);
  });
});
