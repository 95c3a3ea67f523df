import { OPENAPI_FILE } from '@app/export-openapi';
import { watchContract } from '@test/support/openapi-contract';
import { JourneysConfig } from '@config/journeys.config';
import { eraseCase, newCase } from '@test/support/builders/cases';
import { type StaffFixture } from '@test/support/builders/staff';
import { FakeClock } from '@test/support/fake-clock';
import { LogCapture } from '@test/support/log-capture';
import { scanDatabaseForPlaintext } from '@test/support/plaintext-scan';
import { TestContext, type TestApp } from '@test/support/test-context';
import { callAs, DEFAULT_CAST, staffWorld, type StaffMethod } from '@test/support/staff-world';

const DAY_MS = 86_400_000;
const PLAN_NOTES = 'Cross at Lagodekhi with Nurlan driving';
const SAFE_HOUSE = 'Flat 4, Chavchavadze avenue, Vake';

describe('journeys: relocation plans, legs, stays and their stage guards', () => {
  let ctx: TestContext;
  let app: TestApp;
  /** Every staff answer in this file is checked against docs/openapi.json. */
  let contract: ReturnType<typeof watchContract>;
  const clock = new FakeClock(new Date());
  const logs = new LogCapture();
  let caseworkerA: StaffFixture;
  let caseworkerB: StaffFixture;
  let coordinatorA: StaffFixture;
  let coordinatorB: StaffFixture;
  let admin: StaffFixture;

  beforeAll(async () => {
    ({
      ctx,
      app,
      staff: { caseworkerA, caseworkerB, coordinatorA, coordinatorB, admin },
    } = await staffWorld({ clock, logs }, DEFAULT_CAST));
    contract = watchContract(app.http!, OPENAPI_FILE);
  });
  afterAll(() => ctx.close());

  const call = (method: StaffMethod, url: string, who: StaffFixture, payload?: object) => callAs(app, method, url, who, payload);
  const db = () => ctx.dataSource();
  const today = () => clock.now().toISOString().slice(0, 10);
  const plan = (overrides: Record<string, unknown> = {}) => ({
    originCountry: 'AZ',
    transitCountry: 'GE',
    destinationCountry: 'CA',
    plannedDepartureDate: today(),
    estimatedCostMinor: 45_000,
    currency: 'EUR',
    notes: PLAN_NOTES,
    ...overrides,
  });

  /** A case by caseworker A, walked to TRIAGED. */
  async function triagedCase(): Promise<{ reference: string; id: string }> {
    const { reference } = await newCase(app, caseworkerA.token);
    const move = (to: string) => call('POST', `/api/v1/cases/${reference}/transitions`, caseworkerA, { to });
    expect((await move('VERIFICATION')).statusCode).toBe(200);
    expect((await call('PUT', `/api/v1/cases/${reference}/verification`, caseworkerA, { outcome: 'VERIFIED_BY_STAFF' })).statusCode).toBe(200);
    expect((await call('POST', `/api/v1/cases/${reference}/triage`, caseworkerA, { factors: ['OUTED'] })).statusCode).toBe(200);
    expect((await move('TRIAGED')).statusCode).toBe(200);
    const [{ id }] = await (await db()).query(`SELECT id FROM cases WHERE reference = $1`, [reference]);
    return { reference, id };
  }

  const count = async (table: string, caseId: string): Promise<number> =>
    (await (await db()).query(`SELECT count(*)::int AS n FROM ${table} WHERE case_id = $1`, [caseId]))[0].n;

  it('walks TRIAGED → RELOCATION_PLANNED → IN_TRANSIT → IN_SAFE_COUNTRY, each guard refusing until its record exists', async () => {
    const { reference, id } = await triagedCase();
    const move = (to: string) => call('POST', `/api/v1/cases/${reference}/transitions`, caseworkerA, { to });

    const noPlan = await move('RELOCATION_PLANNED');
    expect(noPlan.statusCode).toBe(409);
    expect(noPlan.json()).toMatchObject({ type: 'urn:corridor:problem:stage-transition-refused', guard: 'approved-relocation-plan-required' });

    // Caseworker A requests, coordinator B approves.
    const created = await call('POST', `/api/v1/cases/${reference}/relocation-plans`, caseworkerA, plan());
    expect(created.statusCode).toBe(201);
    const planId = created.json().id as string;
    expect(created.json()).toMatchObject({
      status: 'REQUESTED',
      transitCountry: 'GE',
      estimatedCost: { amountMinor: 45_000, currency: 'EUR' },
      notes: PLAN_NOTES,
      requestedBy: caseworkerA.id,
    });
    expect((await move('RELOCATION_PLANNED')).json()).toMatchObject({ guard: 'approved-relocation-plan-required' });
    expect((await call('POST', `/api/v1/cases/${reference}/relocation-plans/${planId}/approval`, caseworkerA, { decision: 'APPROVE' })).statusCode).toBe(403);
    const approved = await call('POST', `/api/v1/cases/${reference}/relocation-plans/${planId}/approval`, coordinatorB, { decision: 'APPROVE' });
    expect(approved.statusCode).toBe(200);
    expect(approved.json()).toMatchObject({ status: 'APPROVED', decidedBy: coordinatorB.id });
    expect((await move('RELOCATION_PLANNED')).statusCode).toBe(200);

    const noDeparture = await move('IN_TRANSIT');
    expect(noDeparture.statusCode).toBe(409);
    expect(noDeparture.json().guard).toBe('departure-required');
    const leg = await call('POST', `/api/v1/cases/${reference}/legs`, caseworkerA, {
      fromCountry: 'AZ',
      toCountry: 'GE',
      mode: 'LAND',
      plannedDepartureDate: today(),
    });
    expect(leg.statusCode).toBe(201);
    const legId = leg.json().id as string;
    expect((await call('POST', `/api/v1/cases/${reference}/legs/${legId}/arrival`, caseworkerA)).json()).toMatchObject({
      type: 'urn:corridor:problem:movement-leg-status-conflict',
    });
    const departed = await call('POST', `/api/v1/cases/${reference}/legs/${legId}/departure`, caseworkerA);
    expect(departed.statusCode).toBe(200);
    expect(departed.json()).toMatchObject({ status: 'UNDERWAY', departedAt: clock.now().toISOString() });
    expect((await move('IN_TRANSIT')).statusCode).toBe(200);

    // Departed but not arrived.
    const noArrival = await move('IN_SAFE_COUNTRY');
    expect(noArrival.statusCode).toBe(409);
    expect(noArrival.json()).toMatchObject({ guard: 'arrival-required', from: 'IN_TRANSIT', to: 'IN_SAFE_COUNTRY' });
    clock.advance(6 * 3600_000);
    expect((await call('POST', `/api/v1/cases/${reference}/legs/${legId}/arrival`, caseworkerA)).json()).toMatchObject({ status: 'COMPLETED' });
    const stay = await call('POST', `/api/v1/cases/${reference}/stays`, caseworkerA, {
      hostCountry: 'GE',
      entryDate: today(),
      accommodationType: 'SAFE_HOUSE',
      accommodationLocation: SAFE_HOUSE,
    });
    expect(stay.statusCode).toBe(201);
    expect(stay.json()).toMatchObject({
      hostCountry: 'GE',
      allowedDays: 365,
      daysRemaining: 365,
      exitDate: null,
      accommodation: { type: 'SAFE_HOUSE', location: SAFE_HOUSE },
    });
    expect(stay.json().stayRuleSource).toContain('Law of Georgia');
    expect((await move('IN_SAFE_COUNTRY')).json()).toMatchObject({ stage: 'IN_SAFE_COUNTRY' });
    const ds = await db();
    expect(await ds.query(`SELECT current_country FROM cases WHERE id = $1`, [id])).toEqual([{ current_country: 'GE' }]);

    // The stay clock is derived from the clock on every read.
    clock.advance(10 * DAY_MS);
    const journey = await call('GET', `/api/v1/cases/${reference}/journey`, caseworkerA);
    expect(journey.statusCode).toBe(200);
    expect(journey.json()).toMatchObject({
      reference,
      relocationPlans: [{ id: planId, status: 'APPROVED', notes: PLAN_NOTES }],
      legs: [{ id: legId, status: 'COMPLETED' }],
      currentStay: { hostCountry: 'GE', allowedDays: 365, daysRemaining: 355, accommodation: { location: SAFE_HOUSE } },
    });
    const history = await ds.query(`SELECT kind, to_stage FROM case_history WHERE case_id = $1 ORDER BY occurred_at, id`, [id]);
    expect(history.map((h: { kind: string }) => h.kind)).toEqual(
      expect.arrayContaining([
        'RELOCATION_PLAN_REQUESTED',
        'RELOCATION_PLAN_APPROVED',
        'LEG_PLANNED',
        'DEPARTURE_RECORDED',
        'LEG_ARRIVAL_RECORDED',
        'SAFE_COUNTRY_ARRIVAL',
      ]),
    );
    expect(
      history
        .filter((h: { kind: string }) => h.kind === 'STAGE_CHANGED')
        .map((h: { to_stage: string }) => h.to_stage)
        .sort(),
    ).toEqual(
      // Sorted: the fake clock stands still between requests, so occurred_at ties.
      ['IN_SAFE_COUNTRY', 'IN_TRANSIT', 'RELOCATION_PLANNED', 'TRIAGED', 'VERIFICATION'],
    );
    const audits: Array<{ action: string; actor_id: string }> = await ds.query(`SELECT action, actor_id FROM audit_events WHERE case_id = $1`, [id]);
    expect(audits).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ action: 'case.relocation_plan_requested', actor_id: caseworkerA.id }),
        expect.objectContaining({ action: 'case.relocation_plan_approved', actor_id: coordinatorB.id }),
        expect.objectContaining({ action: 'case.departure_recorded' }),
        expect.objectContaining({ action: 'case.safe_country_arrival_recorded' }),
        expect.objectContaining({ action: 'case.journey_read' }),
      ]),
    );
    const outbox = await ds.query(`SELECT payload FROM outbox_events WHERE job_name = 'case.stage_changed' AND payload->>'caseId' = $1`, [id]);
    expect(outbox.map((row: { payload: { to: string } }) => row.payload.to)).toEqual(
      expect.arrayContaining(['RELOCATION_PLANNED', 'IN_TRANSIT', 'IN_SAFE_COUNTRY']),
    );
    expect(JSON.stringify([history, audits, outbox])).not.toContain('Lagodekhi');
  });

  it('refuses a plan decided by its own requester (four-eyes) and keeps withdrawal to the requester', async () => {
    const { reference } = await triagedCase();
    const planId = (await call('POST', `/api/v1/cases/${reference}/relocation-plans`, coordinatorA, plan())).json().id as string;
    const own = await call('POST', `/api/v1/cases/${reference}/relocation-plans/${planId}/approval`, coordinatorA, { decision: 'APPROVE' });
    expect(own.statusCode).toBe(409);
    expect(own.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(own.json()).toMatchObject({ type: 'urn:corridor:problem:four-eyes-approval-required', guard: 'four-eyes-approval-required' });
    const read = (await call('GET', `/api/v1/cases/${reference}/relocation-plans`, caseworkerA)).json();
    expect(read).toEqual([expect.objectContaining({ id: planId, status: 'REQUESTED', decidedBy: null })]);
    expect((await call('POST', `/api/v1/cases/${reference}/transitions`, caseworkerA, { to: 'RELOCATION_PLANNED' })).json().guard).toBe(
      'approved-relocation-plan-required',
    );

    const notMine = await call('POST', `/api/v1/cases/${reference}/relocation-plans/${planId}/withdrawal`, caseworkerA);
    expect(notMine.statusCode).toBe(409);
    expect(notMine.json().type).toBe('urn:corridor:problem:withdrawal-by-requester-only');
    expect((await call('POST', `/api/v1/cases/${reference}/relocation-plans/${planId}/withdrawal`, coordinatorA)).json()).toMatchObject({
      status: 'WITHDRAWN',
    });
    const late = await call('POST', `/api/v1/cases/${reference}/relocation-plans/${planId}/approval`, coordinatorB, { decision: 'APPROVE' });
    expect(late.statusCode).toBe(409);
    expect(late.json().type).toBe('urn:corridor:problem:relocation-plan-not-pending');
    // A rejected plan does not satisfy the guard either.
    const second = (await call('POST', `/api/v1/cases/${reference}/relocation-plans`, caseworkerA, plan())).json().id as string;
    expect((await call('POST', `/api/v1/cases/${reference}/relocation-plans/${second}/approval`, coordinatorB, { decision: 'REJECT' })).json()).toMatchObject({
      status: 'REJECTED',
    });
    const refused = await call('POST', `/api/v1/cases/${reference}/transitions`, caseworkerA, { to: 'RELOCATION_PLANNED' });
    expect(refused.json()).toMatchObject({ guard: 'approved-relocation-plan-required' });
    expect(refused.json().detail).toContain('REJECTED');
  });

  it('refuses a transit country outside the allowed list: at creation (422) and in the stage guard', async () => {
    const { reference, id } = await triagedCase();
    const outside = await call('POST', `/api/v1/cases/${reference}/relocation-plans`, caseworkerA, plan({ transitCountry: 'AM' }));
    expect(outside.statusCode).toBe(422);
    expect(outside.json()).toMatchObject({ type: 'urn:corridor:problem:transit-country-not-allowed', errors: [{ pointer: '/transitCountry' }] });
    expect(await count('relocation_plans', id)).toBe(0);

    const planId = (await call('POST', `/api/v1/cases/${reference}/relocation-plans`, caseworkerA, plan({ transitCountry: 'TR' }))).json().id as string;
    expect((await call('POST', `/api/v1/cases/${reference}/relocation-plans/${planId}/approval`, coordinatorB, { decision: 'APPROVE' })).statusCode).toBe(200);
    // The list narrows after approval (as an activation's list will): the guard checks today's list.
    const config = app.context.get(JourneysConfig);
    const original = config.transitCountries;
    config.transitCountries = ['GE'];
    try {
      const refused = await call('POST', `/api/v1/cases/${reference}/transitions`, caseworkerA, { to: 'RELOCATION_PLANNED' });
      expect(refused.statusCode).toBe(409);
      expect(refused.json()).toMatchObject({ guard: 'transit-country-not-allowed' });
    } finally {
      config.transitCountries = original;
    }
    expect((await call('POST', `/api/v1/cases/${reference}/transitions`, caseworkerA, { to: 'RELOCATION_PLANNED' })).statusCode).toBe(200);
  });

  it('refuses bad input with 400 naming the fields, storing nothing', async () => {
    const { reference, id } = await triagedCase();
    const badPlan = await call(
      'POST',
      `/api/v1/cases/${reference}/relocation-plans`,
      caseworkerA,
      plan({ originCountry: 'Azerbaijan', estimatedCostMinor: -5, plannedDepartureDate: '01/12/2026', smuggler: 'SECRET-NAME' }),
    );
    expect(badPlan.statusCode).toBe(400);
    const pointers = [...new Set((badPlan.json().errors as Array<{ pointer: string }>).map((e) => e.pointer))].sort();
    expect(pointers).toEqual(['/estimatedCostMinor', '/originCountry', '/plannedDepartureDate', '/smuggler']);
    expect(badPlan.body).not.toContain('SECRET-NAME');
    const badLeg = await call('POST', `/api/v1/cases/${reference}/legs`, caseworkerA, { fromCountry: 'AZ', toCountry: 'ge', mode: 'TRAIN' });
    expect(badLeg.statusCode).toBe(400);
    expect((badLeg.json().errors as Array<{ pointer: string }>).map((e) => e.pointer).sort()).toEqual(['/mode', '/toCountry']);
    const badStay = await call('POST', `/api/v1/cases/${reference}/stays`, caseworkerA, {
      hostCountry: 'GE',
      entryDate: 'yesterday',
      accommodationType: 'TENT',
    });
    expect(badStay.statusCode).toBe(400);
    expect((badStay.json().errors as Array<{ pointer: string }>).map((e) => e.pointer).sort()).toEqual(['/accommodationType', '/entryDate']);
    const future = await call('POST', `/api/v1/cases/${reference}/stays`, caseworkerA, {
      hostCountry: 'GE',
      entryDate: new Date(clock.nowMs() + 3 * DAY_MS).toISOString().slice(0, 10),
    });
    expect(future.statusCode).toBe(422);
    expect(future.json().type).toBe('urn:corridor:problem:impossible-date');
    expect(await count('relocation_plans', id)).toBe(0);
    expect(await count('movement_legs', id)).toBe(0);
    expect(await count('safe_country_stays', id)).toBe(0);
  });

  it("hides every journey route of a case from an unassigned caseworker, and another case's records under this reference (404)", async () => {
    const { reference } = await triagedCase();
    const other = await triagedCase();
    const planId = (await call('POST', `/api/v1/cases/${reference}/relocation-plans`, caseworkerA, plan())).json().id as string;
    const legId = (await call('POST', `/api/v1/cases/${reference}/legs`, caseworkerA, { fromCountry: 'AZ', toCountry: 'GE', mode: 'AIR' })).json().id as string;
    const stayId = (await call('POST', `/api/v1/cases/${reference}/stays`, caseworkerA, { hostCountry: 'TR', entryDate: today() })).json().id as string;
    const routes: Array<['GET' | 'POST', string, object?]> = [
      ['GET', `/api/v1/cases/${reference}/journey`],
      ['GET', `/api/v1/cases/${reference}/relocation-plans`],
      ['POST', `/api/v1/cases/${reference}/relocation-plans`, plan()],
      ['POST', `/api/v1/cases/${reference}/relocation-plans/${planId}/withdrawal`],
      ['POST', `/api/v1/cases/${reference}/legs`, { fromCountry: 'AZ', toCountry: 'GE', mode: 'AIR' }],
      ['POST', `/api/v1/cases/${reference}/legs/${legId}/departure`],
      ['POST', `/api/v1/cases/${reference}/legs/${legId}/arrival`],
      ['POST', `/api/v1/cases/${reference}/legs/${legId}/abort`],
      ['POST', `/api/v1/cases/${reference}/stays`, { hostCountry: 'GE', entryDate: today() }],
      ['POST', `/api/v1/cases/${reference}/stays/${stayId}/exit`, { exitDate: today() }],
    ];
    for (const [method, url, body] of routes) {
      const response = await call(method, url, caseworkerB, body);
      expect({ url, status: response.statusCode, type: response.json().type }).toEqual({ url, status: 404, type: 'urn:corridor:problem:not-found' });
    }
    const [{ n }] = await (
      await db()
    ).query(`SELECT count(*)::int AS n FROM audit_events WHERE action = 'case.access_denied' AND resource_id = $1 AND actor_id = $2`, [
      reference,
      caseworkerB.id,
    ]);
    expect(n).toBe(routes.length);

    // Records of this case addressed under the other case's reference: as if they did not exist.
    for (const url of [
      `/api/v1/cases/${other.reference}/relocation-plans/${planId}/withdrawal`,
      `/api/v1/cases/${other.reference}/legs/${legId}/departure`,
      `/api/v1/cases/${other.reference}/legs/${legId}/abort`,
      `/api/v1/cases/${other.reference}/stays/${stayId}/exit`,
    ]) {
      const response = await call('POST', url, caseworkerA, url.endsWith('/exit') ? { exitDate: today() } : {});
      expect({ url, status: response.statusCode }).toEqual({ url, status: 404 });
    }
    const crossDecision = await call('POST', `/api/v1/cases/${other.reference}/relocation-plans/${planId}/approval`, coordinatorB, { decision: 'APPROVE' });
    expect(crossDecision.statusCode).toBe(404);
    expect((await call('POST', `/api/v1/cases/${reference}/legs/not-a-uuid/departure`, caseworkerA)).statusCode).toBe(404);
    // Nothing moved.
    const journey = (await call('GET', `/api/v1/cases/${reference}/journey`, caseworkerA)).json();
    expect(journey).toMatchObject({ relocationPlans: [{ status: 'REQUESTED' }], legs: [{ status: 'PLANNED' }], stays: [{ exitDate: null, allowedDays: 90 }] });
  });

  it('ends a stay, stopping its clock, and records a stay without a rule with no clock', async () => {
    const { reference } = await triagedCase();
    const stayId = (await call('POST', `/api/v1/cases/${reference}/stays`, caseworkerA, { hostCountry: 'TR', entryDate: today() })).json().id as string;
    expect((await call('POST', `/api/v1/cases/${reference}/stays`, caseworkerA, { hostCountry: 'GE', entryDate: today() })).json().type).toBe(
      'urn:corridor:problem:stay-already-open',
    );
    clock.advance(3 * DAY_MS);
    const ended = await call('POST', `/api/v1/cases/${reference}/stays/${stayId}/exit`, caseworkerA, { exitDate: today() });
    expect(ended.json()).toMatchObject({ exitDate: today(), daysRemaining: null, allowedDays: 90 });
    const unknown = await call('POST', `/api/v1/cases/${reference}/stays`, caseworkerA, { hostCountry: 'AM', entryDate: today() });
    expect(unknown.statusCode).toBe(201);
    expect(unknown.json()).toMatchObject({ allowedDays: null, daysRemaining: null, stayRuleSource: null });
    // The direct edge for people already outside the origin country.
    expect((await call('POST', `/api/v1/cases/${reference}/transitions`, caseworkerA, { to: 'IN_SAFE_COUNTRY' })).statusCode).toBe(200);
  });

  it('lets admins (only) keep the stay-rule table, audited', async () => {
    const seeded = await call('GET', '/api/v1/admin/stay-rules', admin);
    expect(seeded.statusCode).toBe(200);
    expect(seeded.json()).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ nationality: 'AZ', hostCountry: 'GE', allowedDays: 365 }),
        expect.objectContaining({ nationality: 'RU', hostCountry: 'GE', allowedDays: 365 }),
        expect.objectContaining({ nationality: 'AZ', hostCountry: 'TR', allowedDays: 90 }),
      ]),
    );
    expect((await call('GET', '/api/v1/admin/stay-rules', coordinatorA)).statusCode).toBe(403);
    const body = { allowedDays: 180, source: 'Official page of the Ministry of Foreign Affairs of Armenia', checkedOn: today() };
    expect((await call('PUT', '/api/v1/admin/stay-rules/az/am', coordinatorA, body)).statusCode).toBe(403);
    const bad = await call('PUT', '/api/v1/admin/stay-rules/AZE/AM', admin, { allowedDays: 0, source: 'x', checkedOn: 'today' });
    expect(bad.statusCode).toBe(400);
    const created = await call('PUT', '/api/v1/admin/stay-rules/az/am', admin, body);
    expect(created.statusCode).toBe(200);
    expect(created.json()).toMatchObject({ nationality: 'AZ', hostCountry: 'AM', allowedDays: 180, updatedBy: admin.id });
    expect((await call('PUT', '/api/v1/admin/stay-rules/AZ/AM', admin, { ...body, allowedDays: 120 })).json().allowedDays).toBe(120);
    const audits = await (
      await db()
    ).query(`SELECT action, details FROM audit_events WHERE resource_type = 'stay_rule' AND resource_id = 'AZ:AM' ORDER BY occurred_at`);
    expect(audits).toEqual([
      expect.objectContaining({ action: 'stay_rule.created', details: expect.objectContaining({ allowedDays: 180 }) }),
      expect.objectContaining({ action: 'stay_rule.updated', details: expect.objectContaining({ allowedDays: 120, previousAllowedDays: 180 }) }),
    ]);
  });

  it('erases the journey ciphertext with the case', async () => {
    const { reference, id } = await triagedCase();
    await call('POST', `/api/v1/cases/${reference}/relocation-plans`, caseworkerA, plan());
    await call('POST', `/api/v1/cases/${reference}/stays`, caseworkerA, { hostCountry: 'GE', entryDate: today(), accommodationLocation: SAFE_HOUSE });
    expect((await eraseCase(app, reference, coordinatorA.token, coordinatorB.token)).statusCode).toBe(200);
    const ds = await db();
    expect(await ds.query(`SELECT count(*)::int AS n FROM relocation_plans WHERE case_id = $1 AND notes_sealed IS NOT NULL`, [id])).toEqual([{ n: 0 }]);
    expect(await ds.query(`SELECT count(*)::int AS n FROM safe_country_stays WHERE case_id = $1 AND accommodation_location_sealed IS NOT NULL`, [id])).toEqual([
      { n: 0 },
    ]);
    expect((await call('GET', `/api/v1/cases/${reference}/journey`, coordinatorA)).statusCode).toBe(404);
  });

  it('stores no plan note or safe-house location in plaintext, in the database or the logs', async () => {
    const hits = await scanDatabaseForPlaintext(await db(), [PLAN_NOTES, 'Lagodekhi', SAFE_HOUSE, 'Chavchavadze']);
    expect(hits).toEqual([]);
    for (const needle of ['Lagodekhi', 'Chavchavadze']) expect(logs.text).not.toContain(needle);
  });

  it('answered only what the staff OpenAPI document declares', () => {
    expect(contract.checked()).toBeGreaterThan(0);
    expect(contract.violations()).toEqual([]);
  });
});
