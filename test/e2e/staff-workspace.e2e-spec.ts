import { randomBytes } from 'node:crypto';
import { StaffRole } from '@common/access/roles';
import { EnrolmentService } from '@modules/staff/enrolment.service';
import { StaffAccountsService } from '@modules/staff/staff-accounts.service';
import { base32Decode, totpCode, totpStep } from '@modules/staff/totp';
import { newCase } from '@test/support/builders/cases';
import { bearer, login, longLivedStaff, newStaff, systemRequest, type StaffFixture } from '@test/support/builders/staff';
import { FakeClock } from '@test/support/fake-clock';
import { scanDatabaseForPlaintext } from '@test/support/plaintext-scan';
import { TestContext, type TestApp } from '@test/support/test-context';

/** GET/PATCH /api/v1/me and the staff directory coordinators read. */
describe('staff workspace: me and the staff directory', () => {
  let ctx: TestContext;
  let app: TestApp;
  const clock = new FakeClock(new Date());
  let coordinator: StaffFixture;
  let caseworker: StaffFixture;

  beforeAll(async () => {
    ctx = await TestContext.create();
    app = await ctx.startApp({ clock });
    coordinator = await longLivedStaff(app, clock, [StaffRole.Coordinator]);
    caseworker = await longLivedStaff(app, clock, [StaffRole.Caseworker]);
  });
  afterAll(() => ctx.close());

  const call = (method: 'GET' | 'PATCH' | 'POST' | 'PUT', url: string, token: string, payload?: unknown) =>
    app.http!.inject({ method, url, headers: bearer(token), ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }) });

  /** Enrols through the HTTP API, naming oneself at enrolment. */
  const enrolNamed = async (roles: StaffRole[], displayName: string): Promise<{ id: string; token: string }> => {
    const email = `named-${randomBytes(4).toString('hex')}@example.org`;
    const password = `pass-${randomBytes(9).toString('base64url')}-phrase`;
    const issued = await app.context.get(StaffAccountsService).invite(systemRequest(), { email, roles });
    const begun = await app.http!.inject({ method: 'POST', url: '/api/v1/auth/enrolment', payload: { token: issued.enrolmentToken, password, displayName } });
    expect(begun.statusCode).toBe(200);
    const secret = base32Decode(begun.json().secret);
    const code = () => {
      clock.advance(30_000);
      return totpCode(secret, totpStep(clock.nowMs()));
    };
    await app.context.get(EnrolmentService).confirm(systemRequest(), { token: issued.enrolmentToken, code: code() });
    return { id: issued.account.id, token: (await login(app, email, password, code())).accessToken };
  };

  it('tells me who I am: roles, permissions, no name yet, English, no activations', async () => {
    const response = await call('GET', '/api/v1/me', caseworker.token);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      id: caseworker.id,
      roles: [StaffRole.Caseworker],
      permissions: expect.arrayContaining(['staff:self', 'cases:work', 'activations:read']),
      displayName: null,
      preferredLanguage: 'en',
      maskNames: false,
      activationsCoordinated: [],
    });
    expect(response.json().permissions).not.toContain('cases:assign');
  });

  it('keeps the display name given at enrolment sealed, and shows it to its owner', async () => {
    const named = await enrolNamed([StaffRole.Caseworker], 'Эльвин Мамедов');
    expect((await call('GET', '/api/v1/me', named.token)).json()).toMatchObject({ id: named.id, displayName: 'Эльвин Мамедов' });
    expect(await scanDatabaseForPlaintext(await ctx.dataSource(), ['Эльвин Мамедов', 'Мамедов'])).toEqual([]);
  });

  it('lets its owner change the name and language; bad input changes nothing', async () => {
    const person = await newStaff(app, clock, [StaffRole.Caseworker]);
    const changed = await call('PATCH', '/api/v1/me', person.token, { displayName: '  Leyla   Mammadova ', preferredLanguage: 'ru' });
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toMatchObject({ displayName: 'Leyla Mammadova', preferredLanguage: 'ru' });
    for (const bad of [
      { preferredLanguage: 'de' },
      { displayName: '' },
      { displayName: 'x'.repeat(81) },
      { displayName: 'Leyla\u0000' },
      { displayName: 'Leyla', roles: ['admin'] },
    ]) {
      const refused = await call('PATCH', '/api/v1/me', person.token, bad);
      expect(refused.statusCode).toBe(400);
      expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
    expect((await call('GET', '/api/v1/me', person.token)).json()).toMatchObject({
      displayName: 'Leyla Mammadova',
      preferredLanguage: 'ru',
      roles: [StaffRole.Caseworker],
    });
    const audit = await (
      await ctx.dataSource()
    ).query(`SELECT details FROM audit_events WHERE action = 'staff.profile_updated' AND resource_id = $1`, [person.id]);
    expect(audit).toEqual([{ details: { fields: ['displayName', 'preferredLanguage'] } }]);
    expect(JSON.stringify(audit)).not.toMatch(/Leyla/);
  });

  it('keeps the name-masking setting on the server for its owner alone; a non-boolean changes nothing', async () => {
    const person = await newStaff(app, clock, [StaffRole.Caseworker]);
    const other = await newStaff(app, clock, [StaffRole.Caseworker]);
    const changed = await call('PATCH', '/api/v1/me', person.token, { maskNames: true });
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toMatchObject({ maskNames: true, preferredLanguage: 'en' });
    for (const bad of [{ maskNames: 'yes' }, { maskNames: 1 }, { maskNames: null, preferredLanguage: 'ru' }]) {
      const refused = await call('PATCH', '/api/v1/me', person.token, bad);
      expect(refused.statusCode).toBe(400);
      expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
    expect((await call('GET', '/api/v1/me', person.token)).json()).toMatchObject({ maskNames: true, preferredLanguage: 'en' });
    expect((await call('GET', '/api/v1/me', other.token)).json()).toMatchObject({ maskNames: false });
    expect((await call('PATCH', '/api/v1/me', person.token, { maskNames: false })).json()).toMatchObject({ maskNames: false });
    const audit = await (
      await ctx.dataSource()
    ).query(`SELECT details FROM audit_events WHERE action = 'staff.profile_updated' AND resource_id = $1 ORDER BY occurred_at`, [person.id]);
    expect(audit).toEqual([{ details: { fields: ['maskNames'] } }, { details: { fields: ['maskNames'] } }]);
  });

  it('shows coordinators the caseworkers and coordinators with names, roles, open caseloads and status; no one else', async () => {
    await call('PATCH', '/api/v1/me', caseworker.token, { displayName: 'Rauf Aliyev' });
    const { reference } = await newCase(app, coordinator.token);
    expect((await call('PUT', `/api/v1/cases/${reference}/assignment`, coordinator.token, { caseworkerIds: [caseworker.id] })).statusCode).toBe(200);
    const admin = await newStaff(app, clock, [StaffRole.Admin]);

    const all: Array<{ id: string; displayName: string | null; roles: string[]; status: string; active: boolean; openCaseload: number }> = [];
    let cursor: string | null = null;
    do {
      const page = await call('GET', `/api/v1/staff-directory?limit=2${cursor ? `&cursor=${cursor}` : ''}`, coordinator.token);
      expect(page.statusCode).toBe(200);
      all.push(...page.json().items);
      cursor = page.json().nextCursor;
    } while (cursor);
    expect(new Set(all.map((entry) => entry.id)).size).toBe(all.length);
    expect(all.find((entry) => entry.id === caseworker.id)).toEqual({
      id: caseworker.id,
      displayName: 'Rauf Aliyev',
      roles: ['caseworker'],
      status: 'ACTIVE',
      active: true,
      openCaseload: 1,
    });
    expect(all.find((entry) => entry.id === coordinator.id)).toMatchObject({ roles: ['coordinator'], active: true });
    expect(all.some((entry) => entry.id === admin.id)).toBe(false);
    expect(JSON.stringify(all)).not.toMatch(/@example\.org/);

    expect((await call('GET', '/api/v1/staff-directory', caseworker.token)).statusCode).toBe(403);
    expect((await call('GET', '/api/v1/staff-directory?cursor=nonsense', coordinator.token)).statusCode).toBe(400);
    const reads = await (
      await ctx.dataSource()
    ).query(`SELECT count(*)::int AS n FROM audit_events WHERE action = 'staff.directory_read' AND actor_id = $1`, [coordinator.id]);
    expect(reads[0].n).toBeGreaterThanOrEqual(2);
  });

  it('lists the active activations I coordinate', async () => {
    const created = await call('POST', '/api/v1/activations', coordinator.token, {
      code: 'TM-2026-01',
      title: 'Drill',
      originCountries: ['TM'],
      roster: [{ userId: caseworker.id, caseloadCap: 5 }],
    });
    expect(created.statusCode).toBe(201);
    expect((await call('GET', '/api/v1/me', coordinator.token)).json().activationsCoordinated).toEqual([{ id: expect.any(String), code: 'TM-2026-01' }]);
    expect((await call('GET', '/api/v1/me', caseworker.token)).json().activationsCoordinated).toEqual([]);
  });

  describe('GET /api/v1/me/tasks', () => {
    const tasksOf = async (token: string) => {
      const response = await call('GET', '/api/v1/me/tasks', token);
      expect(response.statusCode).toBe(200);
      return response.json();
    };
    const plan = { originCountry: 'AZ', transitCountry: 'GE', destinationCountry: 'CA' };

    it('lists approvals waiting for me (never my own request) and tells the coordinators who can give them', async () => {
      const other = await longLivedStaff(app, clock, [StaffRole.Coordinator]);
      const worker = await longLivedStaff(app, clock, [StaffRole.Caseworker]);
      const { reference } = await newCase(app, worker.token);
      const requested = await call('POST', `/api/v1/cases/${reference}/relocation-plans`, worker.token, plan);
      expect(requested.statusCode).toBe(201);
      const planId = requested.json().id as string;
      const mine = await call('POST', `/api/v1/cases/${reference}/relocation-plans`, coordinator.token, plan);
      expect(mine.statusCode).toBe(201);

      const forCoordinator = await tasksOf(coordinator.token);
      expect(forCoordinator.relocationPlanApprovals).toEqual([
        { id: planId, caseId: expect.any(String), caseReference: reference, requestedAt: expect.any(String) },
      ]);
      expect(forCoordinator.counts.relocationPlanApprovals).toBe(1);
      const forOther = await tasksOf(other.token);
      expect(forOther.relocationPlanApprovals.map((item: { id: string }) => item.id).sort()).toEqual([planId, mine.json().id].sort());
      // Caseworkers approve nothing.
      expect((await tasksOf(worker.token)).relocationPlanApprovals).toEqual([]);

      const inbox = async (person: StaffFixture) =>
        (await call('GET', '/api/v1/me/notifications', person.token)).json().items.filter((item: { kind: string }) => item.kind === 'approval.waiting');
      expect(await inbox(coordinator)).toEqual([
        expect.objectContaining({ subjectType: 'relocation_plan', subjectId: planId, details: { caseReference: reference } }),
      ]);
      expect((await inbox(other)).map((item: { subjectId: string }) => item.subjectId).sort()).toEqual([planId, mine.json().id].sort());

      // Decided: no longer waiting.
      expect(
        (await call('POST', `/api/v1/cases/${reference}/relocation-plans/${planId}/approval`, coordinator.token, { decision: 'APPROVE' })).statusCode,
      ).toBe(200);
      expect((await tasksOf(coordinator.token)).relocationPlanApprovals).toEqual([]);
    });

    it('lists resettlement submissions to approve, stays near their limit and overdue expedite requests (rows arranged directly)', async () => {
      const worker = await longLivedStaff(app, clock, [StaffRole.Caseworker]);
      const { reference } = await newCase(app, worker.token);
      const db = await ctx.dataSource();
      const [{ id: caseId }] = await db.query(`SELECT id FROM cases WHERE reference = $1`, [reference]);
      const now = clock.now();
      const today = now.toISOString().slice(0, 10);
      const [{ id: applicationId }] = await db.query(
        `INSERT INTO resettlement_applications (id, case_id, destination_country, pathway, status, documents, submission_requested_by, submission_requested_at, created_by, created_at, updated_at)
         VALUES (gen_random_uuid(), $1, 'CA', 'UNHCR_REFERRAL', 'PREPARING', '[]', $2, $3, $2, $3, $3) RETURNING id`,
        [caseId, worker.id, now],
      );
      const [{ id: stayId }] = await db.query(
        `INSERT INTO safe_country_stays (id, case_id, host_country, entry_date, allowed_days, exit_date, recorded_by, created_at, updated_at)
         VALUES (gen_random_uuid(), $1, 'GE', ($2::date - 80), 90, NULL, $3, $4, $4) RETURNING id`,
        [caseId, today, worker.id, now],
      );
      await db.query(
        `INSERT INTO safe_country_stays (id, case_id, host_country, entry_date, allowed_days, exit_date, recorded_by, created_at, updated_at)
         VALUES (gen_random_uuid(), $1, 'TR', ($2::date - 10), 90, NULL, $3, $4, $4)`,
        [caseId, today, worker.id, now],
      );
      const [{ id: requestId }] = await db.query(
        `INSERT INTO expedite_requests (id, case_id, case_reference, application_id, agency_id, destination_country, pathway, deadline_at, status, shared_fields, requested_by, created_at, overdue_at, updated_at)
         VALUES (gen_random_uuid(), $1, $2, $3, gen_random_uuid(), 'CA', 'UNHCR_REFERRAL', $4::timestamptz - interval '1 day', 'PENDING', '{}', $5, $4, $4, $4) RETURNING id`,
        [caseId, reference, applicationId, now, coordinator.id],
      );

      const forCoordinator = await tasksOf(coordinator.token);
      expect(forCoordinator.resettlementSubmissionApprovals).toEqual(
        expect.arrayContaining([{ id: applicationId, caseId, caseReference: reference, requestedAt: now.toISOString() }]),
      );
      expect(forCoordinator.staysNearLimit).toEqual(
        expect.arrayContaining([{ stayId, caseId, caseReference: reference, hostCountry: 'GE', daysRemaining: 10 }]),
      );
      expect(forCoordinator.staysNearLimit.some((item: { hostCountry: string }) => item.hostCountry === 'TR')).toBe(false);
      expect(forCoordinator.expediteOverdue).toEqual(expect.arrayContaining([expect.objectContaining({ requestId, caseId, caseReference: reference })]));
      const forWorker = await tasksOf(worker.token);
      // The requester approves nothing of their own; the caseworker sees the stay on their case.
      expect(forWorker.resettlementSubmissionApprovals).toEqual([]);
      expect(forWorker.staysNearLimit).toEqual([expect.objectContaining({ stayId, daysRemaining: 10 })]);
      expect(forWorker.expediteOverdue).toEqual([]);
    });

    it('lists new unassigned cases for coordinators, escalations by level with time left, and overdue check-ins on my cases — references, never names', async () => {
      const worker = await longLivedStaff(app, clock, [StaffRole.Caseworker]);
      const { reference: assignedRef } = await newCase(app, worker.token, { priority: 'URGENT' });
      const { reference: unassignedRef } = await newCase(app, coordinator.token, { priority: 'EMERGENCY' });
      await (await ctx.dataSource()).query(`DELETE FROM case_assignments WHERE case_id = (SELECT id FROM cases WHERE reference = $1)`, [unassignedRef]);

      const escalated = await call('POST', `/api/v1/cases/${assignedRef}/escalations`, worker.token, { level: 2 });
      expect(escalated.statusCode).toBe(201);

      const forCoordinator = await tasksOf(coordinator.token);
      expect(forCoordinator.unassignedReferrals).toEqual(
        expect.arrayContaining([
          { caseId: expect.any(String), caseReference: unassignedRef, priority: 'EMERGENCY', referred: false, createdAt: expect.any(String) },
        ]),
      );
      expect(forCoordinator.unassignedReferrals.some((item: { caseReference: string }) => item.caseReference === assignedRef)).toBe(false);
      const escalation = forCoordinator.escalations.find((item: { caseReference: string }) => item.caseReference === assignedRef);
      expect(escalation).toMatchObject({ trigger: 'MANUAL', level: 2, state: 'OPEN', climbsAt: expect.any(String) });
      expect(escalation.secondsToAcknowledge).toBeGreaterThan(0);
      expect(forCoordinator.counts.escalationsByLevel.level2).toBeGreaterThanOrEqual(1);
      // Level 2 is the coordinators': the caseworker's queue does not list it, nor unassigned cases.
      const forWorker = await tasksOf(worker.token);
      expect(forWorker.escalations).toEqual([]);
      expect(forWorker.unassignedReferrals).toEqual([]);
      expect(forWorker.overdueCheckins).toEqual([]);

      clock.advance(8 * 24 * 3600_000);
      const later = await tasksOf(worker.token);
      expect(later.overdueCheckins).toEqual([expect.objectContaining({ caseReference: assignedRef, priority: 'URGENT' })]);
      expect(later.counts.total).toBe(
        later.counts.overdueCheckins +
          later.counts.escalations +
          later.counts.staysNearLimit +
          later.counts.expediteOverdue +
          later.counts.relocationPlanApprovals +
          later.counts.resettlementSubmissionApprovals +
          later.counts.unassignedReferrals,
      );
      expect(JSON.stringify(later) + JSON.stringify(forCoordinator)).not.toMatch(/Aliyev|Mammad|example\.org/);
    });
  });
});
