import { StaffRole } from '@common/access/roles';
import { newCase } from '@test/support/builders/cases';
import { bearer, longLivedStaff, type StaffFixture } from '@test/support/builders/staff';
import { FakeClock } from '@test/support/fake-clock';
import { LogCapture } from '@test/support/log-capture';
import { TestContext, type TestApp } from '@test/support/test-context';

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

interface Option {
  to: string;
  kind: string;
  allowed: boolean;
  unmet: Array<{ guard: string; description: string; detail: string }>;
  requires: string[];
}

describe('case detail a client can drive', () => {
  let ctx: TestContext;
  let app: TestApp;
  const clock = new FakeClock(new Date('2026-12-01T09:00:00.000Z'));
  const logs = new LogCapture();
  let caseworker: StaffFixture;
  let other: StaffFixture;
  let coordinator: StaffFixture;

  beforeAll(async () => {
    ctx = await TestContext.create();
    app = await ctx.startApp({ clock, logs, env: { PUBLIC_BASE_URL: 'https://corridor.example.org/' } });
    caseworker = await longLivedStaff(app, clock, [StaffRole.Caseworker]);
    other = await longLivedStaff(app, clock, [StaffRole.Caseworker]);
    coordinator = await longLivedStaff(app, clock, [StaffRole.Coordinator]);
  });
  afterAll(() => ctx.close());

  const call = (method: 'GET' | 'POST' | 'PUT', url: string, who: StaffFixture, payload?: object) =>
    app.http!.inject({ method, url, headers: bearer(who.token), ...(payload ? { payload } : {}) });
  const options = async (reference: string, who = caseworker): Promise<Option[]> => {
    const response = await call('GET', `/api/v1/cases/${reference}`, who);
    expect(response.statusCode).toBe(200);
    return response.json().transitions;
  };
  const option = (all: Option[], to: string): Option => all.find((candidate) => candidate.to === to)!;
  const move = (reference: string, to: string, extra: object = {}) => call('POST', `/api/v1/cases/${reference}/transitions`, caseworker, { to, ...extra });

  it('reads with the moves open from the stage, each with every unmet guard (code and words)', async () => {
    const { reference } = await newCase(app, caseworker.token);
    expect(await options(reference)).toEqual([
      { to: 'VERIFICATION', kind: 'advance', allowed: true, unmet: [], requires: [] },
      { to: 'CLOSED', kind: 'close', allowed: true, unmet: [], requires: ['closureReason'] },
    ]);
    // A case no caseworker holds: the coordinator is told what VERIFICATION waits for.
    const { reference: unassigned } = await newCase(app, coordinator.token);
    expect(option(await options(unassigned, coordinator), 'VERIFICATION')).toMatchObject({
      allowed: false,
      unmet: [{ guard: 'assigned-caseworker-required', description: 'a caseworker must be assigned to the case', detail: 'Assign a caseworker first.' }],
    });

    expect((await move(reference, 'VERIFICATION')).statusCode).toBe(200);
    expect(option(await options(reference), 'TRIAGED').unmet.map((unmet) => unmet.guard)).toEqual(['verification-required', 'triage-required']);
  });

  it('answers a refused move with 409 listing what is unmet and what is allowed, in one sentence', async () => {
    const { reference } = await newCase(app, caseworker.token);
    expect((await move(reference, 'VERIFICATION')).statusCode).toBe(200);
    const refused = await move(reference, 'TRIAGED');
    expect(refused.statusCode).toBe(409);
    const problem = refused.json();
    expect(problem).toMatchObject({
      type: 'urn:corridor:problem:stage-transition-refused',
      from: 'VERIFICATION',
      to: 'TRIAGED',
      guard: 'verification-required',
      allowedTransitions: ['CLOSED'],
    });
    expect(problem.unmet.map((unmet: { guard: string }) => unmet.guard)).toEqual(['verification-required', 'triage-required']);
    expect(problem.transitions).toEqual(await options(reference));
    expect(problem.detail).toBe('The case cannot move from VERIFICATION to TRIAGED: Record the verification outcome first.');

    const offMachine = (await move(reference, 'RESETTLED')).json();
    expect(offMachine).toMatchObject({ guard: 'transition-not-allowed', unmet: [{ guard: 'transition-not-allowed' }], allowedTransitions: ['CLOSED'] });
    const noReason = (await move(reference, 'CLOSED')).json();
    expect(noReason).toMatchObject({ guard: 'closure-reason-required', unmet: [{ guard: 'closure-reason-required' }] });
  });

  it('moves TRIAGED straight to IN_SAFE_COUNTRY once the arrival (country, entry date) is recorded as a stay', async () => {
    const { reference } = await newCase(app, caseworker.token);
    expect((await move(reference, 'VERIFICATION')).statusCode).toBe(200);
    expect((await call('PUT', `/api/v1/cases/${reference}/verification`, caseworker, { outcome: 'VERIFIED_BY_STAFF' })).statusCode).toBe(200);
    expect((await call('POST', `/api/v1/cases/${reference}/triage`, caseworker, { factors: ['OUTED'] })).statusCode).toBe(200);
    expect((await move(reference, 'TRIAGED')).statusCode).toBe(200);
    const before = await options(reference);
    expect(before.map((candidate) => candidate.to)).toEqual(['RELOCATION_PLANNED', 'IN_SAFE_COUNTRY', 'CLOSED']);
    expect(option(before, 'IN_SAFE_COUNTRY')).toMatchObject({ allowed: false, unmet: [{ guard: 'arrival-required' }] });
    expect((await call('POST', `/api/v1/cases/${reference}/stays`, caseworker, { hostCountry: 'GE', entryDate: '2026-11-28' })).statusCode).toBe(201);
    expect(option(await options(reference), 'IN_SAFE_COUNTRY')).toMatchObject({ allowed: true, unmet: [] });
    expect((await move(reference, 'IN_SAFE_COUNTRY')).statusCode).toBe(200);
    const after = await options(reference);
    expect(option(after, 'RESETTLEMENT_IN_PROGRESS')).toMatchObject({ allowed: false, unmet: [{ guard: 'resettlement-application-required' }] });
  });

  it('lists check-ins per case (time, channel, who) and shows them in the history; a duress PIN looks like any other', async () => {
    const { reference } = await newCase(app, caseworker.token);
    clock.advance(60_000);
    expect((await call('POST', `/api/v1/cases/${reference}/check-ins`, caseworker, { channel: 'CALL', note: 'Sounded calm today' })).statusCode).toBe(201);
    expect((await call('PUT', `/api/v1/cases/${reference}/checkin-pins`, caseworker, { safetyPin: '48213', duressPin: '90675' })).statusCode).toBe(204);
    for (const pin of ['48213', '90675']) {
      clock.advance(60_000);
      const link = (await call('POST', `/api/v1/cases/${reference}/checkin-links`, caseworker, {})).json();
      // The link is answered whole, under PUBLIC_BASE_URL: ready to hand to the person.
      expect(link.url).toBe(`https://corridor.example.org${link.path}`);
      expect(link.path).toMatch(/^\/c\/[A-Za-z0-9_-]{43}$/);
      const answered = await app.http!.inject({
        method: 'POST',
        url: link.path,
        headers: FORM,
        payload: `pin=${pin}`,
        remoteAddress: `10.1.0.${pin.length}${pin[0]}`,
      });
      expect(answered.statusCode).toBe(200);
    }
    const listed = await call('GET', `/api/v1/cases/${reference}/check-ins`, caseworker);
    expect(listed.statusCode).toBe(200);
    const items = listed.json().items as Array<Record<string, unknown>>;
    expect(items).toHaveLength(3);
    const [duress, safety, staff] = items;
    expect(staff).toEqual({ id: expect.any(String), occurredAt: expect.any(String), channel: 'CALL', source: 'STAFF', recordedBy: caseworker.id });
    expect(listed.body).not.toContain('Sounded calm');
    // The two link check-ins differ only in id and time: nothing says which PIN was used.
    const strip = ({ id: _id, occurredAt: _at, ...rest }: Record<string, unknown>) => rest;
    expect(strip(duress!)).toEqual(strip(safety!));
    expect(strip(safety!)).toEqual({ channel: 'MESSAGE', source: 'LINK', recordedBy: null });

    const history = (await call('GET', `/api/v1/cases/${reference}/history`, caseworker)).json().items as Array<{
      at: string;
      kind: string;
      details: object;
      actorType: string;
    }>;
    const checkins = history.filter((entry) => entry.kind === 'CHECKED_IN');
    expect(checkins.map((entry) => entry.details)).toEqual([
      { channel: 'CALL', source: 'STAFF' },
      { channel: 'MESSAGE', source: 'LINK' },
      { channel: 'MESSAGE', source: 'LINK' },
    ]);
    const { at: _first, ...safetyEntry } = checkins[1]!;
    const { at: _second, ...duressEntry } = checkins[2]!;
    expect(duressEntry).toEqual(safetyEntry);

    // Out of scope: 404, as for every case route; bad paging: 400.
    expect((await call('GET', `/api/v1/cases/${reference}/check-ins`, other)).statusCode).toBe(404);
    expect((await call('GET', `/api/v1/cases/${reference}/check-ins?limit=0`, caseworker)).statusCode).toBe(400);
  });
});
