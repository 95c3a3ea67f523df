import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { ApiKeyScope, StaffRole } from '@common/access/roles';
import { TickScheduler } from '@infra/scheduling/tick-scheduler';
import { eraseCase, newCase } from '@test/support/builders/cases';
import { newAgency, newApiKey } from '@test/support/builders/partners';
import { bearer, longLivedStaff, type StaffFixture } from '@test/support/builders/staff';
import { FakeClock } from '@test/support/fake-clock';
import { expectPartnerContract } from '@test/support/partner-contract';
import { scanDatabaseForPlaintext } from '@test/support/plaintext-scan';
import { TestContext, type TestApp } from '@test/support/test-context';
import { waitFor } from '@test/support/wait-for';
import { runDueJobs } from '@test/support/run-due-jobs';

const DAY = 86_400_000;
// Every scope a host partner may hold (expedite:respond is for GOVERNMENT liaisons only).
const ALL_SCOPES = Object.values(ApiKeyScope).filter((scope) => scope !== ApiKeyScope.ExpediteRespond);

type Injected = Awaited<ReturnType<NonNullable<TestApp['http']>['inject']>>;

/** A complete referral; every personal value is distinctive so scans and leak checks can find it. */
const referralBody = (overrides: Record<string, unknown> = {}) => ({
  person: { givenName: 'Rəşad', familyName: 'Qasımlı', dateOfBirth: '1991-06-02' },
  dependants: [{ givenName: 'Nərgiz', familyName: 'Qasımlı', relationship: 'SPOUSE' }],
  contact: { channels: [{ type: 'SIGNAL', value: '+994 55 765 43 21' }] },
  originCountry: 'AZ',
  currentCountry: 'GE',
  currentCity: 'Batumi',
  riskNarrative: 'Summoned twice by the security service after the Ganja protest',
  riskFactors: ['POLICE_SUMMONS_OR_SEARCH'],
  consent: { services: true, sharing: true, resettlement: false, method: 'PARTNER_ATTESTED', obtainedAt: '2026-02-27T09:00:00.000Z' },
  ...overrides,
});

describe('partner API core: idempotency, referrals, shares, partner writes', () => {
  let ctx: TestContext;
  let app: TestApp;
  let db: DataSource;
  const clock = new FakeClock('2026-03-01T08:00:00.000Z');
  let caseworker: StaffFixture;
  let coordinator: StaffFixture;
  let secondCoordinator: StaffFixture;
  let agencyA: string;
  let agencyB: string;
  let keyA: string;
  let keyB: string;
  /** Agency A, cases:read only: may read shared cases, may not write on them. */
  let keyAReadOnly: string;

  beforeAll(async () => {
    ctx = await TestContext.create();
    app = await ctx.startApp({ clock });
    db = await ctx.dataSource();
    caseworker = await longLivedStaff(app, clock, [StaffRole.Caseworker]);
    coordinator = await longLivedStaff(app, clock, [StaffRole.Coordinator]);
    secondCoordinator = await longLivedStaff(app, clock, [StaffRole.Coordinator]);
    agencyA = (await newAgency(app)).id;
    agencyB = (await newAgency(app)).id;
    keyA = (await newApiKey(app, agencyA, ALL_SCOPES)).key;
    keyB = (await newApiKey(app, agencyB, ALL_SCOPES)).key;
    keyAReadOnly = (await newApiKey(app, agencyA, [ApiKeyScope.CasesRead])).key;
  });
  afterAll(() => ctx.close());

  /** Every partner answer, success or problem, is checked against the published contract first. */
  const partner = async (method: 'GET' | 'POST', url: string, key: string, payload?: object, idempotencyKey?: string): Promise<Injected> => {
    const response = await app.http!.inject({
      method,
      url,
      headers: { ...bearer(key), ...(idempotencyKey ? { 'idempotency-key': idempotencyKey } : {}) },
      ...(payload ? { payload } : {}),
    });
    expectPartnerContract(method, url, response);
    return response;
  };
  const staff = (method: 'GET' | 'POST' | 'PUT', url: string, who: StaffFixture, payload?: object): Promise<Injected> =>
    app.http!.inject({ method, url, headers: bearer(who.token), ...(method === 'GET' ? {} : { payload: payload ?? {} }) });

  const refer = (key: string, idempotencyKey: string, payload: object = referralBody()) =>
    partner('POST', '/partner/v1/referrals', key, payload, idempotencyKey);
  const count = async (sql: string, params: unknown[] = []): Promise<number> => Number((await db.query(sql, params))[0].n);
  const casesReferredBy = (agencyId: string) => count(`SELECT count(*) AS n FROM cases WHERE referring_agency_id = $1`, [agencyId]);
  const expectProblem = (response: Injected, status: number, code: string) => {
    expect({ status: response.statusCode, type: response.json().type }).toEqual({ status, type: `urn:corridor:problem:${code}` });
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  };
  const partnerEvents = (type: string, agencyId: string): Promise<Array<{ payload: Record<string, unknown> }>> =>
    db.query(`SELECT payload FROM outbox_events WHERE job_name = 'partner.event' AND payload->>'type' = $1 AND payload->>'agencyId' = $2 ORDER BY created_at`, [
      type,
      agencyId,
    ]);

  const runDue = (): Promise<number> => runDueJobs(app, clock);

  /** A case of the caseworker, shared with an agency; returns the reference and share id. */
  const sharedCase = async (
    agencyId: string,
    fields: string[],
    overrides: Record<string, unknown> = {},
  ): Promise<{ reference: string; shareId: string; expiresAt: string }> => {
    const { reference } = await newCase(app, caseworker.token, overrides);
    const expiresAt = new Date(clock.nowMs() + 30 * DAY).toISOString();
    const response = await staff('POST', `/api/v1/cases/${reference}/shares`, caseworker, { agencyId, fields, purpose: 'SHELTER', expiresAt });
    expect(response.statusCode).toBe(201);
    return { reference, shareId: response.json().id, expiresAt };
  };

  describe('Idempotency-Key', () => {
    it('is required on a mutating partner request: 400, and nothing happens', async () => {
      const before = await casesReferredBy(agencyA);
      const response = await partner('POST', '/partner/v1/referrals', keyA, referralBody());
      expectProblem(response, 400, 'idempotency-key-required');
      expect(await casesReferredBy(agencyA)).toBe(before);
    });

    it('replays the same status and body for the same key and request, with one effect', async () => {
      const key = randomUUID();
      const first = await refer(keyA, key);
      expect(first.statusCode).toBe(201);
      const referral = first.json();
      expect(referral).toEqual({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        status: 'RECEIVED',
        submittedAt: clock.now().toISOString(),
        statusChangedAt: clock.now().toISOString(),
        caseReference: null,
      });
      const before = await casesReferredBy(agencyA);

      clock.advance(60_000);
      // The same request with its members in another order is the same request.
      const { consent, ...rest } = referralBody();
      const again = await refer(keyA, key, { consent, ...rest });
      expect(again.statusCode).toBe(201);
      expect(again.json()).toEqual(referral);
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(await casesReferredBy(agencyA)).toBe(before);
    });

    it('refuses the same key with another body (422) and changes nothing', async () => {
      const key = randomUUID();
      expect((await refer(keyA, key)).statusCode).toBe(201);
      const before = await casesReferredBy(agencyA);
      const other = await refer(keyA, key, referralBody({ currentCity: 'Kutaisi' }));
      expectProblem(other, 422, 'idempotency-key-reused');
      expect(await casesReferredBy(agencyA)).toBe(before);
    });

    it('scopes keys per agency: another agency using the same key gets its own request, not a replay', async () => {
      const key = randomUUID();
      const a = await refer(keyA, key);
      const b = await refer(keyB, key);
      expect([a.statusCode, b.statusCode]).toEqual([201, 201]);
      expect(b.json().id).not.toBe(a.json().id);
      expect(b.headers['idempotent-replayed']).toBeUndefined();
    });

    it('answers 409 while the first request is in flight, and concurrent duplicates open one case', async () => {
      const key = randomUUID();
      const before = await casesReferredBy(agencyA);
      // Hold the first request inside its transaction: a lock on the referrals table stops it there.
      const blocker = db.createQueryRunner();
      await blocker.connect();
      await blocker.startTransaction();
      await blocker.query(`LOCK TABLE referrals IN EXCLUSIVE MODE`);
      let first: Promise<Injected> | undefined;
      try {
        first = refer(keyA, key);
        await waitFor(
          'the first request to claim its key',
          async () => (await count(`SELECT count(*) AS n FROM idempotency_records WHERE key = $1 AND state = 'IN_FLIGHT'`, [key])) === 1,
        );
        const duplicates = await Promise.all([refer(keyA, key), refer(keyA, key)]);
        for (const duplicate of duplicates) {
          expectProblem(duplicate, 409, 'idempotency-key-in-flight');
          expect(duplicate.headers['retry-after']).toBe('1');
        }
      } finally {
        await blocker.commitTransaction();
        await blocker.release();
      }
      const done = await first;
      expect(done.statusCode).toBe(201);
      const replay = await refer(keyA, key);
      expect({ status: replay.statusCode, body: replay.json() }).toEqual({ status: 201, body: done.json() });
      expect(await casesReferredBy(agencyA)).toBe(before + 1);
    });

    it('many truly concurrent duplicates still make exactly one case', async () => {
      const key = randomUUID();
      const before = await casesReferredBy(agencyA);
      const answers = await Promise.all(Array.from({ length: 6 }, () => refer(keyA, key)));
      const created = answers.filter((answer) => answer.statusCode === 201);
      expect(answers.every((answer) => answer.statusCode === 201 || answer.statusCode === 409)).toBe(true);
      expect(new Set(created.map((answer) => answer.json().id)).size).toBe(1);
      expect(await casesReferredBy(agencyA)).toBe(before + 1);
    });

    it('a refused first attempt does not poison the key', async () => {
      const key = randomUUID();
      const before = await casesReferredBy(agencyA);
      const refused = await refer(
        keyA,
        key,
        referralBody({ consent: { services: false, sharing: false, resettlement: false, method: 'PARTNER_ATTESTED', obtainedAt: '2026-02-27T09:00:00.000Z' } }),
      );
      expectProblem(refused, 422, 'consent-to-services-required');
      expect(await casesReferredBy(agencyA)).toBe(before);
      const retried = await refer(keyA, key);
      expect(retried.statusCode).toBe(201);
      expect(await casesReferredBy(agencyA)).toBe(before + 1);
    });

    it('stores nothing personal, and is pruned after its retention', async () => {
      const stored: Array<{ response_body: unknown }> = await db.query(`SELECT response_body FROM idempotency_records WHERE scope = $1`, [`agency:${agencyA}`]);
      expect(stored.length).toBeGreaterThan(0);
      expect(JSON.stringify(stored)).not.toMatch(/Qasımlı|Rəşad|Batumi|\+994|765 43 21|Ganja/);

      clock.advance(25 * 3_600_000);
      await app.context.get(TickScheduler).fire('idempotency.prune');
      expect(await count(`SELECT count(*) AS n FROM idempotency_records WHERE expires_at <= $1`, [clock.now()])).toBe(0);
    });
  });

  describe('referrals', () => {
    it('refuses bad input with 400 naming the fields, echoing nothing and creating nothing', async () => {
      const before = await casesReferredBy(agencyA);
      const response = await refer(keyA, randomUUID(), referralBody({ riskFactors: ['SECRETLY_GAY'], currentCountry: 'georgia', extra: 'Qasımlı' }));
      expectProblem(response, 400, 'validation-failed');
      expect(
        response
          .json()
          .errors.map((error: { pointer: string }) => error.pointer)
          .sort(),
      ).toEqual(['/currentCountry', '/extra', '/riskFactors'].sort());
      expect(response.body).not.toContain('Qasımlı');
      expect(await casesReferredBy(agencyA)).toBe(before);
    });

    it('opens a case at INTAKE that staff see with the referring agency; only staff learn of a possible duplicate', async () => {
      const person = { givenName: 'Tural', familyName: 'Hüseynov', dateOfBirth: '1989-01-15' };
      const contact = { channels: [{ type: 'WHATSAPP', value: '+995 599 11 22 33' }] };
      const first = await refer(keyA, randomUUID(), referralBody({ person, contact }));
      const [row] = await db.query(
        `SELECT c.reference, c.stage, c.priority, c.referring_agency_id, c.consent_recorded_by FROM referrals r JOIN cases c ON c.id = r.case_id WHERE r.id = $1`,
        [first.json().id],
      );
      expect(row).toEqual({
        reference: expect.any(String),
        stage: 'INTAKE',
        priority: 'EMERGENCY',
        referring_agency_id: agencyA,
        consent_recorded_by: agencyA,
      });

      const detail = await staff('GET', `/api/v1/cases/${row.reference}`, coordinator);
      expect(detail.statusCode).toBe(200);
      expect(detail.json()).toMatchObject({
        reference: row.reference,
        stage: 'INTAKE',
        referringAgencyId: agencyA,
        assignedCaseworkerIds: [],
        protected: { identity: person },
      });
      expect(detail.json().protected.narrative).toContain('POLICE_SUMMONS_OR_SEARCH');

      // The same person in Cyrillic, from another agency: flagged for staff; the agency is told nothing of it.
      const second = await refer(
        keyB,
        randomUUID(),
        referralBody({ person: { givenName: 'Турал', familyName: 'Гусейнов', dateOfBirth: '1989-01-15' }, contact }),
      );
      expect(second.statusCode).toBe(201);
      expect(Object.keys(second.json()).sort()).toEqual(['caseReference', 'id', 'status', 'statusChangedAt', 'submittedAt']);
      expect(second.json().caseReference).toBeNull();
      expect(second.body).not.toContain(row.reference);
      const [flagged] = await db.query(`SELECT c.possible_duplicate FROM referrals r JOIN cases c ON c.id = r.case_id WHERE r.id = $1`, [second.json().id]);
      expect(flagged).toEqual({ possible_duplicate: true });
    });

    it('each agency sees only its own referrals (404 for another agency, as for none)', async () => {
      const mine = (await refer(keyA, randomUUID())).json();
      expect((await partner('GET', `/partner/v1/referrals/${mine.id}`, keyA)).json()).toEqual(mine);
      expectProblem(await partner('GET', `/partner/v1/referrals/${mine.id}`, keyB), 404, 'not-found');
      expectProblem(await partner('GET', `/partner/v1/referrals/${randomUUID()}`, keyB), 404, 'not-found');
      const listedByB = (await partner('GET', '/partner/v1/referrals?limit=100', keyB)).json();
      expect(listedByB.items.map((item: { id: string }) => item.id)).not.toContain(mine.id);
      const denied = await count(`SELECT count(*) AS n FROM audit_events WHERE action = 'referral.access_denied' AND actor_id = $1`, [agencyB]);
      expect(denied).toBe(2);
    });

    it('lists with keyset pagination, oldest first', async () => {
      const ids: string[] = (await db.query(`SELECT id FROM referrals WHERE agency_id = $1 ORDER BY created_at, id`, [agencyA])).map(
        (row: { id: string }) => row.id,
      );
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page: { items: Array<{ id: string }>; nextCursor: string | null } = (
          await partner('GET', `/partner/v1/referrals?limit=2${cursor ? `&cursor=${cursor}` : ''}`, keyA)
        ).json();
        expect(page.items.length).toBeLessThanOrEqual(2);
        seen.push(...page.items.map((item: { id: string }) => item.id));
        cursor = page.nextCursor;
      } while (cursor);
      expect(seen).toEqual(ids);
    });

    it('gives the case reference while the agency holds an active share of the case: not before, not after revocation or expiry, never to another agency', async () => {
      const referral = (await refer(keyA, randomUUID())).json();
      expect(referral.caseReference).toBeNull();
      const [{ reference }] = await db.query(`SELECT c.reference FROM referrals r JOIN cases c ON c.id = r.case_id WHERE r.id = $1`, [referral.id]);
      const readByA = async () => (await partner('GET', `/partner/v1/referrals/${referral.id}`, keyA)).json();
      const listedByA = async () => {
        const items: Array<{ id: string; caseReference: string | null }> = [];
        let cursor: string | null = null;
        do {
          const page: { items: typeof items; nextCursor: string | null } = (
            await partner('GET', `/partner/v1/referrals?limit=100${cursor ? `&cursor=${cursor}` : ''}`, keyA)
          ).json();
          items.push(...page.items);
          cursor = page.nextCursor;
        } while (cursor);
        return items.find((item) => item.id === referral.id);
      };
      const shareWith = async (agencyId: string, days: number): Promise<{ id: string; expiresAt: string }> => {
        const expiresAt = new Date(clock.nowMs() + days * DAY).toISOString();
        const response = await staff('POST', `/api/v1/cases/${reference}/shares`, caseworker, { agencyId, fields: ['stage'], purpose: 'SHELTER', expiresAt });
        expect(response.statusCode).toBe(201);
        return { id: response.json().id, expiresAt };
      };
      expect((await staff('PUT', `/api/v1/cases/${reference}/assignment`, coordinator, { caseworkerIds: [caseworker.id] })).statusCode).toBe(200);

      // No share: the same answer as at submission.
      expect(await readByA()).toEqual(referral);
      // A share with another agency tells A nothing; B still cannot see A's referral.
      await shareWith(agencyB, 30);
      expect((await readByA()).caseReference).toBeNull();
      expectProblem(await partner('GET', `/partner/v1/referrals/${referral.id}`, keyB), 404, 'not-found');

      // A's own active share: the reference, in the read and in the list, and it opens the case.
      const share = await shareWith(agencyA, 30);
      expect(await readByA()).toEqual({ ...referral, caseReference: reference });
      expect(await listedByA()).toEqual({ ...referral, caseReference: reference });
      expect((await partner('GET', `/partner/v1/cases/${reference}`, keyA)).statusCode).toBe(200);
      expectProblem(await partner('GET', `/partner/v1/referrals/${referral.id}`, keyB), 404, 'not-found');

      // Revoked: gone at once.
      expect((await staff('POST', `/api/v1/cases/${reference}/shares/${share.id}/revoke`, caseworker)).statusCode).toBe(200);
      expect(await readByA()).toEqual(referral);
      expect(await listedByA()).toEqual(referral);

      // Expired: gone the moment it expires.
      const shortShare = await shareWith(agencyA, 1);
      expect((await readByA()).caseReference).toBe(reference);
      clock.set(shortShare.expiresAt);
      expect(await readByA()).toEqual(referral);
      expect(await listedByA()).toEqual(referral);
    });

    it('follows the case stage in coarse terms and tells the agency once per change', async () => {
      const referral = (await refer(keyA, randomUUID())).json();
      const [{ reference }] = await db.query(`SELECT c.reference FROM referrals r JOIN cases c ON c.id = r.case_id WHERE r.id = $1`, [referral.id]);
      expect((await staff('PUT', `/api/v1/cases/${reference}/assignment`, coordinator, { caseworkerIds: [caseworker.id] })).statusCode).toBe(200);
      clock.advance(1_000);
      expect((await staff('POST', `/api/v1/cases/${reference}/transitions`, coordinator, { to: 'VERIFICATION' })).statusCode).toBe(200);
      const read = (await partner('GET', `/partner/v1/referrals/${referral.id}`, keyA)).json();
      expect(read).toEqual({ ...referral, status: 'IN_REVIEW', statusChangedAt: clock.now().toISOString() });
      const events = (await partnerEvents('referral.status_changed', agencyA)).filter(
        (event) => (event.payload.data as { referralId: string }).referralId === referral.id,
      );
      expect(events.map((event) => event.payload.data)).toEqual([
        { referralId: referral.id, status: 'IN_REVIEW', previousStatus: 'RECEIVED', changedAt: clock.now().toISOString() },
      ]);
    });
  });

  describe('shares', () => {
    it('a partner sees a shared case with exactly the shared fields; another agency never does', async () => {
      const fields = ['city', 'firstName', 'nextCheckinDue'];
      const { reference, expiresAt } = await sharedCase(agencyA, fields);
      const response = await partner('GET', `/partner/v1/cases/${reference}`, keyA);
      expect(response.statusCode).toBe(200);
      expect(response.json()).toEqual({
        reference,
        sharedFields: fields,
        purpose: 'SHELTER',
        shareExpiresAt: expiresAt,
        firstName: 'Elvin',
        city: 'Sumqayit',
        nextCheckinDue: expect.any(String),
      });
      // Nothing outside the share, in any form.
      for (const secret of ['Məmmədov', 'Nizami', 'Blue gate', '+994', 'Detained', 'antiretroviral', 'C01234567', 'Aysel', 'gay'])
        expect(response.body).not.toContain(secret);

      expectProblem(await partner('GET', `/partner/v1/cases/${reference}`, keyB), 404, 'not-found');
      expect((await partner('GET', '/partner/v1/cases', keyB)).json().items.map((item: { reference: string }) => item.reference)).not.toContain(reference);
      const listed = (await partner('GET', '/partner/v1/cases?limit=100', keyA))
        .json()
        .items.find((item: { reference: string }) => item.reference === reference);
      expect(listed).toEqual(response.json());

      const reads = await db.query(`SELECT actor_type, details FROM audit_events WHERE action = 'case.read' AND resource_id = $1 AND actor_id = $2`, [
        reference,
        agencyA,
      ]);
      expect(reads.length).toBe(2);
      expect(reads[0]).toEqual({ actor_type: 'partner', details: expect.objectContaining({ basis: 'share', fields }) });
      expect(
        await count(`SELECT count(*) AS n FROM audit_events WHERE action = 'case.access_denied' AND resource_id = $1 AND actor_id = $2`, [reference, agencyB]),
      ).toBe(1);
      expect((await partnerEvents('case.shared', agencyA)).some((event) => (event.payload.data as { caseReference: string }).caseReference === reference)).toBe(
        true,
      );
    });

    it('a revoked share vanishes at once (404) and the agency is told', async () => {
      const { reference, shareId } = await sharedCase(agencyA, ['stage']);
      expect((await partner('GET', `/partner/v1/cases/${reference}`, keyA)).json()).toMatchObject({ stage: 'INTAKE' });
      const revoked = await staff('POST', `/api/v1/cases/${reference}/shares/${shareId}/revoke`, caseworker);
      expect(revoked.statusCode).toBe(200);
      expect(revoked.json()).toMatchObject({ id: shareId, status: 'REVOKED', revokedAt: clock.now().toISOString() });
      expectProblem(await partner('GET', `/partner/v1/cases/${reference}`, keyA), 404, 'not-found');
      expect((await partner('GET', '/partner/v1/cases?limit=100', keyA)).json().items.map((item: { reference: string }) => item.reference)).not.toContain(
        reference,
      );
      expect((await partnerEvents('case.share_revoked', agencyA)).map((event) => event.payload.data)).toContainEqual({ shareId, caseReference: reference });
      const listed = (await staff('GET', `/api/v1/cases/${reference}/shares`, caseworker)).json();
      expect(listed.items.map((item: { id: string; status: string }) => [item.id, item.status])).toEqual([[shareId, 'REVOKED']]);
    });

    it('withdrawn consent to sharing ends every share of the case at once', async () => {
      const { reference } = await sharedCase(agencyA, ['stage']);
      expect((await partner('GET', `/partner/v1/cases/${reference}`, keyA)).statusCode).toBe(200);
      const withdrawn = await staff('PUT', `/api/v1/cases/${reference}/consent`, caseworker, {
        services: true,
        sharing: false,
        resettlement: true,
        method: 'PHONE',
        obtainedAt: clock.now().toISOString(),
      });
      expect(withdrawn.statusCode).toBe(200);
      expectProblem(await partner('GET', `/partner/v1/cases/${reference}`, keyA), 404, 'not-found');
      const listed = await partner('GET', '/partner/v1/cases?limit=100', keyA);
      expect(listed.statusCode).toBe(200);
      expect(listed.json().items.map((item: { reference: string }) => item.reference)).not.toContain(reference);
      // Nor is the agency told anything more about the case.
      expectProblem(await staff('POST', `/api/v1/cases/${reference}/check-in-requests`, caseworker), 409, 'no-active-share');
    });

    it('an expired share vanishes the moment it expires', async () => {
      const { reference, expiresAt } = await sharedCase(agencyA, ['dependantsCount']);
      clock.set(new Date(new Date(expiresAt).getTime() - 1));
      expect((await partner('GET', `/partner/v1/cases/${reference}`, keyA)).json()).toMatchObject({ dependantsCount: 1 });
      clock.set(expiresAt);
      expectProblem(await partner('GET', `/partner/v1/cases/${reference}`, keyA), 404, 'not-found');
      expectProblem(await partner('POST', `/partner/v1/cases/${reference}/check-ins`, keyA, { channel: 'CALL' }, randomUUID()), 404, 'not-found');
    });

    it("needs the person's consent to sharing, an active agency, and a sane expiry; refusals change nothing", async () => {
      const { reference } = await newCase(app, caseworker.token, {
        consent: { services: true, sharing: false, resettlement: false, method: 'IN_PERSON', obtainedAt: '2026-01-10T10:00:00.000Z' },
      });
      const body = { agencyId: agencyA, fields: ['firstName'], purpose: 'SHELTER', expiresAt: new Date(clock.nowMs() + DAY).toISOString() };
      const refused = await staff('POST', `/api/v1/cases/${reference}/shares`, caseworker, body);
      expectProblem(refused, 409, 'sharing-consent-required');
      expect(refused.json().guard).toBe('consentSharing');

      const { reference: consenting } = await newCase(app, caseworker.token);
      expectProblem(await staff('POST', `/api/v1/cases/${consenting}/shares`, caseworker, { ...body, agencyId: randomUUID() }), 422, 'unknown-agency');
      expectProblem(
        await staff('POST', `/api/v1/cases/${consenting}/shares`, caseworker, { ...body, expiresAt: new Date(clock.nowMs() - 1).toISOString() }),
        400,
        'validation-failed',
      );
      expectProblem(
        await staff('POST', `/api/v1/cases/${consenting}/shares`, caseworker, { ...body, expiresAt: new Date(clock.nowMs() + 181 * DAY).toISOString() }),
        400,
        'validation-failed',
      );
      const badField = await staff('POST', `/api/v1/cases/${consenting}/shares`, caseworker, { ...body, fields: ['familyName'] });
      expectProblem(badField, 400, 'validation-failed');
      expect(badField.json().errors.map((error: { pointer: string }) => error.pointer)).toEqual(['/fields']);
      expect(
        await count(`SELECT count(*) AS n FROM case_shares s JOIN cases c ON c.id = s.case_id WHERE c.reference IN ($1, $2)`, [reference, consenting]),
      ).toBe(0);
      // A caseworker not on the case cannot share it: 404 like any case outside their scope.
      const stranger = await longLivedStaff(app, clock, [StaffRole.Caseworker]);
      expectProblem(await staff('POST', `/api/v1/cases/${consenting}/shares`, stranger, body), 404, 'not-found');
    });

    it('lists the shared cases with keyset pagination, never more than asked', async () => {
      const agency = (await newAgency(app)).id;
      const key = (await newApiKey(app, agency, [ApiKeyScope.CasesRead])).key;
      const references: string[] = [];
      for (let i = 0; i < 3; i += 1) {
        references.push((await sharedCase(agency, ['stage'])).reference);
        clock.advance(1_000);
      }
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page: { items: Array<{ reference: string; stage: string }>; nextCursor: string | null } = (
          await partner('GET', `/partner/v1/cases?limit=2${cursor ? `&cursor=${cursor}` : ''}`, key)
        ).json();
        expect(page.items.length).toBeLessThanOrEqual(2);
        seen.push(...page.items.map((item) => item.reference));
        cursor = page.nextCursor;
      } while (cursor);
      expect(seen).toEqual(references);
      expectProblem(await partner('GET', '/partner/v1/cases?limit=101', key), 400, 'validation-failed');
    });

    it('a new share to the same agency supersedes the old one', async () => {
      const { reference, shareId } = await sharedCase(agencyA, ['firstName']);
      clock.advance(1_000);
      const second = await staff('POST', `/api/v1/cases/${reference}/shares`, caseworker, {
        agencyId: agencyA,
        fields: ['city'],
        purpose: 'TRANSIT_SUPPORT',
        expiresAt: new Date(clock.nowMs() + DAY).toISOString(),
      });
      expect(second.statusCode).toBe(201);
      const view = (await partner('GET', `/partner/v1/cases/${reference}`, keyA)).json();
      expect(view).toMatchObject({ sharedFields: ['city'], purpose: 'TRANSIT_SUPPORT' });
      expect(view.firstName).toBeUndefined();
      const statuses = (await staff('GET', `/api/v1/cases/${reference}/shares`, caseworker))
        .json()
        .items.map((item: { id: string; status: string }) => [item.id, item.status]);
      expect(statuses).toEqual([
        [shareId, 'REVOKED'],
        [second.json().id, 'ACTIVE'],
      ]);
    });
  });

  describe('partner writes on shared cases', () => {
    it('a partner check-in resolves the missed-check-in escalation, once per key', async () => {
      const { reference } = await sharedCase(agencyA, ['stage']);
      await db.query(`UPDATE cases SET triaged_at = $2 WHERE reference = $1`, [reference, clock.now()]);
      const schedule = (await staff('GET', `/api/v1/cases/${reference}/schedule`, caseworker)).json();
      clock.set(schedule.deadlineAt);
      await runDue();
      const open = async () => db.query(`SELECT state FROM escalations WHERE case_reference = $1 AND trigger = 'MISSED_CHECKIN'`, [reference]);
      expect(await open()).toEqual([{ state: 'OPEN' }]);

      expectProblem(await partner('POST', `/partner/v1/cases/${reference}/check-ins`, keyB, { channel: 'VISIT' }, randomUUID()), 404, 'not-found');
      expectProblem(await partner('POST', `/partner/v1/cases/${reference}/check-ins`, keyAReadOnly, { channel: 'VISIT' }, randomUUID()), 403, 'forbidden');
      expectProblem(await partner('POST', `/partner/v1/cases/${reference}/check-ins`, keyA, { channel: 'PIGEON' }, randomUUID()), 400, 'validation-failed');
      expectProblem(await partner('POST', `/partner/v1/cases/${reference}/check-ins`, keyA, { channel: 'VISIT' }), 400, 'idempotency-key-required');
      expectProblem(
        await partner('POST', `/partner/v1/cases/${reference}/service-updates`, keyA, { type: 'SHELTER_PROVIDED' }),
        400,
        'idempotency-key-required',
      );

      const key = randomUUID();
      const recorded = await partner('POST', `/partner/v1/cases/${reference}/check-ins`, keyA, { channel: 'VISIT', note: 'Seen at the shelter kitchen' }, key);
      expect(recorded.statusCode).toBe(201);
      expect(recorded.json()).toEqual({ id: expect.any(String), reference, channel: 'VISIT', recordedAt: clock.now().toISOString() });
      expect((await open())[0].state).not.toBe('OPEN');
      const again = await partner('POST', `/partner/v1/cases/${reference}/check-ins`, keyA, { channel: 'VISIT', note: 'Seen at the shelter kitchen' }, key);
      expect(again.json()).toEqual(recorded.json());
      expect(
        await count(
          `SELECT count(*) AS n FROM checkins c JOIN cases k ON k.id = c.case_id WHERE k.reference = $1 AND c.source = 'PARTNER' AND c.recorded_by = $2`,
          [reference, agencyA],
        ),
      ).toBe(1);
      // One key on another case is another request.
      const { reference: other } = await sharedCase(agencyA, ['stage']);
      expectProblem(
        await partner('POST', `/partner/v1/cases/${other}/check-ins`, keyA, { channel: 'VISIT', note: 'Seen at the shelter kitchen' }, key),
        422,
        'idempotency-key-reused',
      );
      expect(await scanDatabaseForPlaintext(db, ['Seen at the shelter kitchen'])).toEqual([]);
    });

    it('service updates are typed, sealed, idempotent, and visible to staff on the case', async () => {
      const { reference } = await sharedCase(agencyA, ['firstName']);
      const note = 'Room 14 at the Ortachala shelter until Friday';
      const before = await count(`SELECT count(*) AS n FROM service_updates`);
      expectProblem(
        await partner('POST', `/partner/v1/cases/${reference}/service-updates`, keyA, { type: 'FREE_HUGS', note }, randomUUID()),
        400,
        'validation-failed',
      );
      expectProblem(
        await partner('POST', `/partner/v1/cases/${reference}/service-updates`, keyA, { type: 'SHELTER_PROVIDED', occurredOn: 'yesterday' }, randomUUID()),
        400,
        'validation-failed',
      );
      expectProblem(
        await partner('POST', `/partner/v1/cases/${reference}/service-updates`, keyB, { type: 'SHELTER_PROVIDED', note }, randomUUID()),
        404,
        'not-found',
      );
      expect(await count(`SELECT count(*) AS n FROM service_updates`)).toBe(before);

      const key = randomUUID();
      const created = await partner(
        'POST',
        `/partner/v1/cases/${reference}/service-updates`,
        keyA,
        { type: 'SHELTER_PROVIDED', note, occurredOn: '2026-02-28' },
        key,
      );
      expect(created.statusCode).toBe(201);
      expect(created.json()).toEqual({
        id: expect.any(String),
        reference,
        type: 'SHELTER_PROVIDED',
        occurredOn: '2026-02-28',
        recordedAt: clock.now().toISOString(),
      });
      expect(
        (
          await partner('POST', `/partner/v1/cases/${reference}/service-updates`, keyA, { type: 'SHELTER_PROVIDED', note, occurredOn: '2026-02-28' }, key)
        ).json(),
      ).toEqual(created.json());
      expect(await count(`SELECT count(*) AS n FROM service_updates`)).toBe(before + 1);

      const seen = await staff('GET', `/api/v1/cases/${reference}/service-updates`, caseworker);
      expect(seen.json().items).toEqual([{ ...created.json(), agencyId: agencyA, note }]);
      const history = (await staff('GET', `/api/v1/cases/${reference}/history`, caseworker)).json().items.map((item: { kind: string }) => item.kind);
      expect(history).toContain('SERVICE_UPDATE');
      expect(await scanDatabaseForPlaintext(db, [note, 'Ortachala'])).toEqual([]);

      // Erasure takes the notes with the rest of the case, and the agency loses the case.
      expect((await eraseCase(app, reference, coordinator.token, secondCoordinator.token)).statusCode).toBe(200);
      expect(await db.query(`SELECT note_sealed FROM service_updates WHERE id = $1`, [created.json().id])).toEqual([{ note_sealed: null }]);
      expectProblem(await partner('GET', `/partner/v1/cases/${reference}`, keyA), 404, 'not-found');
    });

    it('staff ask the sharing agencies for a check-in (checkin.requested); with no share, 409', async () => {
      const { reference } = await sharedCase(agencyB, ['stage']);
      const asked = await staff('POST', `/api/v1/cases/${reference}/check-in-requests`, caseworker);
      expect(asked.statusCode).toBe(202);
      expect(asked.json()).toEqual({ reference, agencies: 1 });
      expect((await partnerEvents('checkin.requested', agencyB)).map((event) => (event.payload.data as { caseReference: string }).caseReference)).toContain(
        reference,
      );
      expect(await partnerEvents('checkin.requested', agencyA)).toEqual([]);
      const { reference: unshared } = await newCase(app, caseworker.token);
      expectProblem(await staff('POST', `/api/v1/cases/${unshared}/check-in-requests`, caseworker), 409, 'no-active-share');
    });
  });

  describe('limits', () => {
    it('refuses a partner body over the partner limit with 413 problem+json', async () => {
      const response = await refer(keyA, randomUUID(), referralBody({ riskNarrative: 'x'.repeat(70 * 1024) }));
      expectProblem(response, 413, 'payload-too-large');
    });

    it('refuses a body that is not JSON with 415 problem+json, as documented, and refers no one', async () => {
      const before = await casesReferredBy(agencyA);
      const response = await app.http!.inject({
        method: 'POST',
        url: '/partner/v1/referrals',
        headers: { ...bearer(keyA), 'idempotency-key': randomUUID(), 'content-type': 'application/xml' },
        payload: '<referral><person>Elvin</person></referral>',
      });
      expectPartnerContract('POST', '/partner/v1/referrals', response);
      expectProblem(response, 415, 'unsupported-media-type');
      expect(await casesReferredBy(agencyA)).toBe(before);
    });
  });

  describe('no partner event carries personal data', () => {
    it('holds only ids, codes and timestamps', async () => {
      const events: Array<{ payload: unknown }> = await db.query(`SELECT payload FROM outbox_events WHERE job_name = 'partner.event'`);
      expect(events.length).toBeGreaterThan(0);
      expect(JSON.stringify(events)).not.toMatch(/Qasımlı|Rəşad|Batumi|Elvin|Sumqayit|\+994|765 43 21|Ortachala|Ganja/);
    });
  });
});

describe('partner rate limit', () => {
  let ctx: TestContext;
  let app: TestApp;

  beforeAll(async () => {
    ctx = await TestContext.create();
    app = await ctx.startApp({ env: { PARTNER_RATE_LIMIT_PER_MINUTE: '3' } });
  });
  afterAll(() => ctx.close());

  it('limits each agency on its own, with 429 and Retry-After', async () => {
    const a = (await newApiKey(app, (await newAgency(app)).id, ALL_SCOPES)).key;
    const b = (await newApiKey(app, (await newAgency(app)).id, ALL_SCOPES)).key;
    const get = async (key: string) => {
      const response = await app.http!.inject({ method: 'GET', url: '/partner/v1/referrals', headers: bearer(key) });
      expectPartnerContract('GET', '/partner/v1/referrals', response);
      return response;
    };
    for (let i = 0; i < 3; i += 1) expect((await get(a)).statusCode).toBe(200);
    const limited = await get(a);
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect((await get(b)).statusCode).toBe(200);
  });
});
