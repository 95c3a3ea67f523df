import { TickScheduler } from '@infra/scheduling/tick-scheduler';
import { eraseCase, newCase } from '@test/support/builders/cases';
import { type StaffFixture } from '@test/support/builders/staff';
import { FakeClock } from '@test/support/fake-clock';
import { LogCapture } from '@test/support/log-capture';
import { scanDatabaseForPlaintext } from '@test/support/plaintext-scan';
import { TestContext, type TestApp } from '@test/support/test-context';
import { runDueJobs } from '@test/support/run-due-jobs';
import { callAs, DEFAULT_CAST, staffWorld, type StaffMethod } from '@test/support/staff-world';

const DAY_MS = 86_400_000;
const MILESTONE_NOTE = 'Interview at the embassy, escorted by Rashad from the shelter';
const OVERRIDE_REASON = 'Spoke to him in the detention visiting room; consent form to follow via Kamala';

describe('resettlement: applications, four-eyes submission, consent gate, the rest of the journey, stay-clock events', () => {
  let ctx: TestContext;
  let app: TestApp;
  const clock = new FakeClock(new Date('2027-02-01T09:00:00Z'));
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
  });
  afterAll(() => ctx.close());

  const call = (method: StaffMethod, url: string, who: StaffFixture, payload?: object) => callAs(app, method, url, who, payload);
  const db = () => ctx.dataSource();
  const today = () => clock.now().toISOString().slice(0, 10);
  const apps = (reference: string) => `/api/v1/cases/${reference}/resettlement-applications`;

  /** A case by caseworker A, walked to TRIAGED, then straight to IN_SAFE_COUNTRY (already outside). */
  async function caseInSafeCountry(overrides: Record<string, unknown> = {}, host = 'GE'): Promise<{ reference: string; id: string; stayId: string }> {
    const { reference } = await newCase(app, caseworkerA.token, overrides);
    const move = (to: string) => call('POST', `/api/v1/cases/${reference}/transitions`, caseworkerA, { to });
    expect((await move('VERIFICATION')).statusCode).toBe(200);
    expect((await call('PUT', `/api/v1/cases/${reference}/verification`, caseworkerA, { outcome: 'VERIFIED_BY_STAFF' })).statusCode).toBe(200);
    expect((await call('POST', `/api/v1/cases/${reference}/triage`, caseworkerA, { factors: ['OUTED'] })).statusCode).toBe(200);
    expect((await move('TRIAGED')).statusCode).toBe(200);
    const stay = await call('POST', `/api/v1/cases/${reference}/stays`, caseworkerA, { hostCountry: host, entryDate: today() });
    expect(stay.statusCode).toBe(201);
    expect((await move('IN_SAFE_COUNTRY')).statusCode).toBe(200);
    const [{ id }] = await (await db()).query(`SELECT id FROM cases WHERE reference = $1`, [reference]);
    return { reference, id, stayId: stay.json().id as string };
  }

  const createApplication = async (reference: string, who = caseworkerA): Promise<string> => {
    const created = await call('POST', apps(reference), who, { destinationCountry: 'CA', pathway: 'PRIVATE_SPONSORSHIP', sponsoringBody: 'Rainbow Railroad' });
    expect(created.statusCode).toBe(201);
    return created.json().id as string;
  };

  /** PREPARING → SUBMITTED: requested by `requester`, approved by `approver`. */
  const submit = async (reference: string, applicationId: string, requester = caseworkerA, approver = coordinatorB) => {
    expect((await call('POST', `${apps(reference)}/${applicationId}/submission-request`, requester)).statusCode).toBe(200);
    return call('POST', `${apps(reference)}/${applicationId}/submission-approval`, approver);
  };

  it('walks IN_SAFE_COUNTRY → RESETTLEMENT_IN_PROGRESS → DEPARTED → RESETTLED → CLOSED (RESETTLED_AND_HANDED_OVER), each guard refusing until its record exists', async () => {
    const { reference, id } = await caseInSafeCountry();
    const move = (to: string, extra: object = {}) => call('POST', `/api/v1/cases/${reference}/transitions`, caseworkerA, { to, ...extra });

    const noApplication = await move('RESETTLEMENT_IN_PROGRESS');
    expect(noApplication.statusCode).toBe(409);
    expect(noApplication.json()).toMatchObject({ guard: 'resettlement-application-required' });

    const applicationId = await createApplication(reference);
    const listed = (await call('GET', apps(reference), caseworkerA)).json();
    expect(listed).toEqual([
      expect.objectContaining({
        id: applicationId,
        status: 'PREPARING',
        pathway: 'PRIVATE_SPONSORSHIP',
        sponsoringBody: 'Rainbow Railroad',
        documents: [
          { item: 'PASSPORT', status: 'PENDING' },
          { item: 'PHOTOS', status: 'PENDING' },
          { item: 'MEDICAL', status: 'PENDING' },
          { item: 'POLICE_CERTIFICATE', status: 'PENDING' },
        ],
      }),
    ]);
    expect((await move('RESETTLEMENT_IN_PROGRESS')).json()).toMatchObject({ stage: 'RESETTLEMENT_IN_PROGRESS' });

    // Checklist and milestones.
    const doc = await call('PUT', `${apps(reference)}/${applicationId}/documents/PASSPORT`, caseworkerA, { status: 'OBTAINED' });
    expect(doc.statusCode).toBe(200);
    expect(doc.json().documents[0]).toEqual({ item: 'PASSPORT', status: 'OBTAINED' });
    expect((await call('PUT', `${apps(reference)}/${applicationId}/documents/BIRTH_CERTIFICATE`, caseworkerA, { status: 'OBTAINED' })).statusCode).toBe(404);
    const milestone = await call('POST', `${apps(reference)}/${applicationId}/milestones`, caseworkerA, {
      type: 'INTERVIEW_SCHEDULED',
      date: '2027-03-10',
      note: MILESTONE_NOTE,
    });
    expect(milestone.statusCode).toBe(201);
    expect(milestone.json().milestones).toEqual([expect.objectContaining({ type: 'INTERVIEW_SCHEDULED', date: '2027-03-10', note: null })]);
    expect((await call('GET', apps(reference), caseworkerA)).json()[0].milestones).toEqual([expect.objectContaining({ note: MILESTONE_NOTE })]);

    // SUBMITTED only through the approved submission.
    const direct = await call('POST', `${apps(reference)}/${applicationId}/status`, caseworkerA, { status: 'SUBMITTED' });
    expect(direct.statusCode).toBe(409);
    expect(direct.json().type).toBe('urn:corridor:problem:submission-approval-required');
    const noDeparture = await move('DEPARTED');
    expect(noDeparture.statusCode).toBe(409);
    expect(noDeparture.json()).toMatchObject({ guard: 'accepted-application-and-departure-required' });
    const submitted = await submit(reference, applicationId);
    expect(submitted.statusCode).toBe(200);
    expect(submitted.json()).toMatchObject({
      status: 'SUBMITTED',
      submission: { requestedBy: caseworkerA.id, approvedBy: coordinatorB.id, consentOverridden: false },
    });
    for (const status of ['INTERVIEW', 'ACCEPTED'])
      expect((await call('POST', `${apps(reference)}/${applicationId}/status`, caseworkerA, { status })).json().status).toBe(status);
    const accepted = await move('DEPARTED');
    expect(accepted.json()).toMatchObject({ guard: 'accepted-application-and-departure-required' });
    expect(accepted.json().detail).toContain('arrange the departure');
    const early = await call('POST', `${apps(reference)}/${applicationId}/destination-arrival`, caseworkerA, { arrivedOn: today() });
    expect(early.statusCode).toBe(409);
    expect(early.json().type).toBe('urn:corridor:problem:departure-not-arranged');
    expect((await call('POST', `${apps(reference)}/${applicationId}/status`, caseworkerA, { status: 'DEPARTURE_ARRANGED' })).json().status).toBe(
      'DEPARTURE_ARRANGED',
    );
    expect((await move('DEPARTED')).json()).toMatchObject({ stage: 'DEPARTED' });

    expect((await move('RESETTLED')).json()).toMatchObject({ guard: 'destination-arrival-and-handover-required' });
    const earlyHandover = await call('POST', `${apps(reference)}/${applicationId}/handover`, caseworkerA);
    expect(earlyHandover.json().type).toBe('urn:corridor:problem:destination-arrival-required');
    clock.advance(DAY_MS);
    expect((await call('POST', `${apps(reference)}/${applicationId}/destination-arrival`, caseworkerA, { arrivedOn: today() })).json()).toMatchObject({
      destinationArrivedOn: today(),
    });
    const halfway = await move('RESETTLED');
    expect(halfway.statusCode).toBe(409);
    expect(halfway.json().detail).toContain('handover');
    const agencyId = '6f1c1e9e-4d5b-4c2a-9a3e-1f2b3c4d5e6f';
    expect((await call('POST', `${apps(reference)}/${applicationId}/handover`, caseworkerA, { agencyId })).json()).toMatchObject({
      settlementAgencyId: agencyId,
      handedOverAt: clock.now().toISOString(),
    });
    expect((await move('RESETTLED')).json()).toMatchObject({ stage: 'RESETTLED' });
    expect((await move('CLOSED', { closureReason: 'RESETTLED_AND_HANDED_OVER' })).json()).toMatchObject({ stage: 'CLOSED' });

    const ds = await db();
    const history: Array<{ kind: string; to_stage: string | null }> = await ds.query(`SELECT kind, to_stage FROM case_history WHERE case_id = $1`, [id]);
    expect(history.map((h) => h.kind)).toEqual(
      expect.arrayContaining([
        'RESETTLEMENT_APPLICATION_CREATED',
        'RESETTLEMENT_DOCUMENT_UPDATED',
        'RESETTLEMENT_MILESTONE_RECORDED',
        'RESETTLEMENT_SUBMISSION_REQUESTED',
        'RESETTLEMENT_SUBMITTED',
        'RESETTLEMENT_STATUS_CHANGED',
        'DESTINATION_ARRIVAL_RECORDED',
        'SETTLEMENT_HANDOVER_RECORDED',
      ]),
    );
    expect(history.filter((h) => h.to_stage !== null).map((h) => h.to_stage)).toEqual(
      expect.arrayContaining(['RESETTLEMENT_IN_PROGRESS', 'DEPARTED', 'RESETTLED', 'CLOSED']),
    );
    const audits: Array<{ action: string; actor_id: string }> = await ds.query(`SELECT action, actor_id FROM audit_events WHERE case_id = $1`, [id]);
    expect(audits).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ action: 'case.resettlement_application_created', actor_id: caseworkerA.id }),
        expect.objectContaining({ action: 'case.resettlement_submission_requested', actor_id: caseworkerA.id }),
        expect.objectContaining({ action: 'case.resettlement_submitted', actor_id: coordinatorB.id }),
        expect.objectContaining({ action: 'case.resettlement_status_changed' }),
        expect.objectContaining({ action: 'case.resettlement_milestone_recorded' }),
        expect.objectContaining({ action: 'case.destination_arrival_recorded' }),
        expect.objectContaining({ action: 'case.settlement_handover_recorded' }),
        expect.objectContaining({ action: 'case.resettlement_applications_read' }),
      ]),
    );
    expect(audits.some((a) => a.action === 'resettlement.consent_overridden')).toBe(false);
    const outbox: Array<{ payload: { from: string; to: string } }> = await ds.query(
      `SELECT payload FROM outbox_events WHERE job_name = 'case.stage_changed' AND payload->>'caseId' = $1`,
      [id],
    );
    const moves = outbox.map((row) => `${row.payload.from}>${row.payload.to}`);
    expect(moves).toEqual(
      expect.arrayContaining(['IN_SAFE_COUNTRY>RESETTLEMENT_IN_PROGRESS', 'RESETTLEMENT_IN_PROGRESS>DEPARTED', 'DEPARTED>RESETTLED', 'RESETTLED>CLOSED']),
    );
    const [closed] = await ds.query(`SELECT stage, closure_reason FROM cases WHERE id = $1`, [id]);
    expect(closed).toEqual({ stage: 'CLOSED', closure_reason: 'RESETTLED_AND_HANDED_OVER' });
    expect(JSON.stringify([history, audits, outbox])).not.toContain('Rashad');
  });

  it('refuses a submission approved by its requester (409 four-eyes-approval-required) and by a non-coordinator (403)', async () => {
    const { reference } = await caseInSafeCountry();
    const applicationId = await createApplication(reference, coordinatorA);
    const own = await submit(reference, applicationId, coordinatorA, coordinatorA);
    expect(own.statusCode).toBe(409);
    expect(own.json()).toMatchObject({ type: 'urn:corridor:problem:four-eyes-approval-required', guard: 'four-eyes-approval-required' });
    expect((await call('POST', `${apps(reference)}/${applicationId}/submission-approval`, caseworkerA)).statusCode).toBe(403);
    expect((await call('GET', apps(reference), caseworkerA)).json()[0]).toMatchObject({
      status: 'PREPARING',
      submission: { requestedBy: coordinatorA.id, approvedBy: null },
    });
    expect((await call('POST', `${apps(reference)}/${applicationId}/submission-approval`, coordinatorB)).json().status).toBe('SUBMITTED');
  });

  it('refuses a submission without resettlement consent (422 resettlement-consent-required) unless a coordinator overrides it with a sealed, audited reason', async () => {
    const consent = { services: true, sharing: false, resettlement: false, method: 'IN_PERSON', obtainedAt: '2026-01-10T10:00:00.000Z' };
    const { reference, id } = await caseInSafeCountry({ consent });
    const applicationId = await createApplication(reference);
    const refused = await submit(reference, applicationId);
    expect(refused.statusCode).toBe(422);
    expect(refused.json()).toMatchObject({ type: 'urn:corridor:problem:resettlement-consent-required', errors: [{ pointer: '/consentOverrideReason' }] });
    expect((await call('GET', apps(reference), caseworkerA)).json()[0].status).toBe('PREPARING');
    const overridden = await call('POST', `${apps(reference)}/${applicationId}/submission-approval`, coordinatorB, { consentOverrideReason: OVERRIDE_REASON });
    expect(overridden.statusCode).toBe(200);
    expect(overridden.json()).toMatchObject({ status: 'SUBMITTED', submission: { consentOverridden: true } });
    expect(overridden.body).not.toContain('Kamala');
    const audits: Array<{ action: string; actor_id: string; details: object }> = await (
      await db()
    ).query(`SELECT action, actor_id, details FROM audit_events WHERE case_id = $1 AND action = 'resettlement.consent_overridden'`, [id]);
    expect(audits).toEqual([expect.objectContaining({ actor_id: coordinatorB.id, details: expect.objectContaining({ applicationId }) })]);
    expect(JSON.stringify(audits)).not.toContain('Kamala');
  });

  it('keeps a denied or deferred application in resettlement with its next step', async () => {
    const { reference } = await caseInSafeCountry();
    const first = await createApplication(reference);
    expect((await submit(reference, first)).statusCode).toBe(200);
    expect((await call('POST', `/api/v1/cases/${reference}/transitions`, caseworkerA, { to: 'RESETTLEMENT_IN_PROGRESS' })).statusCode).toBe(200);
    const missing = await call('POST', `${apps(reference)}/${first}/status`, caseworkerA, { status: 'DENIED' });
    expect(missing.statusCode).toBe(422);
    expect(missing.json()).toMatchObject({ type: 'urn:corridor:problem:next-step-invalid', errors: [{ pointer: '/nextStep' }] });
    expect((await call('POST', `${apps(reference)}/${first}/status`, caseworkerA, { status: 'DENIED', nextStep: 'APPEAL' })).json()).toMatchObject({
      status: 'DENIED',
      nextStep: 'APPEAL',
    });
    const second = await createApplication(reference);
    expect((await submit(reference, second)).statusCode).toBe(200);
    expect((await call('POST', `${apps(reference)}/${second}/status`, caseworkerA, { status: 'DEFERRED', nextStep: 'ANOTHER_PATHWAY' })).json()).toMatchObject({
      status: 'DEFERRED',
      nextStep: 'ANOTHER_PATHWAY',
    });
    const late = await call('POST', `${apps(reference)}/${first}/status`, caseworkerA, { status: 'ACCEPTED' });
    expect(late.statusCode).toBe(409);
    expect(late.json().type).toBe('urn:corridor:problem:status-transition-not-allowed');
    const [{ stage }] = await (await db()).query(`SELECT stage FROM cases WHERE reference = $1`, [reference]);
    expect(stage).toBe('RESETTLEMENT_IN_PROGRESS');
  });

  it('refuses bad input with 400 naming the fields, changing nothing', async () => {
    const { reference, id } = await caseInSafeCountry();
    const bad = await call('POST', apps(reference), caseworkerA, {
      destinationCountry: 'Canada',
      pathway: 'SMUGGLER',
      sponsoringBody: '',
      extra: 'SECRET-NAME',
    });
    expect(bad.statusCode).toBe(400);
    expect([...new Set((bad.json().errors as Array<{ pointer: string }>).map((e) => e.pointer))].sort()).toEqual([
      '/destinationCountry',
      '/extra',
      '/pathway',
      '/sponsoringBody',
    ]);
    expect(bad.body).not.toContain('SECRET-NAME');
    const applicationId = await createApplication(reference);
    const before = await (await db()).query(`SELECT * FROM resettlement_applications WHERE case_id = $1`, [id]);
    const badCalls: Array<['POST' | 'PUT', string, object]> = [
      ['POST', `${apps(reference)}/${applicationId}/status`, { status: 'WON' }],
      ['POST', `${apps(reference)}/${applicationId}/milestones`, { type: 'PARTY', date: 'soon' }],
      ['PUT', `${apps(reference)}/${applicationId}/documents/PASSPORT`, { status: 'LOST' }],
      ['POST', `${apps(reference)}/${applicationId}/destination-arrival`, { arrivedOn: 'yesterday' }],
      ['POST', `${apps(reference)}/${applicationId}/handover`, { agencyId: 'not-a-uuid' }],
      ['POST', `${apps(reference)}/${applicationId}/submission-approval`, { consentOverrideReason: 42 }],
    ];
    for (const [method, url, body] of badCalls)
      expect({ url, status: (await call(method, url, method === 'POST' && url.endsWith('approval') ? coordinatorB : caseworkerA, body)).statusCode }).toEqual({
        url,
        status: 400,
      });
    const ds = await db();
    expect(await ds.query(`SELECT * FROM resettlement_applications WHERE case_id = $1`, [id])).toEqual(before);
    expect(await ds.query(`SELECT count(*)::int AS n FROM resettlement_milestones WHERE case_id = $1`, [id])).toEqual([{ n: 0 }]);
  });

  it("hides every resettlement route from an unassigned caseworker, and another case's applications under this reference (404)", async () => {
    const { reference } = await caseInSafeCountry();
    const other = await caseInSafeCountry();
    const applicationId = await createApplication(reference);
    const base = `${apps(reference)}/${applicationId}`;
    const routes: Array<['GET' | 'POST' | 'PUT', string, object?]> = [
      ['GET', apps(reference)],
      ['POST', apps(reference), { destinationCountry: 'CA', pathway: 'UNHCR_REFERRAL' }],
      ['POST', `${base}/submission-request`],
      ['POST', `${base}/status`, { status: 'INTERVIEW' }],
      ['POST', `${base}/milestones`, { type: 'OTHER', date: today() }],
      ['PUT', `${base}/documents/PASSPORT`, { status: 'OBTAINED' }],
      ['POST', `${base}/destination-arrival`, { arrivedOn: today() }],
      ['POST', `${base}/handover`],
    ];
    for (const [method, url, body] of routes) {
      const response = await call(method, url, caseworkerB, body);
      expect({ url, status: response.statusCode, type: response.json().type }).toEqual({ url, status: 404, type: 'urn:corridor:problem:not-found' });
    }
    const crossed = await call('POST', `${apps(other.reference)}/${applicationId}/submission-request`, caseworkerA);
    expect(crossed.statusCode).toBe(404);
    expect((await call('POST', `${apps(other.reference)}/${applicationId}/submission-approval`, coordinatorB)).statusCode).toBe(404);
    expect((await call('POST', `${apps(reference)}/not-a-uuid/status`, caseworkerA, { status: 'INTERVIEW' })).statusCode).toBe(404);
    expect((await call('GET', apps(reference), caseworkerA)).json()).toEqual([
      expect.objectContaining({ status: 'PREPARING', submission: expect.objectContaining({ requestedBy: null }), milestones: [] }),
    ]);
  });

  describe('stay-clock events', () => {
    const tick = (target: TestApp = app) => target.context.get(TickScheduler).fire('journeys.stay_clock');
    const events = async (stayId: string): Promise<Array<{ dedupe_key: string; payload: { threshold: number; daysRemaining: number } }>> =>
      (await db()).query(
        `SELECT dedupe_key, payload FROM outbox_events WHERE job_name = 'stay.limit_approaching' AND payload->>'stayId' = $1 ORDER BY dedupe_key`,
        [stayId],
      );
    const runDue = (): Promise<number> => runDueJobs(app, clock);

    it('records stay.limit_approaching once per stay at 21 and at 7 days remaining, even when ticks repeat or run on two instances, and tells the caseworkers', async () => {
      const { reference, stayId } = await caseInSafeCountry({}, 'TR');
      const second = await ctx.startApp({ clock });
      clock.advance(68 * DAY_MS); // 22 days left of 90
      await tick();
      expect(await events(stayId)).toEqual([]);

      clock.advance(DAY_MS); // 21 left
      await Promise.all([tick(), tick(second)]);
      await tick();
      expect(await events(stayId)).toEqual([
        expect.objectContaining({ dedupe_key: `stay.limit:${stayId}:21`, payload: expect.objectContaining({ threshold: 21, daysRemaining: 21 }) }),
      ]);
      clock.advance(DAY_MS); // 20 left: the next day's tick does not repeat it
      await Promise.all([tick(), tick(second)]);
      expect(await events(stayId)).toHaveLength(1);

      clock.advance(13 * DAY_MS); // 7 left
      await Promise.all([tick(second), tick()]);
      clock.advance(DAY_MS);
      await tick();
      expect((await events(stayId)).map((e) => e.dedupe_key)).toEqual([`stay.limit:${stayId}:21`, `stay.limit:${stayId}:7`]);

      await runDue();
      const inbox = (await call('GET', '/api/v1/me/notifications?limit=50', caseworkerA)).json();
      const mine = (inbox.items as Array<{ kind: string; subjectId: string; details: { stayId: string; threshold: number } }>).filter(
        (n) => n.kind === 'stay.limit_approaching' && n.details.stayId === stayId,
      );
      expect(mine.map((n) => n.details.threshold).sort((a, b) => a - b)).toEqual([7, 21]);
      expect(mine.every((n) => n.subjectId === reference)).toBe(true);
      expect(
        (await call('GET', '/api/v1/me/notifications?limit=50', caseworkerB)).json().items.filter((n: { kind: string }) => n.kind === 'stay.limit_approaching'),
      ).toEqual([]);
      // And one STAY_LIMIT escalation is open on the case (the second threshold finds it open;
      // a missed check-in opens its own, since nobody checked in for 80 simulated days).
      const escalations: Array<{ trigger: string; state: string; level: number }> = await (
        await db()
      ).query(`SELECT e.trigger, e.state, e.level FROM escalations e JOIN cases c ON c.id = e.case_id WHERE c.reference = $1 AND e.trigger = 'STAY_LIMIT'`, [
        reference,
      ]);
      expect(escalations).toEqual([expect.objectContaining({ trigger: 'STAY_LIMIT', state: 'OPEN' })]);
    });

    it('keeps a running stay on the allowed days copied at arrival when the stay rule is edited; only later stays use the new rule', async () => {
      const { reference, stayId } = await caseInSafeCountry({}, 'TR');
      const body = { allowedDays: 30, source: 'Amended exemption (test)', checkedOn: today() };
      expect((await call('PUT', '/api/v1/admin/stay-rules/AZ/TR', admin, body)).statusCode).toBe(200);
      try {
        const journey = (await call('GET', `/api/v1/cases/${reference}/journey`, caseworkerA)).json();
        expect(journey.currentStay).toMatchObject({ id: stayId, allowedDays: 90, daysRemaining: 90 });
        const later = await caseInSafeCountry({}, 'TR');
        expect((await call('GET', `/api/v1/cases/${later.reference}/journey`, caseworkerA)).json().currentStay).toMatchObject({
          allowedDays: 30,
          daysRemaining: 30,
        });
        clock.advance(9 * DAY_MS); // the later stay has 21 left; the earlier one 81
        await tick();
        expect(await events(stayId)).toEqual([]);
        expect((await events(later.stayId)).map((e) => e.dedupe_key)).toEqual([`stay.limit:${later.stayId}:21`]);
      } finally {
        await call('PUT', '/api/v1/admin/stay-rules/AZ/TR', admin, { ...body, allowedDays: 90 });
      }
    });
  });

  it('erases the resettlement ciphertext with the case', async () => {
    const consent = { services: true, sharing: false, resettlement: false, method: 'IN_PERSON', obtainedAt: '2026-01-10T10:00:00.000Z' };
    const { reference, id } = await caseInSafeCountry({ consent });
    const applicationId = await createApplication(reference);
    await call('POST', `${apps(reference)}/${applicationId}/milestones`, caseworkerA, { type: 'OTHER', date: today(), note: MILESTONE_NOTE });
    await call('POST', `${apps(reference)}/${applicationId}/submission-request`, caseworkerA);
    expect(
      (await call('POST', `${apps(reference)}/${applicationId}/submission-approval`, coordinatorB, { consentOverrideReason: OVERRIDE_REASON })).statusCode,
    ).toBe(200);
    expect((await eraseCase(app, reference, coordinatorA.token, coordinatorB.token)).statusCode).toBe(200);
    const ds = await db();
    expect(await ds.query(`SELECT count(*)::int AS n FROM resettlement_milestones WHERE case_id = $1 AND note_sealed IS NOT NULL`, [id])).toEqual([{ n: 0 }]);
    expect(
      await ds.query(`SELECT count(*)::int AS n FROM resettlement_applications WHERE case_id = $1 AND consent_override_reason_sealed IS NOT NULL`, [id]),
    ).toEqual([{ n: 0 }]);
  });

  it('stores no milestone note or consent-override reason in plaintext, in the database or the logs', async () => {
    const hits = await scanDatabaseForPlaintext(await db(), [MILESTONE_NOTE, 'Rashad', OVERRIDE_REASON, 'Kamala']);
    expect(hits).toEqual([]);
    for (const needle of ['Rashad', 'Kamala']) expect(logs.text).not.toContain(needle);
  });
});
