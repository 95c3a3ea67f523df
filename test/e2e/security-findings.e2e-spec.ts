import { StaffRole } from '@common/access/roles';
import { eraseCase, newCase } from '@test/support/builders/cases';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { ApiKeyScope } from '@common/access/roles';
import { PARTNER_OPENAPI_FILE } from '@app/export-openapi';
import { newAgency, newApiKey } from '@test/support/builders/partners';
import { expectPartnerContract } from '@test/support/partner-contract';
import { scanDatabaseForPlaintext } from '@test/support/plaintext-scan';
import { ClearCodesSealer } from '@modules/cases/clear-codes-sealer';
import { AuditSealer } from '@modules/audit/audit-sealer';
import { TickScheduler } from '@infra/scheduling/tick-scheduler';
import { SealRiskCodes1763884000000 } from '@migrations/1763884000000-SealRiskCodes';
import { base32Decode, totpCode, totpStep } from '@modules/staff/totp';
import { bearer, login, longLivedStaff, type StaffFixture } from '@test/support/builders/staff';
import { FakeClock } from '@test/support/fake-clock';
import { runDueJobs } from '@test/support/run-due-jobs';
import { TestContext, type TestApp } from '@test/support/test-context';
import type { DataSource } from 'typeorm';

const MIN = 60_000;

/**
 * Issue 15, findings 1–4: each test performs the attack as the adversarial test described it.
 */
describe('security findings (issue 15)', () => {
  let ctx: TestContext;
  let app: TestApp;
  let db: DataSource;
  const clock = new FakeClock(new Date('2026-04-01T08:00:00.000Z'));
  let caseworker: StaffFixture;
  let offRosterCaseworker: StaffFixture;
  let inCharge: StaffFixture;
  let secondInCharge: StaffFixture;
  let outsider: StaffFixture;
  let agencyId: string;

  beforeAll(async () => {
    ctx = await TestContext.create();
    app = await ctx.startApp({ clock });
    db = await ctx.dataSource();
    caseworker = await longLivedStaff(app, clock, [StaffRole.Caseworker]);
    offRosterCaseworker = await longLivedStaff(app, clock, [StaffRole.Caseworker]);
    inCharge = await longLivedStaff(app, clock, [StaffRole.Coordinator]);
    secondInCharge = await longLivedStaff(app, clock, [StaffRole.Coordinator]);
    outsider = await longLivedStaff(app, clock, [StaffRole.Coordinator]);
    agencyId = (await newAgency(app)).id;
  });
  afterAll(() => ctx.close());

  const call = (method: 'GET' | 'POST' | 'PUT', url: string, who: StaffFixture, payload?: object) =>
    app.http!.inject({ method, url, headers: bearer(who.token), ...(payload ? { payload } : {}) });

  describe('finding 1: break-glass is a read-only window; erasure needs a second person', () => {
    let reference: string;

    beforeAll(async () => {
      // An activation whose coordinators are `inCharge` and `secondInCharge`: the outsider is out of scope.
      const activation = await call('POST', '/api/v1/activations', inCharge, {
        code: 'SEC-15-1',
        title: 'Purge response',
        originCountries: ['AZ'],
        transitCountries: ['GE'],
        agencyIds: [],
        roster: [{ userId: caseworker.id, caseloadCap: 50 }],
        coordinatorIds: [inCharge.id, secondInCharge.id],
      });
      expect(activation.statusCode).toBe(201);
      await runDueJobs(app, clock);
      reference = (await newCase(app, caseworker.token)).reference;
      const [row] = await db.query(`SELECT activation_id FROM cases WHERE reference = $1`, [reference]);
      expect(row.activation_id).not.toBeNull();
      expect((await call('GET', `/api/v1/cases/${reference}`, outsider)).statusCode).toBe(404);
    });

    it('lets a break-glass coordinator read (SOGIESC included) and nothing else, and nothing outlives the grant', async () => {
      expect((await call('POST', `/api/v1/cases/${reference}/break-glass`, outsider, { reason: 'IMMEDIATE_DANGER' })).statusCode).toBe(200);
      const read = await call('GET', `/api/v1/cases/${reference}`, outsider);
      expect(read.statusCode).toBe(200);
      expect(read.json().protected.sogiesc).toEqual({ sexualOrientation: 'gay', genderIdentity: 'man' });

      // The attack: assign two caseworkers (one off the roster), share, erase — all refused like an unknown case.
      const [{ n: historyBefore }] = await db.query(`SELECT count(*)::int AS n FROM case_history h JOIN cases c ON c.id = h.case_id WHERE c.reference = $1`, [
        reference,
      ]);
      const attempts = [
        await call('PUT', `/api/v1/cases/${reference}/assignment`, outsider, { caseworkerIds: [caseworker.id, offRosterCaseworker.id] }),
        await call('POST', `/api/v1/cases/${reference}/shares`, outsider, {
          agencyId,
          fields: ['firstName'],
          purpose: 'SHELTER',
          expiresAt: new Date(clock.nowMs() + 7 * 86_400_000).toISOString(),
        }),
        await call('POST', `/api/v1/cases/${reference}/erasure`, outsider, { reason: 'PERSON_REQUESTED', confirmReference: reference }),
        await call('POST', `/api/v1/cases/${reference}/checkin-links`, outsider, { kind: 'CHECKIN' }),
        await call('POST', `/api/v1/cases/${reference}/notes`, outsider, { body: 'written through break-glass' }),
        await call('PUT', `/api/v1/cases/${reference}/flags`, outsider, { flags: [] }),
      ];
      for (const attempt of attempts)
        expect({ status: attempt.statusCode, type: attempt.json().type, body: attempt.statusCode === 400 ? attempt.body : '' }).toEqual({
          status: 404,
          type: 'urn:corridor:problem:not-found',
          body: '',
        });
      const [{ n: historyAfter }] = await db.query(`SELECT count(*)::int AS n FROM case_history h JOIN cases c ON c.id = h.case_id WHERE c.reference = $1`, [
        reference,
      ]);
      expect(historyAfter).toBe(historyBefore);
      expect(await db.query(`SELECT user_id FROM case_assignments a JOIN cases c ON c.id = a.case_id WHERE c.reference = $1`, [reference])).toEqual([
        { user_id: caseworker.id },
      ]);
      const denials = await db.query(
        `SELECT details->>'reason' AS reason FROM audit_events WHERE action = 'case.access_denied' AND resource_id = $1 AND actor_id = $2`,
        [reference, outsider.id],
      );
      expect(denials.filter((d: { reason: string }) => d.reason === 'break-glass-read-only').length).toBe(attempts.length);

      // The window closes: the outsider is out again, and left no one behind.
      clock.advance(61 * MIN);
      expect((await call('GET', `/api/v1/cases/${reference}`, outsider)).statusCode).toBe(404);
      expect((await call('GET', `/api/v1/cases/${reference}`, offRosterCaseworker)).statusCode).toBe(404);
    });

    it('needs a second coordinator to erase; the requester cannot confirm, and break-glass cannot confirm either', async () => {
      const target = (await newCase(app, caseworker.token)).reference;
      const requested = await call('POST', `/api/v1/cases/${target}/erasure`, inCharge, { reason: 'PERSON_REQUESTED', confirmReference: target });
      expect(requested.statusCode).toBe(202);
      expect(requested.json()).toMatchObject({ reference: target, status: 'REQUESTED', requestedBy: inCharge.id });
      // The other coordinator in charge is told; the outsider (out of scope) is not.
      const inboxOf = async (who: StaffFixture) =>
        ((await call('GET', '/api/v1/me/notifications', who)).json().items as Array<{ kind: string; subjectId: string }>).filter(
          (n) => n.kind === 'case.erasure_requested' && n.subjectId === target,
        );
      expect(await inboxOf(secondInCharge)).toHaveLength(1);
      expect(await inboxOf(outsider)).toHaveLength(0);
      expect(await inboxOf(inCharge)).toHaveLength(0);
      // Nothing is erased yet.
      expect((await call('GET', `/api/v1/cases/${target}`, caseworker)).json().protected.identity).toMatchObject({ givenName: 'Elvin' });
      expect((await call('POST', `/api/v1/cases/${target}/erasure`, secondInCharge, { reason: 'SAFETY', confirmReference: target })).json()).toMatchObject({
        type: 'urn:corridor:problem:erasure-already-requested',
      });

      const self = await call('POST', `/api/v1/cases/${target}/erasure/confirmation`, inCharge, { confirmReference: target });
      expect(self.statusCode).toBe(409);
      expect(self.json()).toMatchObject({ type: 'urn:corridor:problem:four-eyes-approval-required' });

      expect((await call('POST', `/api/v1/cases/${target}/break-glass`, outsider, { reason: 'IMMEDIATE_DANGER' })).statusCode).toBe(200);
      expect((await call('POST', `/api/v1/cases/${target}/erasure/confirmation`, outsider, { confirmReference: target })).statusCode).toBe(404);
      expect((await call('POST', `/api/v1/cases/${target}/erasure/confirmation`, secondInCharge, { confirmReference: 'C-0000-0000' })).statusCode).toBe(400);
      const [{ n: keys }] = await db.query(`SELECT count(*)::int AS n FROM data_keys d JOIN cases c ON c.id = d.owner_id WHERE c.reference = $1`, [target]);
      expect(keys).toBe(1);

      const confirmed = await call('POST', `/api/v1/cases/${target}/erasure/confirmation`, secondInCharge, { confirmReference: target });
      expect(confirmed.statusCode).toBe(200);
      expect((await call('GET', `/api/v1/cases/${target}`, caseworker)).json()).toMatchObject({ erased: true, protected: {} });
      const [erased] = await db.query(
        `SELECT h.actor_id, h.details FROM case_history h JOIN cases c ON c.id = h.case_id WHERE c.reference = $1 AND h.kind = 'ERASED'`,
        [target],
      );
      expect(erased).toMatchObject({ actor_id: secondInCharge.id, details: { reason: 'PERSON_REQUESTED', requestedBy: inCharge.id } });
    });

    it('lets a pending request be withdrawn; a withdrawn or lapsed request confirms nothing', async () => {
      const target = (await newCase(app, caseworker.token)).reference;
      expect((await call('POST', `/api/v1/cases/${target}/erasure/confirmation`, secondInCharge, { confirmReference: target })).json()).toMatchObject({
        type: 'urn:corridor:problem:erasure-not-requested',
      });
      expect((await call('POST', `/api/v1/cases/${target}/erasure`, inCharge, { reason: 'SAFETY', confirmReference: target })).statusCode).toBe(202);
      expect((await call('POST', `/api/v1/cases/${target}/erasure/withdrawal`, secondInCharge)).json()).toMatchObject({ status: 'WITHDRAWN' });
      expect((await call('POST', `/api/v1/cases/${target}/erasure/confirmation`, secondInCharge, { confirmReference: target })).statusCode).toBe(409);

      expect((await call('POST', `/api/v1/cases/${target}/erasure`, inCharge, { reason: 'SAFETY', confirmReference: target })).statusCode).toBe(202);
      clock.advance(8 * 86_400_000);
      expect((await call('POST', `/api/v1/cases/${target}/erasure/confirmation`, secondInCharge, { confirmReference: target })).json()).toMatchObject({
        type: 'urn:corridor:problem:erasure-request-expired',
      });
      // A lapsed request gives way to a new one, which the other coordinator can confirm.
      expect((await eraseCase(app, target, secondInCharge.token, inCharge.token)).statusCode).toBe(200);
    });
  });

  describe('finding 2: administration and case roles never meet on one account; a reset never lets an admin become the user', () => {
    let admin: StaffFixture;
    let secondAdmin: StaffFixture;

    beforeAll(async () => {
      admin = await longLivedStaff(app, clock, [StaffRole.Admin]);
      secondAdmin = await longLivedStaff(app, clock, [StaffRole.Admin]);
    });

    const inbox = async (who: { token: string }) =>
      (await app.http!.inject({ method: 'GET', url: '/api/v1/me/notifications', headers: bearer(who.token) })).json().items as Array<{
        kind: string;
        subjectId: string | null;
        details: Record<string, unknown>;
      }>;

    /** Enrols through the public endpoints as whoever holds the token; returns the login tokens, or the refusal. */
    const enrolWith = async (token: string, password: string, currentPassword?: string) => {
      const begin = await app.http!.inject({
        method: 'POST',
        url: '/api/v1/auth/enrolment',
        payload: { token, password, ...(currentPassword ? { currentPassword } : {}) },
      });
      if (begin.statusCode !== 200) return { refused: begin };
      const secret = base32Decode(begin.json().secret as string);
      clock.advance(30_000);
      const confirm = await app.http!.inject({
        method: 'POST',
        url: '/api/v1/auth/enrolment/confirm',
        payload: { token, code: totpCode(secret, totpStep(clock.nowMs())) },
      });
      expect(confirm.statusCode).toBe(200);
      return { secret };
    };

    it('refuses an invitation or a role change that mixes them (422), and changes nothing', async () => {
      const [{ n: before }] = await db.query(`SELECT count(*)::int AS n FROM staff_users`);
      for (const roles of [
        ['admin', 'coordinator'],
        ['admin', 'caseworker'],
        ['auditor', 'caseworker'],
      ]) {
        const invited = await app.http!.inject({
          method: 'POST',
          url: '/api/v1/admin/staff',
          headers: bearer(admin.token),
          payload: { email: `mixed-${roles.join('-')}@example.org`, roles },
        });
        expect(invited.statusCode).toBe(422);
        expect(invited.json()).toMatchObject({ type: 'urn:corridor:problem:administration-and-case-roles', errors: [{ pointer: '/roles' }] });
      }
      expect(await db.query(`SELECT count(*)::int AS n FROM staff_users`)).toEqual([{ n: before }]);

      const promoted = await app.http!.inject({
        method: 'PUT',
        url: `/api/v1/admin/staff/${inCharge.id}/roles`,
        headers: bearer(admin.token),
        payload: { roles: ['coordinator', 'admin'] },
      });
      expect(promoted.statusCode).toBe(422);
      expect(promoted.json()).toMatchObject({ type: 'urn:corridor:problem:administration-and-case-roles' });
      expect(await db.query(`SELECT roles FROM staff_users WHERE id = $1`, [inCharge.id])).toEqual([{ roles: ['coordinator'] }]);
      // Admin and auditor together stay possible: neither reaches case content.
      const overseer = await app.http!.inject({
        method: 'POST',
        url: '/api/v1/admin/staff',
        headers: bearer(admin.token),
        payload: { email: 'overseer@example.org', roles: ['admin', 'auditor'] },
      });
      expect(overseer.statusCode).toBe(201);
    });

    it('gives an account that mixes them anyway (made before the rule) no case', async () => {
      const mixed = await longLivedStaff(app, clock, [StaffRole.Coordinator]);
      const { reference } = await newCase(app, caseworker.token, { originCountry: 'TR' });
      expect((await call('GET', `/api/v1/cases/${reference}`, mixed)).statusCode).toBe(200);
      await db.query(`UPDATE staff_users SET roles = ARRAY['admin', 'coordinator'] WHERE id = $1`, [mixed.id]);
      expect((await call('GET', `/api/v1/cases/${reference}`, mixed)).statusCode).toBe(404);
      expect((await call('GET', `/api/v1/cases/${reference}/notes`, mixed)).statusCode).toBe(404);
    });

    it("makes an authenticator-reset token useless to the admin: it needs the owner's current password", async () => {
      const victim = await longLivedStaff(app, clock, [StaffRole.Caseworker]);
      const reset = await app.http!.inject({ method: 'POST', url: `/api/v1/admin/staff/${victim.id}/authenticator-reset`, headers: bearer(admin.token) });
      expect(reset.statusCode).toBe(200);
      const token = reset.json().enrolmentToken as string;

      // The attack: the admin sets a password and TOTP of their choosing with the token.
      const attack = await enrolWith(token, 'admin-chosen passphrase 7');
      expect(attack.refused?.statusCode).toBe(422);
      expect(attack.refused?.json()).toMatchObject({ type: 'urn:corridor:problem:wrong-password' });
      expect((await enrolWith(token, 'admin-chosen passphrase 7', 'a guess at the password')).refused?.statusCode).toBe(422);
      expect(await db.query(`SELECT status, totp_secret_sealed IS NULL AS no_totp FROM staff_users WHERE id = $1`, [victim.id])).toEqual([
        { status: 'INVITED', no_totp: true },
      ]);

      // The owner, who knows the password, enrols a new authenticator and is told of the reset.
      const owner = await enrolWith(token, victim.password, victim.password);
      expect(owner.refused).toBeUndefined();
      clock.advance(30_000);
      const session = await login(app, victim.email, victim.password, totpCode(owner.secret!, totpStep(clock.nowMs())));
      expect(await inbox({ token: session.accessToken })).toEqual(
        expect.arrayContaining([expect.objectContaining({ kind: 'staff.authenticator_reset', subjectId: victim.id, details: { by: admin.id } })]),
      );
      expect(await inbox(secondAdmin)).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'staff.authenticator_reset', subjectId: victim.id })]));
    });

    it('spends a reset token after five wrong current passwords', async () => {
      const victim = await longLivedStaff(app, clock, [StaffRole.Caseworker]);
      const token = (
        await app.http!.inject({ method: 'POST', url: `/api/v1/admin/staff/${victim.id}/authenticator-reset`, headers: bearer(admin.token) })
      ).json().enrolmentToken as string;
      for (let attempt = 0; attempt < 5; attempt += 1)
        expect((await enrolWith(token, 'guessing passphrase 99', `guess ${attempt} of the password`)).refused?.statusCode).toBe(422);
      expect((await enrolWith(token, victim.password, victim.password)).refused?.json()).toMatchObject({
        type: 'urn:corridor:problem:invalid-enrolment-token',
      });
    });

    it('needs a second admin when password and authenticator are both lost, and tells the owner who asked and who approved', async () => {
      const victim = await longLivedStaff(app, clock, [StaffRole.Caseworker]);
      const requested = await app.http!.inject({ method: 'POST', url: `/api/v1/admin/staff/${victim.id}/credential-reset`, headers: bearer(admin.token) });
      expect(requested.statusCode).toBe(202);
      expect(requested.json()).toMatchObject({ status: 'APPROVAL_REQUIRED', requestedBy: admin.id });
      expect(requested.json()).not.toHaveProperty('enrolmentToken');
      // Nothing happened to the account yet: the owner's session still works.
      expect((await app.http!.inject({ method: 'GET', url: '/api/v1/me/sessions', headers: bearer(victim.token) })).statusCode).toBe(200);
      expect(await inbox(victim)).toEqual(
        expect.arrayContaining([expect.objectContaining({ kind: 'staff.credential_reset_requested', details: { by: admin.id } })]),
      );

      const alone = await app.http!.inject({ method: 'POST', url: `/api/v1/admin/staff/${victim.id}/credential-reset/approval`, headers: bearer(admin.token) });
      expect(alone.statusCode).toBe(409);
      expect(alone.json()).toMatchObject({ type: 'urn:corridor:problem:second-admin-required' });

      const approved = await app.http!.inject({
        method: 'POST',
        url: `/api/v1/admin/staff/${victim.id}/credential-reset/approval`,
        headers: bearer(secondAdmin.token),
      });
      expect(approved.statusCode).toBe(200);
      expect((await app.http!.inject({ method: 'GET', url: '/api/v1/me/sessions', headers: bearer(victim.token) })).statusCode).toBe(401);
      const enrolled = await enrolWith(approved.json().enrolmentToken as string, 'a brand new passphrase 42');
      expect(enrolled.refused).toBeUndefined();
      clock.advance(30_000);
      const session = await login(app, victim.email, 'a brand new passphrase 42', totpCode(enrolled.secret!, totpStep(clock.nowMs())));
      expect(await inbox({ token: session.accessToken })).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ kind: 'staff.credential_reset', subjectId: victim.id, details: { requestedBy: admin.id, approvedBy: secondAdmin.id } }),
        ]),
      );
      // A spent request approves nothing again.
      expect(
        (await app.http!.inject({ method: 'POST', url: `/api/v1/admin/staff/${victim.id}/credential-reset/approval`, headers: bearer(admin.token) })).json(),
      ).toMatchObject({ type: 'urn:corridor:problem:credential-reset-not-requested' });
    });
  });

  describe('finding 3: a partner cannot ask "is this person in Corridor?"', () => {
    const referral = (person: Record<string, string>, phone: string) => ({
      person,
      contact: { channels: [{ type: 'SIGNAL', value: phone }] },
      originCountry: 'AZ',
      currentCountry: 'GE',
      riskNarrative: 'Wants to leave',
      riskFactors: [],
      consent: { services: true, sharing: false, resettlement: false, method: 'PARTNER_ATTESTED', obtainedAt: '2026-03-30T09:00:00.000Z' },
    });

    it('answers a referral of a known person exactly as one of an unknown person (name, phone, Cyrillic spelling)', async () => {
      // Known to Corridor: Elvin Məmmədov, 1994-03-17, +994 50 123 45 67 (a staff intake).
      await newCase(app, caseworker.token, { originCountry: 'TR' });
      const agency = await newAgency(app);
      const key = (await newApiKey(app, agency.id, [ApiKeyScope.ReferralsWrite])).key;
      const refer = async (body: object) => {
        const response = await app.http!.inject({
          method: 'POST',
          url: '/partner/v1/referrals',
          headers: { ...bearer(key), 'idempotency-key': randomUUID() },
          payload: body,
        });
        expectPartnerContract('POST', '/partner/v1/referrals', response);
        return response;
      };
      const probes = {
        knownPhone: await refer(referral({ givenName: 'Someone', familyName: 'Else', dateOfBirth: '1970-01-01' }, '+994 50 123 45 67')),
        knownNameAndBirth: await refer(referral({ givenName: 'Elvin', familyName: 'Məmmədov', dateOfBirth: '1994-03-17' }, '+995 555 00 00 01')),
        knownInCyrillic: await refer(referral({ givenName: 'Эльвин', familyName: 'Мамедов', dateOfBirth: '1994-03-17' }, '+995 555 00 00 02')),
        unknownA: await refer(referral({ givenName: 'Nobody', familyName: 'Known', dateOfBirth: '1980-05-05' }, '+995 555 00 00 03')),
        unknownB: await refer(referral({ givenName: 'Nameless', familyName: 'Stranger', dateOfBirth: '1981-06-06' }, '+995 555 00 00 04')),
      };
      // Staff do see the duplicates: the probes did hit.
      const flags = await db.query(`SELECT r.id, c.possible_duplicate FROM referrals r JOIN cases c ON c.id = r.case_id WHERE r.agency_id = $1`, [agency.id]);
      const flagged = new Map(flags.map((row: { id: string; possible_duplicate: boolean }) => [row.id, row.possible_duplicate]));
      expect(Object.fromEntries(Object.entries(probes).map(([name, response]) => [name, flagged.get(response.json().id)]))).toEqual({
        knownPhone: true,
        knownNameAndBirth: true,
        knownInCyrillic: true,
        unknownA: false,
        unknownB: false,
      });

      // What the partner gets is the same in every way it can look at: status, headers, fields, values, size.
      const shape = (response: (typeof probes)['unknownA']) => {
        const body = response.json();
        return {
          status: response.statusCode,
          headers: Object.keys(response.headers)
            .filter((name) => !['date', 'x-request-id'].includes(name))
            .sort(),
          contentLength: response.headers['content-length'],
          fields: Object.keys(body).sort(),
          values: { ...body, id: 'id' },
        };
      };
      for (const response of Object.values(probes)) expect(shape(response)).toEqual(shape(probes.unknownA));
      for (const response of Object.values(probes)) {
        const read = await app.http!.inject({ method: 'GET', url: `/partner/v1/referrals/${response.json().id}`, headers: bearer(key) });
        expect(read.json()).toEqual(response.json());
      }
      // No event was queued for the agency by any of them (statuses change only when staff act).
      expect(
        await db.query(`SELECT count(*)::int AS n FROM outbox_events WHERE job_name = 'partner.event' AND payload->>'agencyId' = $1`, [agency.id]),
      ).toEqual([{ n: 0 }]);
    });

    it('publishes no duplicate field in the partner contract and stores none for replays', async () => {
      expect(readFileSync(PARTNER_OPENAPI_FILE, 'utf8')).not.toMatch(/uplicate/);
      expect(await db.query(`SELECT count(*)::int AS n FROM idempotency_records WHERE response_body ? 'possibleDuplicate'`)).toEqual([{ n: 0 }]);
    });
  });

  describe('finding 4: triage risk codes and flags are sealed, kept from auditors, and gone with the case', () => {
    const CODES = ['OUTED', 'IN_HIDING', 'VISIBLY_GENDER_NONCONFORMING_OR_TRANS'];
    let auditor: StaffFixture;
    let coordinatorA: StaffFixture;
    let coordinatorB: StaffFixture;

    beforeAll(async () => {
      auditor = await longLivedStaff(app, clock, [StaffRole.Auditor]);
      coordinatorA = await longLivedStaff(app, clock, [StaffRole.Coordinator]);
      coordinatorB = await longLivedStaff(app, clock, [StaffRole.Coordinator]);
    });

    const caseId = async (reference: string): Promise<string> => (await db.query(`SELECT id FROM cases WHERE reference = $1`, [reference]))[0].id;
    const historyOf = async (reference: string, who: StaffFixture) =>
      (await call('GET', `/api/v1/cases/${reference}/history?limit=100`, who)).json().items as Array<{ kind: string; details: Record<string, unknown> }>;

    it('seals factors, score and flags under the case key; auditors and a database dump see none of them; staff on the case do', async () => {
      const { reference } = await newCase(app, caseworker.token, { originCountry: 'TR' });
      const triage = await call('POST', `/api/v1/cases/${reference}/triage`, caseworker, { factors: ['OUTED', 'IN_HIDING'] });
      expect(triage.statusCode).toBe(200);
      expect((await call('PUT', `/api/v1/cases/${reference}/flags`, caseworker, { flags: ['IN_HIDING', 'DETAINED'] })).statusCode).toBe(200);
      const id = await caseId(reference);

      // The attack: an auditor reads the triage and flag events (once sealed into the chain).
      while ((await app.context.get(AuditSealer).sealPending()).sealed > 0);
      for (const action of ['case.triaged', 'case.flags_changed']) {
        const events = (
          await app.http!.inject({ method: 'GET', url: `/api/v1/audit/events?action=${action}&caseId=${id}&limit=50`, headers: bearer(auditor.token) })
        ).json().items as Array<{ details: Record<string, unknown> }>;
        expect(events).toHaveLength(1);
        expect(JSON.stringify(events)).not.toMatch(/OUTED|IN_HIDING|DETAINED|"score"/);
      }
      // A dump: no code in any table, in any form (the flags column itself stays plain: see SECURITY.md).
      expect(
        await scanDatabaseForPlaintext(
          db,
          CODES.filter((code) => code !== 'IN_HIDING'),
        ),
      ).toEqual([]);
      const inHiding = await scanDatabaseForPlaintext(db, ['IN_HIDING']);
      expect(inHiding.filter((hit) => !(hit.table === 'cases' && hit.column === 'flags'))).toEqual([]);
      expect(await db.query(`SELECT factors, factors_sealed IS NOT NULL AS sealed, score, priority FROM triage_assessments WHERE case_id = $1`, [id])).toEqual([
        { factors: null, sealed: true, score: 10, priority: 'EMERGENCY' },
      ]);

      // Staff who may see the narrative read them in the history.
      const history = await historyOf(reference, caseworker);
      expect(history.find((entry) => entry.kind === 'TRIAGED')?.details).toMatchObject({ factors: ['IN_HIDING', 'OUTED'], score: 10, priority: 'EMERGENCY' });
      expect(history.find((entry) => entry.kind === 'FLAGS_CHANGED')?.details).toEqual({ before: [], after: ['DETAINED', 'IN_HIDING'] });
    });

    it('seals rows written in clear before this version, and erasure leaves nothing of any of them', async () => {
      const { reference } = await newCase(app, caseworker.token, { originCountry: 'TR' });
      const id = await caseId(reference);
      // Rows as the old code wrote them.
      await db.query(
        `INSERT INTO triage_assessments (id, case_id, factors, score, suggested_priority, priority, assessed_by, assessed_at) VALUES ($1, $2, $3, 8, 'URGENT', 'URGENT', $4, now())`,
        [randomUUID(), id, ['OUTED', 'VISIBLY_GENDER_NONCONFORMING_OR_TRANS'], caseworker.id],
      );
      await db.query(
        `INSERT INTO case_history (id, case_id, occurred_at, actor_type, actor_id, kind, details) VALUES ($1, $2, now(), 'staff', $3, 'TRIAGED', $4), ($5, $2, now(), 'staff', $3, 'FLAGS_CHANGED', $6)`,
        [
          randomUUID(),
          id,
          caseworker.id,
          JSON.stringify({ factors: ['OUTED', 'VISIBLY_GENDER_NONCONFORMING_OR_TRANS'], score: 8, suggestedPriority: 'URGENT', priority: 'URGENT' }),
          randomUUID(),
          JSON.stringify({ before: [], after: ['IN_HIDING'] }),
        ],
      );
      const sealer = app.context.get(ClearCodesSealer, { strict: false });
      // The scheduler's tick seals them; a second pass finds nothing left.
      await app.context.get(TickScheduler).fire('cases.seal_clear_codes');
      expect(await db.transaction((tx) => sealer.sealBatch(tx))).toBe(0);
      expect(await scanDatabaseForPlaintext(db, ['VISIBLY_GENDER_NONCONFORMING_OR_TRANS'])).toEqual([]);
      const history = await historyOf(reference, caseworker);
      expect(history.find((entry) => entry.kind === 'TRIAGED')?.details).toEqual({
        factors: ['OUTED', 'VISIBLY_GENDER_NONCONFORMING_OR_TRANS'],
        score: 8,
        suggestedPriority: 'URGENT',
        priority: 'URGENT',
      });
      expect(history.find((entry) => entry.kind === 'FLAGS_CHANGED')?.details).toEqual({ before: [], after: ['IN_HIDING'] });

      expect((await call('POST', `/api/v1/cases/${reference}/triage`, caseworker, { factors: ['IN_HIDING'] })).statusCode).toBe(200);
      expect((await call('PUT', `/api/v1/cases/${reference}/flags`, caseworker, { flags: ['DETAINED'] })).statusCode).toBe(200);
      expect((await eraseCase(app, reference, coordinatorA.token, coordinatorB.token)).statusCode).toBe(200);
      expect(
        await db.query(`SELECT count(*)::int AS n FROM triage_assessments WHERE case_id = $1 AND (factors IS NOT NULL OR factors_sealed IS NOT NULL)`, [id]),
      ).toEqual([{ n: 0 }]);
      expect(
        await db.query(
          `SELECT count(*)::int AS n FROM case_history WHERE case_id = $1 AND (details_sealed IS NOT NULL OR details::text ~ 'OUTED|IN_HIDING|DETAINED|score')`,
          [id],
        ),
      ).toEqual([{ n: 0 }]);
      expect(await db.query(`SELECT flags FROM cases WHERE id = $1`, [id])).toEqual([{ flags: [] }]);
    });

    // Last in the file: it takes the schema down one migration and up again.
    it('the migration strips clear codes of cases erased before it (their key is gone, so nothing could seal them)', async () => {
      const { reference } = await newCase(app, caseworker.token, { originCountry: 'TR' });
      const id = await caseId(reference);
      expect((await eraseCase(app, reference, coordinatorA.token, coordinatorB.token)).statusCode).toBe(200);
      const migration = new SealRiskCodes1763884000000();
      const runner = db.createQueryRunner();
      try {
        await migration.down(runner);
        // What the old code left behind for an erased case.
        await runner.query(
          `INSERT INTO triage_assessments (id, case_id, factors, score, suggested_priority, priority, assessed_by, assessed_at) VALUES ($1, $2, $3, 5, 'URGENT', 'URGENT', $4, now())`,
          [randomUUID(), id, ['OUTED'], caseworker.id],
        );
        await runner.query(
          `INSERT INTO case_history (id, case_id, occurred_at, actor_type, actor_id, kind, details) VALUES ($1, $2, now(), 'staff', $3, 'TRIAGED', $4), ($5, $2, now(), 'staff', $3, 'FLAGS_CHANGED', $6)`,
          [
            randomUUID(),
            id,
            caseworker.id,
            JSON.stringify({ factors: ['OUTED'], score: 5, priority: 'URGENT' }),
            randomUUID(),
            JSON.stringify({ before: [], after: ['IN_HIDING'] }),
          ],
        );
        await migration.up(runner);
      } finally {
        await runner.release();
      }
      expect(await db.query(`SELECT factors FROM triage_assessments WHERE case_id = $1`, [id])).toEqual([{ factors: null }]);
      const history = await db.query(`SELECT details FROM case_history WHERE case_id = $1 AND kind IN ('TRIAGED', 'FLAGS_CHANGED')`, [id]);
      expect(history).toEqual(expect.arrayContaining([{ details: { priority: 'URGENT' } }, { details: {} }]));
      expect(JSON.stringify(history)).not.toMatch(/OUTED|IN_HIDING|score/);
      // Nothing of an erased case is left for the tick, which could not open its key (it would fail).
      expect(
        await db.query(
          `SELECT count(*)::int AS n FROM triage_assessments t JOIN cases c ON c.id = t.case_id WHERE c.erased_at IS NOT NULL AND t.factors IS NOT NULL`,
        ),
      ).toEqual([{ n: 0 }]);
      await db.transaction((tx) => app.context.get(ClearCodesSealer, { strict: false }).sealBatch(tx));
      expect(await db.query(`SELECT count(*)::int AS n FROM triage_assessments WHERE factors IS NOT NULL`)).toEqual([{ n: 0 }]);
    });
  });
});
