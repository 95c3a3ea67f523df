import { OPENAPI_FILE } from '@app/export-openapi';
import { watchContract } from '@test/support/openapi-contract';
import { randomUUID } from 'node:crypto';
import { CasesRepository } from '@modules/cases/cases.repository';
import { intakeBody, newCase, person } from '@test/support/builders/cases';
import { bearer, type StaffFixture } from '@test/support/builders/staff';
import { FakeClock } from '@test/support/fake-clock';
import { LogCapture } from '@test/support/log-capture';
import { scanDatabaseForPlaintext } from '@test/support/plaintext-scan';
import { TestContext, type TestApp } from '@test/support/test-context';
import { staffWorld } from '@test/support/staff-world';

describe('protected case records', () => {
  let ctx: TestContext;
  let app: TestApp;
  /** Every staff answer in this file is checked against docs/openapi.json. */
  let contract: ReturnType<typeof watchContract>;
  const clock = new FakeClock(new Date());
  const logs = new LogCapture();
  let caseworkerA: StaffFixture;
  let caseworkerB: StaffFixture;
  let coordinator: StaffFixture;
  let secondCoordinator: StaffFixture;
  let admin: StaffFixture;
  let auditor: StaffFixture;

  beforeAll(async () => {
    ({
      ctx,
      app,
      staff: { caseworkerA, caseworkerB, coordinator, coordinatorSecond: secondCoordinator, admin, auditor },
    } = await staffWorld({ clock, logs }, ['caseworkerA', 'caseworkerB', 'coordinator', 'coordinatorSecond', 'admin', 'auditor']));
    contract = watchContract(app.http!, OPENAPI_FILE);
  });
  afterAll(() => ctx.close());

  const call = (method: 'GET' | 'POST' | 'PUT', url: string, who: StaffFixture, payload?: object) =>
    app.http!.inject({ method, url, headers: bearer(who.token), ...(payload ? { payload } : {}) });
  const db = () => ctx.dataSource();

  it('opens a case with a random reference, assigns its caseworker and sets the triage deadline', async () => {
    const response = await call('POST', '/api/v1/cases', caseworkerA, intakeBody({ priority: 'EMERGENCY' }));
    expect(response.statusCode).toBe(201);
    const created = response.json();
    expect(created).toMatchObject({
      reference: expect.stringMatching(/^C-[0-9A-Z]{4}-[0-9A-Z]{4}$/),
      stage: 'INTAKE',
      priority: 'EMERGENCY',
      possibleDuplicate: false,
    });
    expect(new Date(created.triageDueAt).getTime() - clock.nowMs()).toBe(24 * 3600_000);
    const read = (await call('GET', `/api/v1/cases/${created.reference}`, caseworkerA)).json();
    expect(read.assignedCaseworkerIds).toEqual([caseworkerA.id]);
    expect(read.protected.identity).toMatchObject({ givenName: 'Elvin', familyName: 'Məmmədov' });
    expect(read.protected.sogiesc).toEqual({ sexualOrientation: 'gay', genderIdentity: 'man' });
  });

  it('lets the unique index decide a reference clash: a taken reference inserts nothing and says so', async () => {
    // Intake draws another reference when this returns false; no look-up precedes the INSERT.
    const first = (await call('POST', '/api/v1/cases', caseworkerA, intakeBody())).json();
    const cases = app.context.get(CasesRepository, { strict: false });
    const existing = await cases.findByReference(first.reference);
    const inserted = await (await db()).transaction((tx) => cases.insertCaseUnlessReferenceTaken(tx, { ...existing!, id: randomUUID() }));
    expect(inserted).toBe(false);
    expect(await (await db()).query(`SELECT count(*)::int AS n FROM cases WHERE reference = $1`, [first.reference])).toEqual([{ n: 1 }]);
  });

  it('refuses intake without consent to services, with nothing stored', async () => {
    const [{ n: before }] = await (await db()).query(`SELECT count(*)::int AS n FROM cases`);
    const response = await call(
      'POST',
      '/api/v1/cases',
      caseworkerA,
      intakeBody({ consent: { services: false, sharing: false, resettlement: false, method: 'PHONE', obtainedAt: '2026-01-10T10:00:00.000Z' } }),
    );
    expect(response.statusCode).toBe(422);
    expect(response.json()).toMatchObject({ type: 'urn:corridor:problem:consent-to-services-required' });
    expect(await (await db()).query(`SELECT count(*)::int AS n FROM cases`)).toEqual([{ n: before }]);
  });

  it('refuses bad input with 400 naming the fields, never echoing values', async () => {
    const response = await call(
      'POST',
      '/api/v1/cases',
      caseworkerA,
      intakeBody({ originCountry: 'Azerbaijan', person: { ...person(), dateOfBirth: '17/03/1994' }, religion: 'SECRET-FAITH' }),
    );
    expect(response.statusCode).toBe(400);
    const pointers = [...new Set((response.json().errors as Array<{ pointer: string }>).map((e) => e.pointer))].sort();
    expect(pointers).toEqual(['/originCountry', '/person/dateOfBirth', '/religion']);
    expect(response.body).not.toContain('SECRET-FAITH');
    expect(response.body).not.toContain('17/03/1994');
  });

  it('audits every read with the reader and the field groups shown', async () => {
    const { reference } = await newCase(app, caseworkerA.token);
    await call('GET', `/api/v1/cases/${reference}`, caseworkerA);
    const [audit] = await (await db()).query(`SELECT actor_id, details FROM audit_events WHERE action = 'case.read' AND resource_id = $1`, [reference]);
    expect(audit.actor_id).toBe(caseworkerA.id);
    expect(audit.details.fieldGroups).toEqual(['contact', 'dependants', 'documents', 'health', 'identity', 'location', 'narrative', 'sogiesc']);
  });

  describe('need-to-know', () => {
    let reference: string;
    beforeAll(async () => {
      ({ reference } = await newCase(app, caseworkerA.token));
    });

    it('hides a case from a caseworker it is not assigned to: by reference, list and nested paths (404, audited)', async () => {
      for (const url of [`/api/v1/cases/${reference}`, `/api/v1/cases/${reference}/history`, `/api/v1/cases/${reference}/notes`]) {
        const response = await call('GET', url, caseworkerB);
        expect({ url, status: response.statusCode }).toEqual({ url, status: 404 });
        expect(response.json()).toMatchObject({ type: 'urn:corridor:problem:not-found' });
      }
      expect((await call('POST', `/api/v1/cases/${reference}/notes`, caseworkerB, { body: 'sneaky' })).statusCode).toBe(404);
      expect((await call('POST', `/api/v1/cases/${reference}/transitions`, caseworkerB, { to: 'VERIFICATION' })).statusCode).toBe(404);
      const list = (await call('GET', '/api/v1/cases?limit=100', caseworkerB)).json();
      expect(list.items.map((item: { reference: string }) => item.reference)).not.toContain(reference);
      const filtered = (await call('GET', `/api/v1/cases?assignee=${caseworkerA.id}`, caseworkerB)).json();
      expect(filtered.items).toEqual([]);
      const [{ n }] = await (
        await db()
      ).query(`SELECT count(*)::int AS n FROM audit_events WHERE action = 'case.access_denied' AND resource_id = $1 AND actor_id = $2`, [
        reference,
        caseworkerB.id,
      ]);
      expect(n).toBeGreaterThanOrEqual(5);
      // Unknown and out-of-scope look the same.
      const unknown = await call('GET', '/api/v1/cases/C-ZZZZ-ZZZZ', caseworkerB);
      expect(unknown.statusCode).toBe(404);
      expect(unknown.json().detail).toBe((await call('GET', `/api/v1/cases/${reference}`, caseworkerB)).json().detail);
    });

    it('never gives admins or auditors case content', async () => {
      for (const who of [admin, auditor]) {
        expect((await call('GET', `/api/v1/cases/${reference}`, who)).statusCode).toBe(403);
        expect((await call('GET', '/api/v1/cases', who)).statusCode).toBe(403);
      }
    });

    it('shows coordinators everything but SOGIESC, until break-glass', async () => {
      const read = (await call('GET', `/api/v1/cases/${reference}`, coordinator)).json();
      expect(read.protected.identity).toBeDefined();
      expect(read.protected.sogiesc).toBeUndefined();
      expect(read.access.fieldGroups).not.toContain('sogiesc');
      const glass = await call('POST', `/api/v1/cases/${reference}/break-glass`, coordinator, { reason: 'IMMEDIATE_DANGER' });
      expect(glass.statusCode).toBe(200);
      const after = (await call('GET', `/api/v1/cases/${reference}`, coordinator)).json();
      expect(after.protected.sogiesc).toEqual({ sexualOrientation: 'gay', genderIdentity: 'man' });
      expect(after.access.basis).toContain('break-glass');
      clock.advance(61 * 60_000);
      expect((await call('GET', `/api/v1/cases/${reference}`, coordinator)).json().protected.sogiesc).toBeUndefined();
      const adminInbox = (await call('GET', '/api/v1/me/notifications', admin)).json();
      expect(adminInbox.items).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'case.break_glass', subjectId: reference })]));
    });

    it('lets a coordinator assign a caseworker, who then sees the case', async () => {
      expect((await call('PUT', `/api/v1/cases/${reference}/assignment`, caseworkerA, { caseworkerIds: [caseworkerB.id] })).statusCode).toBe(403);
      const assigned = await call('PUT', `/api/v1/cases/${reference}/assignment`, coordinator, { caseworkerIds: [caseworkerA.id, caseworkerB.id] });
      expect(assigned.statusCode).toBe(200);
      expect((await call('GET', `/api/v1/cases/${reference}`, caseworkerB)).statusCode).toBe(200);
      expect((await call('PUT', `/api/v1/cases/${reference}/assignment`, coordinator, { caseworkerIds: [admin.id] })).statusCode).toBe(422);
    });
  });

  it('flags a possible duplicate across scripts without revealing the other case', async () => {
    const first = await newCase(app, caseworkerA.token, {
      person: person({ givenName: 'Rashad', familyName: 'Hüseynov', dateOfBirth: '1990-05-02' }),
      contact: { channels: [] },
    });
    const second = await newCase(app, caseworkerB.token, {
      person: person({ givenName: 'Рашад', familyName: 'Гусейнов', patronymic: undefined, dateOfBirth: '1990-05-02' }),
      contact: { channels: [] },
    });
    expect(second.possibleDuplicate).toBe(true);
    expect(second.duplicateCandidates).toContain(first.reference);
    const read = (await call('GET', `/api/v1/cases/${second.reference}`, caseworkerB)).json();
    expect(read.duplicateCandidates).toEqual([expect.objectContaining({ reference: first.reference })]);
    expect(JSON.stringify(read)).not.toContain('Hüseynov');
    // The other case itself stays out of reach.
    expect((await call('GET', `/api/v1/cases/${first.reference}`, caseworkerB)).statusCode).toBe(404);
    const unrelated = await newCase(app, caseworkerA.token, {
      person: person({ givenName: 'Nigar', familyName: 'Qasımova', dateOfBirth: '1988-11-30' }),
      contact: { channels: [] },
    });
    expect(unrelated.possibleDuplicate).toBe(false);
  });

  it('stores no protected value in plaintext anywhere in the database, nor in the logs', async () => {
    await newCase(app, caseworkerA.token);
    const needles = [
      'Məmmədov',
      'Elvin',
      '+994501234567',
      '994 50 123 45 67',
      'Sumqayit',
      'Nizami street',
      'Blue gate near the bakery',
      'Only after 21:00',
      'checkpoint in September',
      'Interrupted antiretroviral',
      'C01234567',
      'Aysel',
      '1994-03-17',
    ];
    const hits = await scanDatabaseForPlaintext(await db(), needles);
    expect(hits).toEqual([]);
    for (const needle of needles) expect(logs.text).not.toContain(needle);
    // SOGIESC values are short: make sure they are not findable as whole JSON either.
    expect(await scanDatabaseForPlaintext(await db(), ['"sexualOrientation"', '"gay"'])).toEqual([]);
  });

  it('erases a case: the key is gone, the content unrecoverable, the tombstone reads as erased', async () => {
    const { reference } = await newCase(app, caseworkerA.token);
    const [{ id }] = await (await db()).query(`SELECT id FROM cases WHERE reference = $1`, [reference]);
    clock.advance(1_000);
    await call('POST', `/api/v1/cases/${reference}/notes`, caseworkerA, { body: 'Met at the safe house' });
    expect((await call('POST', `/api/v1/cases/${reference}/check-ins`, caseworkerA, { channel: 'CALL', note: 'Sounded scared, call again' })).statusCode).toBe(
      201,
    );
    clock.advance(1_000);
    expect(
      (await call('POST', `/api/v1/cases/${reference}/erasure`, caseworkerA, { reason: 'PERSON_REQUESTED', confirmReference: reference })).statusCode,
    ).toBe(403);
    expect(
      (await call('POST', `/api/v1/cases/${reference}/erasure`, coordinator, { reason: 'PERSON_REQUESTED', confirmReference: 'C-0000-0000' })).statusCode,
    ).toBe(400);
    // Four-eyes: one coordinator requests, another confirms.
    expect(
      (await call('POST', `/api/v1/cases/${reference}/erasure`, coordinator, { reason: 'PERSON_REQUESTED', confirmReference: reference })).statusCode,
    ).toBe(202);
    clock.advance(1_000);
    const erased = await call('POST', `/api/v1/cases/${reference}/erasure/confirmation`, secondCoordinator, { confirmReference: reference });
    expect(erased.statusCode).toBe(200);
    const ds = await db();
    expect(await ds.query(`SELECT count(*)::int AS n FROM data_keys WHERE owner_id = $1`, [id])).toEqual([{ n: 0 }]);
    const [row] = await ds.query(`SELECT stage, closure_reason, erased_at, person_sealed, narrative_sealed, sogiesc_sealed FROM cases WHERE id = $1`, [id]);
    expect(row).toMatchObject({ stage: 'CLOSED', closure_reason: 'WITHDRAWN', person_sealed: null, narrative_sealed: null, sogiesc_sealed: null });
    expect(await ds.query(`SELECT count(*)::int AS n FROM case_notes WHERE case_id = $1`, [id])).toEqual([{ n: 0 }]);
    // Other modules' ciphertext of the case goes too (check-in notes).
    expect(await ds.query(`SELECT count(*)::int AS n FROM checkins WHERE case_id = $1 AND note_sealed IS NOT NULL`, [id])).toEqual([{ n: 0 }]);
    const read = (await call('GET', `/api/v1/cases/${reference}`, coordinator)).json();
    expect(read).toMatchObject({ reference, erased: true, stage: 'CLOSED', protected: {} });
    const history = (await call('GET', `/api/v1/cases/${reference}/history`, coordinator)).json();
    expect(history.items.map((h: { kind: string }) => h.kind)).toEqual(expect.arrayContaining(['CREATED', 'NOTE_ADDED', 'ERASURE_REQUESTED', 'ERASED']));
    expect(history.items[history.items.length - 1].kind).toBe('ERASED');
  });

  it('walks the early stages with their guards, writing history, audit and outbox events', async () => {
    const { reference } = await newCase(app, caseworkerA.token);
    const move = (to: string) => call('POST', `/api/v1/cases/${reference}/transitions`, caseworkerA, { to });
    const skip = await move('TRIAGED');
    expect(skip.statusCode).toBe(409);
    expect(skip.json()).toMatchObject({ type: 'urn:corridor:problem:stage-transition-refused', from: 'INTAKE', to: 'TRIAGED' });
    expect((await move('VERIFICATION')).statusCode).toBe(200);
    const early = await move('TRIAGED');
    expect(early.statusCode).toBe(409);
    expect(early.json().guard).toBe('verification-required');
    expect((await call('PUT', `/api/v1/cases/${reference}/verification`, caseworkerA, { outcome: 'VERIFIED_BY_STAFF' })).statusCode).toBe(200);
    expect((await move('TRIAGED')).json().guard).toBe('triage-required');
    const triage = await call('POST', `/api/v1/cases/${reference}/triage`, caseworkerA, { factors: ['DETAINED_OR_RECENTLY_RELEASED', 'NAMED_BY_DETAINEE'] });
    expect(triage.statusCode).toBe(200);
    expect(triage.json()).toMatchObject({ suggestedPriority: 'EMERGENCY', priority: 'EMERGENCY', overridden: false });
    expect((await move('TRIAGED')).statusCode).toBe(200);
    const ds = await db();
    const [{ id }] = await ds.query(`SELECT id FROM cases WHERE reference = $1`, [reference]);
    const history = await ds.query(`SELECT kind, from_stage, to_stage FROM case_history WHERE case_id = $1 ORDER BY occurred_at, kind`, [id]);
    expect(history.filter((h: { kind: string }) => h.kind === 'STAGE_CHANGED')).toHaveLength(2);
    const audits = await ds.query(`SELECT action FROM audit_events WHERE case_id = $1 AND action IN ('case.stage_changed', 'case.transition_refused')`, [id]);
    expect(audits.filter((a: { action: string }) => a.action === 'case.stage_changed')).toHaveLength(2);
    expect(audits.filter((a: { action: string }) => a.action === 'case.transition_refused')).toHaveLength(3);
    const outbox = await ds.query(`SELECT payload FROM outbox_events WHERE job_name = 'case.stage_changed' AND payload->>'caseId' = $1 ORDER BY created_at`, [
      id,
    ]);
    // The two transitions only: opening a case enters INTAKE but tells no one of a stage change.
    expect(outbox.map((row: { payload: { to: string } }) => row.payload.to).sort()).toEqual(['TRIAGED', 'VERIFICATION']);
    expect(JSON.stringify(outbox)).not.toMatch(/Elvin|Məmmədov/);
  });

  it('requires a reason to override the suggested priority, and seals it', async () => {
    const { reference } = await newCase(app, caseworkerA.token);
    const noReason = await call('POST', `/api/v1/cases/${reference}/triage`, caseworkerA, { factors: ['OUTED'], overridePriority: 'EMERGENCY' });
    expect(noReason.statusCode).toBe(400);
    const withReason = await call('POST', `/api/v1/cases/${reference}/triage`, caseworkerA, {
      factors: ['OUTED'],
      overridePriority: 'EMERGENCY',
      overrideReason: 'Brother threatened him yesterday',
    });
    expect(withReason.statusCode).toBe(200);
    expect(withReason.json()).toMatchObject({ priority: 'EMERGENCY', overridden: true });
    expect(await scanDatabaseForPlaintext(await db(), ['Brother threatened'])).toEqual([]);
  });

  it('answered only what the staff OpenAPI document declares', () => {
    expect(contract.checked()).toBeGreaterThan(0);
    expect(contract.violations()).toEqual([]);
  });
});
