import { randomUUID } from 'node:crypto';
import { AgencyType, ApiKeyScope, StaffRole } from '@common/access/roles';
import { JobName } from '@common/jobs/job-name';
import { JobDispatcher } from '@infra/queue/job-dispatcher';
import { TickScheduler } from '@infra/scheduling/tick-scheduler';
import { EXPEDITE_OVERDUE_TICK, ExpediteOverdueHandler } from '@modules/journeys/expedite/expedite-overdue.handler';
import { eraseCase, newCase } from '@test/support/builders/cases';
import { newAgency, newApiKey } from '@test/support/builders/partners';
import { bearer, longLivedStaff, type StaffFixture } from '@test/support/builders/staff';
import { FakeClock } from '@test/support/fake-clock';
import { LogCapture } from '@test/support/log-capture';
import { multipartBody } from '@test/support/multipart';
import { expectPartnerContract } from '@test/support/partner-contract';
import { scanDatabaseForPlaintext } from '@test/support/plaintext-scan';
import { TestContext, type TestApp } from '@test/support/test-context';

const MIN = 60_000;
const H = 60 * MIN;
const DAY = 24 * H;
const GRANTED_NUMBER = 'EV-77421-CA';
const REFUSAL = 'Security screening flagged a namesake held by the Baku police';
const QUESTION = 'Please send the detention record from the Sabail district station';
const OVERRIDE = 'Verbal consent given to Nigar on the phone; written form to follow';

describe('expedited protection requests: coordinator asks a GOVERNMENT liaison, the liaison answers through the partner API, silence escalates', () => {
  let ctx: TestContext;
  let app: TestApp;
  const clock = new FakeClock(new Date('2027-05-03T08:00:00Z'));
  const logs = new LogCapture();
  let caseworker: StaffFixture;
  let coordinator: StaffFixture;
  let otherCoordinator: StaffFixture;
  let govA: { id: string; key: string; unscoped: string };
  let govB: { id: string; key: string };
  let shelter: { id: string; key: string };

  beforeAll(async () => {
    ctx = await TestContext.create();
    app = await ctx.startApp({ clock, logs });
    caseworker = await longLivedStaff(app, clock, [StaffRole.Caseworker]);
    coordinator = await longLivedStaff(app, clock, [StaffRole.Coordinator]);
    otherCoordinator = await longLivedStaff(app, clock, [StaffRole.Coordinator]);
    const a = await newAgency(app, { type: AgencyType.Government, countries: ['CA'], name: 'IRCC liaison desk' });
    const b = await newAgency(app, { type: AgencyType.Government, countries: ['DE'], name: 'BAMF liaison desk' });
    const s = await newAgency(app, { type: AgencyType.Shelter, countries: ['GE'] });
    govA = {
      id: a.id,
      key: (await newApiKey(app, a.id, [ApiKeyScope.ExpediteRespond])).key,
      unscoped: (await newApiKey(app, a.id, [ApiKeyScope.CasesRead])).key,
    };
    govB = { id: b.id, key: (await newApiKey(app, b.id, [ApiKeyScope.ExpediteRespond])).key };
    // Only a GOVERNMENT agency's key may carry expedite:respond: a shelter's is refused at issue.
    await expect(newApiKey(app, s.id, [ApiKeyScope.ExpediteRespond])).rejects.toMatchObject({
      code: 'scope-not-for-agency-type',
      extensions: { agencyType: 'SHELTER' },
    });
    shelter = { id: s.id, key: (await newApiKey(app, s.id, [ApiKeyScope.CasesRead])).key };
  });
  afterAll(() => ctx.close());

  const db = () => ctx.dataSource();
  const staffCall = (method: 'GET' | 'POST', url: string, who: StaffFixture, payload?: object) =>
    app.http!.inject({ method, url, headers: bearer(who.token), ...(method === 'GET' ? {} : { payload: payload ?? {} }) });
  // Partner POSTs are idempotent: each call here is a new logical request, so a fresh key. Every
  // answer, success or problem, is checked against the published contract first.
  const partnerCall = async (method: 'GET' | 'POST', url: string, key: string, payload?: object) => {
    const response = await app.http!.inject({
      method,
      url,
      headers: method === 'GET' ? bearer(key) : { ...bearer(key), 'idempotency-key': randomUUID() },
      ...(method === 'GET' ? {} : { payload: payload ?? {} }),
    });
    expectPartnerContract(method, url, response);
    return response;
  };
  const inHours = (hours: number) => new Date(clock.nowMs() + hours * H).toISOString();
  const tick = (target: TestApp = app) => target.context.get(TickScheduler).fire(EXPEDITE_OVERDUE_TICK);

  /** An EMERGENCY case of the caseworker with a PREPARING application to Canada. */
  async function emergencyCase(overrides: Record<string, unknown> = {}): Promise<{ reference: string; caseId: string; applicationId: string }> {
    const { reference } = await newCase(app, caseworker.token, { priority: 'EMERGENCY', ...overrides });
    const created = await staffCall('POST', `/api/v1/cases/${reference}/resettlement-applications`, caseworker, {
      destinationCountry: 'CA',
      pathway: 'EMERGENCY_VISA',
    });
    expect(created.statusCode).toBe(201);
    const [{ id }] = await (await db()).query(`SELECT id FROM cases WHERE reference = $1`, [reference]);
    return { reference, caseId: id as string, applicationId: created.json().id as string };
  }
  const requestsUrl = (reference: string, applicationId: string) => `/api/v1/cases/${reference}/resettlement-applications/${applicationId}/expedite-requests`;
  const ask = (reference: string, applicationId: string, body: object, who = coordinator) =>
    staffCall('POST', requestsUrl(reference, applicationId), who, body);
  const onCase = async (reference: string) => {
    const response = await staffCall('GET', `/api/v1/cases/${reference}/expedite-requests`, coordinator);
    expect(response.statusCode).toBe(200);
    return response.json<Array<Record<string, unknown> & { responses: Array<Record<string, unknown>> }>>();
  };
  const answer = (id: string, body: object, key = govA.key) => partnerCall('POST', `/partner/v1/expedite-requests/${id}/responses`, key, body);
  const overdueEvents = async (requestId: string): Promise<Array<{ id: string; dedupe_key: string; status: string }>> =>
    (await db()).query(`SELECT id, dedupe_key, status FROM outbox_events WHERE job_name = $1 AND payload->>'expediteRequestId' = $2`, [
      JobName.ExpediteOverdue,
      requestId,
    ]);
  const runOverdueJobs = async (requestId: string) => {
    const dispatcher = app.context.get(JobDispatcher);
    for (const event of await overdueEvents(requestId))
      await dispatcher.dispatch({ id: event.id, name: JobName.ExpediteOverdue, attemptsMade: 0, opts: { attempts: 1 } });
  };
  const escalationsOf = async (caseId: string): Promise<Array<{ id: string; trigger: string; level: number; state: string }>> =>
    (await db()).query(`SELECT id, trigger, level, state FROM escalations WHERE case_id = $1 AND trigger = 'EXPEDITE_OVERDUE'`, [caseId]);
  const historyKinds = async (caseId: string): Promise<string[]> =>
    (await (await db()).query(`SELECT kind FROM case_history WHERE case_id = $1 AND kind LIKE 'EXPEDITE_%' ORDER BY occurred_at, kind`, [caseId])).map(
      (r: { kind: string }) => r.kind,
    );

  it('documents sent with a request: the addressed liaison lists and downloads exactly those, audited; anyone else gets 404', async () => {
    const { reference, caseId, applicationId } = await emergencyCase();
    const upload = async (title: string, content: Buffer) => {
      const body = multipartBody({ kind: 'PASSPORT', title }, { name: 'p.pdf', content });
      const response = await app.http!.inject({
        method: 'POST',
        url: `/api/v1/cases/${reference}/documents`,
        headers: { ...bearer(caseworker.token), ...body.headers },
        payload: body.payload,
      });
      expect(response.statusCode).toBe(201);
      return response.json<{ id: string }>().id;
    };
    const passport = Buffer.from('%PDF-1.7\npassport scan');
    const sent = await upload('Passport', passport);
    const kept = await upload('Medical report', Buffer.from('%PDF-1.7\nmedical'));
    const refused = await ask(reference, applicationId, { agencyId: govA.id, deadline: inHours(48), share: [], documentIds: [randomUUID()] });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().type).toBe('urn:corridor:problem:document-not-on-case');
    const created = await ask(reference, applicationId, { agencyId: govA.id, deadline: inHours(48), share: [], documentIds: [sent] });
    expect(created.statusCode).toBe(201);
    const id = created.json().id as string;

    const listed = await partnerCall('GET', '/partner/v1/expedite-requests', govA.key);
    expect(listed.json().items.find((item: { id: string }) => item.id === id).documentIds).toEqual([sent]);
    const url = (documentId: string) => `/partner/v1/expedite-requests/${id}/documents/${documentId}/content`;
    const download = await partnerCall('GET', url(sent), govA.key);
    expect(download.statusCode).toBe(200);
    expect(download.rawPayload).toEqual(passport);
    expect(download.headers['content-disposition']).toBe(`attachment; filename="document-${sent}.pdf"`);
    expect(download.headers['cache-control']).toBe('no-store');
    expect((await partnerCall('GET', url(kept), govA.key)).statusCode).toBe(404);
    expect((await partnerCall('GET', url(sent), govB.key)).statusCode).toBe(404);
    expect((await partnerCall('GET', url(sent), shelter.key)).statusCode).toBe(403);
    const audit: Array<{ action: string; outcome: string }> = await (
      await db()
    ).query(`SELECT action, outcome FROM audit_events WHERE action LIKE 'expedite.%' AND (case_id = $1 OR (case_id IS NULL AND resource_id = $2))`, [
      caseId,
      id,
    ]);
    expect(audit).toEqual(
      expect.arrayContaining([
        { action: 'expedite.partner_document_downloaded', outcome: 'SUCCESS' },
        { action: 'expedite.access_denied', outcome: 'DENIED' },
      ]),
    );
  });

  it('answered in time: the liaison sees only the chosen share, another liaison sees nothing, the decision stops the clock, and all of it is on the case', async () => {
    const { reference, caseId, applicationId } = await emergencyCase();
    const created = await ask(reference, applicationId, {
      agencyId: govA.id,
      deadline: inHours(48),
      share: ['GIVEN_NAME', 'FAMILY_NAME', 'DATE_OF_BIRTH', 'TRAVEL_DOCUMENT'],
    });
    expect(created.statusCode).toBe(201);
    const request = created.json();
    expect(request).toMatchObject({
      applicationId,
      agencyId: govA.id,
      destinationCountry: 'CA',
      pathway: 'EMERGENCY_VISA',
      status: 'PENDING',
      consentOverridden: false,
      overdueAt: null,
      responses: [],
    });
    expect(request.sharedFields).toEqual(['DATE_OF_BIRTH', 'FAMILY_NAME', 'GIVEN_NAME', 'TRAVEL_DOCUMENT']);

    // The partner event is thin: ids and the deadline, for agency A only.
    const events: Array<{ payload: { agencyId: string; type: string; data: Record<string, unknown> } }> = await (
      await db()
    ).query(`SELECT payload FROM outbox_events WHERE job_name = 'partner.event' AND payload->'data'->>'expediteRequestId' = $1`, [request.id]);
    expect(events.map((e) => e.payload)).toEqual([
      {
        eventId: expect.any(String),
        agencyId: govA.id,
        type: 'expedite.requested',
        occurredAt: expect.any(String),
        data: { expediteRequestId: request.id, deadlineAt: request.deadlineAt },
      },
    ]);

    // Agency A reads the request with the share; agency B sees nothing of it, a shelter cannot ask.
    const listed = await partnerCall('GET', '/partner/v1/expedite-requests', govA.key);
    expect(listed.statusCode).toBe(200);
    const item = listed.json().items.find((i: { id: string }) => i.id === request.id);
    expect(item).toEqual({
      id: request.id,
      caseReference: reference,
      destinationCountry: 'CA',
      pathway: 'EMERGENCY_VISA',
      deadlineAt: request.deadlineAt,
      status: 'PENDING',
      createdAt: request.createdAt,
      person: {
        givenName: 'Elvin',
        familyName: 'Məmmədov',
        dateOfBirth: '1994-03-17',
        travelDocument: { type: 'PASSPORT', number: 'C01234567', issuingCountry: 'AZ' },
      },
      responses: [],
      documentIds: [],
    });
    const reads = await (
      await db()
    ).query(`SELECT actor_id, case_id FROM audit_events WHERE action = 'expedite.partner_read' AND resource_id = $1`, [request.id]);
    expect(reads).toEqual([expect.objectContaining({ case_id: caseId })]);
    expect((await partnerCall('GET', '/partner/v1/expedite-requests', govB.key)).json().items.map((i: { id: string }) => i.id)).not.toContain(request.id);
    expect((await partnerCall('GET', '/partner/v1/expedite-requests', shelter.key)).statusCode).toBe(403);
    expect((await partnerCall('GET', '/partner/v1/expedite-requests', govA.unscoped)).statusCode).toBe(403);
    const foreign = await answer(request.id, { answer: 'GRANTED', document: { type: 'EMERGENCY_VISA' } }, govB.key);
    expect(foreign.statusCode).toBe(404);
    expect(foreign.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect((await answer(request.id, { answer: 'GRANTED', document: { type: 'EMERGENCY_VISA' } }, shelter.key)).statusCode).toBe(403);
    expect(await (await db()).query(`SELECT count(*)::int AS n FROM expedite_responses WHERE request_id = $1`, [request.id])).toEqual([{ n: 0 }]);
    // The other liaison's attempt is a denial on this request; the shelter never passes the guard.
    expect(
      await (await db()).query(`SELECT count(*)::int AS n FROM audit_events WHERE action = 'expedite.access_denied' AND resource_id = $1`, [request.id]),
    ).toEqual([{ n: 1 }]);

    // Acknowledged, then granted within the deadline; a decision is final.
    clock.advance(2 * H);
    expect((await answer(request.id, { answer: 'ACKNOWLEDGED' })).json()).toMatchObject({ answer: 'ACKNOWLEDGED', late: false });
    clock.advance(20 * H);
    const granted = await answer(request.id, { answer: 'GRANTED', document: { type: 'EMERGENCY_VISA', number: GRANTED_NUMBER, validUntil: '2027-11-01' } });
    expect(granted.statusCode).toBe(201);
    expect(granted.json()).toMatchObject({ answer: 'GRANTED', late: false, document: null, message: null });
    const again = await answer(request.id, { answer: 'REFUSED', message: REFUSAL });
    expect(again.statusCode).toBe(409);
    expect(again.json().type).toBe('urn:corridor:problem:expedite-request-decided');

    // The deadline passes: a decided request is not overdue, however often the tick runs.
    clock.advance(2 * DAY);
    await tick();
    expect(await overdueEvents(request.id)).toEqual([]);

    const [view] = (await onCase(reference)).filter((r) => r.id === request.id);
    expect(view).toMatchObject({ status: 'GRANTED', decidedAt: expect.any(String), overdueAt: null });
    expect(view!.responses).toEqual([
      expect.objectContaining({ answer: 'ACKNOWLEDGED', late: false, message: null, document: null }),
      expect.objectContaining({ answer: 'GRANTED', late: false, document: { type: 'EMERGENCY_VISA', number: GRANTED_NUMBER, validUntil: '2027-11-01' } }),
    ]);
    expect(await historyKinds(caseId)).toEqual(['EXPEDITE_REQUESTED', 'EXPEDITE_ANSWERED', 'EXPEDITE_ANSWERED']);
    expect(await escalationsOf(caseId)).toEqual([]);
    const inbox = (await staffCall('GET', '/api/v1/me/notifications?limit=50', coordinator)).json();
    expect(inbox.items.filter((n: { kind: string }) => n.kind === 'expedite.answered').map((n: { details: { answer: string } }) => n.details.answer)).toEqual(
      expect.arrayContaining(['ACKNOWLEDGED', 'GRANTED']),
    );
  });

  it('replays an answer under the same Idempotency-Key without the sealed fields, within the published contract', async () => {
    const { reference, applicationId } = await emergencyCase();
    const request = (await ask(reference, applicationId, { agencyId: govA.id, deadline: inHours(24), share: [] })).json();
    const url = `/partner/v1/expedite-requests/${request.id}/responses`;
    const idempotencyKey = randomUUID();
    const send = async () => {
      const response = await app.http!.inject({
        method: 'POST',
        url,
        headers: { ...bearer(govA.key), 'idempotency-key': idempotencyKey },
        payload: { answer: 'MORE_INFORMATION_NEEDED', message: QUESTION },
      });
      expectPartnerContract('POST', url, response);
      return response;
    };
    const first = await send();
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ answer: 'MORE_INFORMATION_NEEDED', message: null, document: null });
    const replay = await send();
    expect(replay.statusCode).toBe(201);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.json()).toEqual({ id: first.json().id, answer: 'MORE_INFORMATION_NEEDED', late: false, respondedAt: first.json().respondedAt });
    expect(replay.body).not.toContain('Sabail');
  });

  it('answered late: an acknowledgement does not stop the clock, expedite.overdue is emitted once however often the tick and job run, one EXPEDITE_OVERDUE reaches the coordinators, and the late grant is still recorded', async () => {
    const { reference, caseId, applicationId } = await emergencyCase();
    const request = (await ask(reference, applicationId, { agencyId: govA.id, deadline: inHours(1), share: [] })).json();
    clock.advance(MIN);
    expect((await answer(request.id, { answer: 'ACKNOWLEDGED' })).statusCode).toBe(201);
    clock.advance(30 * MIN);
    await tick();
    expect(await overdueEvents(request.id)).toEqual([]);

    clock.advance(30 * MIN);
    const second = await ctx.startApp({ clock });
    await Promise.all([tick(), tick(second), tick()]);
    clock.advance(MIN); // the next period: the tick runs again
    await tick();
    const events = await overdueEvents(request.id);
    expect(events).toEqual([expect.objectContaining({ dedupe_key: `expedite.overdue:${request.id}` })]);
    expect(await historyKinds(caseId)).toEqual(['EXPEDITE_REQUESTED', 'EXPEDITE_ANSWERED', 'EXPEDITE_OVERDUE']);

    // The job runs twice (a redelivery, then the handler itself once more): one escalation.
    await runOverdueJobs(request.id);
    await runOverdueJobs(request.id);
    const service = app.context.get(ExpediteOverdueHandler, { strict: false });
    await (
      await db()
    ).transaction((tx) =>
      service.overdue({ tx, payload: { expediteRequestId: request.id, caseId }, outboxId: events[0]!.id, name: JobName.ExpediteOverdue, attempt: 2 }),
    );
    const escalations = await escalationsOf(caseId);
    expect(escalations).toEqual([expect.objectContaining({ trigger: 'EXPEDITE_OVERDUE', level: 2, state: 'OPEN' })]);
    for (const who of [coordinator, otherCoordinator]) {
      const inbox = (await staffCall('GET', '/api/v1/me/notifications?limit=100', who)).json();
      expect(inbox.items.filter((n: { kind: string; subjectId: string }) => n.kind === 'escalation.raised' && n.subjectId === escalations[0]!.id)).toEqual([
        expect.objectContaining({ details: expect.objectContaining({ caseReference: reference, trigger: 'EXPEDITE_OVERDUE', level: 2 }) }),
      ]);
    }

    // The ladder of a state's silence ends with the coordinators: no step past level 2, no LOST_CONTACT.
    expect(
      await (
        await db()
      ).query(`SELECT count(*)::int AS n FROM outbox_events WHERE job_name = $1 AND payload->>'escalationId' = $2`, [
        JobName.EscalationStep,
        escalations[0]!.id,
      ]),
    ).toEqual([{ n: 0 }]);
    clock.advance(3 * H);
    const [flags] = await (await db()).query(`SELECT flags FROM cases WHERE id = $1`, [caseId]);
    expect(flags.flags).not.toContain('LOST_CONTACT');
    const late = await answer(request.id, { answer: 'GRANTED', document: { type: 'HUMANITARIAN_PERMIT' } });
    expect(late.statusCode).toBe(201);
    expect(late.json()).toMatchObject({ answer: 'GRANTED', late: true });
    const [view] = (await onCase(reference)).filter((r) => r.id === request.id);
    expect(view).toMatchObject({ status: 'GRANTED', overdueAt: expect.any(String), decidedAt: clock.now().toISOString() });
    expect(view!.responses.map((r) => [r.answer, r.late])).toEqual([
      ['ACKNOWLEDGED', false],
      ['GRANTED', true],
    ]);
    expect(
      (await partnerCall('GET', '/partner/v1/expedite-requests?limit=100', govA.key)).json().items.find((i: { id: string }) => i.id === request.id).responses,
    ).toEqual([expect.objectContaining({ answer: 'ACKNOWLEDGED', late: false }), expect.objectContaining({ answer: 'GRANTED', late: true })]);
    await tick();
    expect(await overdueEvents(request.id)).toHaveLength(1);
    expect(await escalationsOf(caseId)).toHaveLength(1);
  });

  it('refused: a refusal needs its reason, is final, sealed, and shown on the case', async () => {
    const { reference, caseId, applicationId } = await emergencyCase();
    const request = (await ask(reference, applicationId, { agencyId: govA.id, deadline: inHours(24), share: ['GIVEN_NAME'] })).json();
    clock.advance(MIN);
    const question = await answer(request.id, { answer: 'MORE_INFORMATION_NEEDED', message: QUESTION });
    expect(question.statusCode).toBe(201);
    clock.advance(MIN);

    for (const bad of [
      { answer: 'REFUSED' },
      { answer: 'REFUSED', message: '' },
      { answer: 'GRANTED' },
      { answer: 'ACKNOWLEDGED', document: { type: 'VISA' } },
      { answer: 'MAYBE' },
      { answer: 'GRANTED', document: { type: 'VISA', validUntil: 'soon' } },
    ]) {
      const refused = await answer(request.id, bad);
      expect({ bad, status: refused.statusCode }).toEqual({ bad, status: 400 });
      expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
    expect(await (await db()).query(`SELECT answer FROM expedite_responses WHERE request_id = $1`, [request.id])).toEqual([
      { answer: 'MORE_INFORMATION_NEEDED' },
    ]);

    const refusal = await answer(request.id, { answer: 'REFUSED', message: REFUSAL });
    expect(refusal.statusCode).toBe(201);
    expect(refusal.json()).toMatchObject({ answer: 'REFUSED', late: false, message: null });
    clock.advance(2 * DAY);
    await tick();
    expect(await overdueEvents(request.id)).toEqual([]);

    const [view] = (await onCase(reference)).filter((r) => r.id === request.id);
    expect(view).toMatchObject({ status: 'REFUSED', decidedAt: expect.any(String) });
    expect(view!.responses).toEqual([
      expect.objectContaining({ answer: 'MORE_INFORMATION_NEEDED', message: QUESTION }),
      expect.objectContaining({ answer: 'REFUSED', message: REFUSAL }),
    ]);
    expect(await historyKinds(caseId)).toEqual(['EXPEDITE_REQUESTED', 'EXPEDITE_ANSWERED', 'EXPEDITE_ANSWERED']);
    // Refused, the application can be put to the same liaison again.
    expect((await ask(reference, applicationId, { agencyId: govA.id, deadline: inHours(24), share: [] })).statusCode).toBe(201);
  });

  it('refuses with a problem naming the guard, and changes nothing: non-EMERGENCY case, non-GOVERNMENT or unknown agency, bad deadline, bad input, a second undecided request, a caseworker', async () => {
    const { reference, caseId, applicationId } = await emergencyCase();
    const normal = await newCase(app, caseworker.token, { priority: 'NORMAL' });
    const normalApp = (
      await staffCall('POST', `/api/v1/cases/${normal.reference}/resettlement-applications`, caseworker, { destinationCountry: 'CA', pathway: 'STATE_PROGRAM' })
    ).json().id as string;
    const valid = { agencyId: govA.id, deadline: inHours(24), share: [] };
    const count = async () => (await (await db()).query(`SELECT count(*)::int AS n FROM expedite_requests`))[0].n as number;
    const before = await count();

    const cases: Array<[string, Promise<{ statusCode: number; json: () => Record<string, unknown>; headers: Record<string, unknown> }>, number, string]> = [
      ['not EMERGENCY', ask(normal.reference, normalApp, valid), 409, 'expedite-requires-emergency'],
      ['a shelter', ask(reference, applicationId, { ...valid, agencyId: shelter.id }), 422, 'expedite-agency-not-government'],
      [
        'an unknown agency',
        ask(reference, applicationId, { ...valid, agencyId: '0b9f5a2e-2c1d-4a8b-9e7f-6d5c4b3a2f10' }),
        422,
        'expedite-agency-not-government',
      ],
      ['a past deadline', ask(reference, applicationId, { ...valid, deadline: inHours(-1) }), 422, 'expedite-deadline-invalid'],
      ['a far deadline', ask(reference, applicationId, { ...valid, deadline: inHours(31 * 24) }), 422, 'expedite-deadline-invalid'],
      ['an unknown share field', ask(reference, applicationId, { ...valid, share: ['ADDRESS'] }), 400, 'validation-failed'],
      ['no deadline', ask(reference, applicationId, { agencyId: govA.id, share: [] }), 400, 'validation-failed'],
      ['a malformed agency id', ask(reference, applicationId, { ...valid, agencyId: 'gov-a' }), 400, 'validation-failed'],
      ['an unknown application', ask(reference, '0b9f5a2e-2c1d-4a8b-9e7f-6d5c4b3a2f10', valid), 404, 'not-found'],
    ];
    for (const [why, pending, status, type] of cases) {
      const response = await pending;
      expect({ why, status: response.statusCode }).toEqual({ why, status });
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect({ why, type: response.json().type }).toEqual({ why, type: `urn:corridor:problem:${type}` });
    }
    const shelterRefusal = (await ask(reference, applicationId, { ...valid, agencyId: shelter.id })).json();
    expect(shelterRefusal.detail).toContain('SHELTER');
    expect(shelterRefusal.errors).toEqual([expect.objectContaining({ pointer: '/agencyId' })]);
    expect((await ask(reference, applicationId, valid, caseworker)).statusCode).toBe(403);
    expect(await count()).toBe(before);

    expect((await ask(reference, applicationId, valid)).statusCode).toBe(201);
    const twice = await ask(reference, applicationId, valid, otherCoordinator);
    expect(twice.statusCode).toBe(409);
    expect(twice.json().type).toBe('urn:corridor:problem:expedite-request-pending');
    expect(await count()).toBe(before + 1);
    expect(await historyKinds(caseId)).toEqual(['EXPEDITE_REQUESTED']);
  });

  it('sharing the person without sharing consent needs a coordinator override with a reason, sealed and audited; nothing sensitive is stored in the clear', async () => {
    const consent = { services: true, sharing: false, resettlement: true, method: 'IN_PERSON', obtainedAt: '2026-01-10T10:00:00.000Z' };
    const { reference, caseId, applicationId } = await emergencyCase({ consent });
    const body = { agencyId: govB.id, deadline: inHours(24), share: ['GIVEN_NAME', 'FAMILY_NAME', 'TRAVEL_DOCUMENT'] };
    const refused = await ask(reference, applicationId, body);
    expect(refused.statusCode).toBe(422);
    expect(refused.json().type).toBe('urn:corridor:problem:sharing-consent-required');
    const created = await ask(reference, applicationId, { ...body, consentOverrideReason: OVERRIDE });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ consentOverridden: true });
    expect(
      await (await db()).query(`SELECT count(*)::int AS n FROM audit_events WHERE action = 'expedite.sharing_consent_overridden' AND case_id = $1`, [caseId]),
    ).toEqual([{ n: 1 }]);
    const id = created.json().id as string;
    expect((await answer(id, { answer: 'MORE_INFORMATION_NEEDED', message: QUESTION }, govB.key)).statusCode).toBe(201);
    expect((await answer(id, { answer: 'GRANTED', document: { type: 'EMERGENCY_VISA', number: GRANTED_NUMBER } }, govB.key)).statusCode).toBe(201);
    expect((await partnerCall('GET', '/partner/v1/expedite-requests', govB.key)).json().items.find((i: { id: string }) => i.id === id).person).toEqual({
      givenName: 'Elvin',
      familyName: 'Məmmədov',
      travelDocument: { type: 'PASSPORT', number: 'C01234567', issuingCountry: 'AZ' },
    });

    const hits = await scanDatabaseForPlaintext(await db(), [GRANTED_NUMBER, REFUSAL, QUESTION, OVERRIDE, 'C01234567', 'Məmmədov']);
    expect(hits).toEqual([]);
    for (const needle of [GRANTED_NUMBER, REFUSAL, QUESTION, OVERRIDE, 'C01234567']) expect(logs.text).not.toContain(needle);
  });

  it('erases the expedite ciphertext with the case; the liaison then finds the request gone', async () => {
    const { reference, caseId, applicationId } = await emergencyCase();
    const id = (await ask(reference, applicationId, { agencyId: govA.id, deadline: inHours(24), share: ['GIVEN_NAME'] })).json().id as string;
    expect((await answer(id, { answer: 'MORE_INFORMATION_NEEDED', message: QUESTION })).statusCode).toBe(201);
    expect((await eraseCase(app, reference, coordinator.token, otherCoordinator.token)).statusCode).toBe(200);
    const ds = await db();
    expect(await ds.query(`SELECT count(*)::int AS n FROM expedite_requests WHERE case_id = $1 AND person_share_sealed IS NOT NULL`, [caseId])).toEqual([
      { n: 0 },
    ]);
    expect(await ds.query(`SELECT count(*)::int AS n FROM expedite_responses WHERE case_id = $1 AND message_sealed IS NOT NULL`, [caseId])).toEqual([{ n: 0 }]);
    expect((await answer(id, { answer: 'REFUSED', message: REFUSAL })).statusCode).toBe(404);
    expect((await partnerCall('GET', '/partner/v1/expedite-requests?limit=100', govA.key)).json().items.map((i: { id: string }) => i.id)).not.toContain(id);
  });
});
