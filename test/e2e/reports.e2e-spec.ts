import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { ApiKeyScope, StaffRole } from '@common/access/roles';
import { ReportDimension } from '@modules/reports/domain/dimensions';
import { ReportsRepository, type ReportScope } from '@modules/reports/reports.repository';
import { newCase } from '@test/support/builders/cases';
import { newAgency, newApiKey } from '@test/support/builders/partners';
import { bearer, longLivedStaff, type StaffFixture } from '@test/support/builders/staff';
import { FakeClock } from '@test/support/fake-clock';
import { expectPartnerContract } from '@test/support/partner-contract';
import { TestContext, type TestApp } from '@test/support/test-context';

const DAY_MS = 86_400_000;

describe('reports', () => {
  let ctx: TestContext;
  let app: TestApp;
  let db: DataSource;
  let caseworker: StaffFixture;
  let coordinator: StaffFixture;
  const clock = new FakeClock(new Date('2026-03-02T09:00:00.000Z'));

  beforeAll(async () => {
    ctx = await TestContext.create();
    app = await ctx.startApp({ clock });
    db = await ctx.dataSource();
    caseworker = await longLivedStaff(app, clock, [StaffRole.Caseworker]);
    coordinator = await longLivedStaff(app, clock, [StaffRole.Coordinator]);
    // 12 cases now in Georgia (8 NORMAL, 4 URGENT), 2 in Turkey (EMERGENCY), 7 still in Azerbaijan (NORMAL).
    const arrange: Array<[string, string, number]> = [
      ['GE', 'NORMAL', 8],
      ['GE', 'URGENT', 4],
      ['TR', 'EMERGENCY', 2],
      ['AZ', 'NORMAL', 7],
    ];
    for (const [country, priority, count] of arrange) {
      for (let i = 0; i < count; i += 1) {
        const { reference } = await newCase(app, caseworker.token, {
          priority,
          currentCountry: country,
          person: { givenName: `Given${i}${country}`, familyName: `Family${priority}` },
        });
        if (country === 'GE' && priority === 'NORMAL') {
          // Four days in INTAKE before verification: the median days in INTAKE.
          clock.advance(4 * DAY_MS);
          const moved = await app.http!.inject({
            method: 'POST',
            url: `/api/v1/cases/${reference}/transitions`,
            headers: bearer(caseworker.token),
            payload: { to: 'VERIFICATION' },
          });
          expect(moved.statusCode).toBe(200);
          clock.advance(-4 * DAY_MS);
        }
      }
    }
  });
  afterAll(() => ctx.close());

  const get = (url: string, who: StaffFixture = coordinator) => app.http!.inject({ method: 'GET', url, headers: bearer(who.token) });

  it('gives coordinators exact counts by every dimension, median days per stage, compliance and escalations', async () => {
    const response = await get('/api/v1/reports/cases');
    expect(response.statusCode).toBe(200);
    const report = response.json();
    expect(report.total).toBe(21);
    expect(report.counts.currentCountry).toEqual([
      { key: 'AZ', count: 7 },
      { key: 'GE', count: 12 },
      { key: 'TR', count: 2 },
    ]);
    expect(report.counts.priority).toEqual([
      { key: 'EMERGENCY', count: 2 },
      { key: 'NORMAL', count: 15 },
      { key: 'URGENT', count: 4 },
    ]);
    expect(report.counts.stage).toEqual([
      { key: 'INTAKE', count: 13 },
      { key: 'VERIFICATION', count: 8 },
    ]);
    expect(report.counts.originCountry).toEqual([{ key: 'AZ', count: 21 }]);
    expect(report.counts.activation).toEqual([{ key: 'NONE', count: 21 }]);
    expect(report.counts.intakeWeek).toEqual([{ key: '2026-03-02', count: 21 }]);
    expect(report.medianDaysPerStage).toEqual([{ stage: 'INTAKE', stays: 8, medianDays: 4 }]);
    expect(report.checkinCompliance).toEqual({ checkins: 0, onTime: 0, late: 0, missed: 0 });
    expect(report.escalations).toEqual([]);

    const narrowed = (await get('/api/v1/reports/cases?from=2026-03-03&to=2026-03-31')).json();
    expect(narrowed.total).toBe(0);
  });

  it('exports a suppressed CSV with an HXL row, and audits the export', async () => {
    const response = await get('/api/v1/reports/cases/export?rows=currentCountry&columns=priority');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/csv/);
    expect(response.headers['content-disposition']).toMatch(/^attachment/);
    const rows = response.body
      .trimEnd()
      .split('\r\n')
      .map((line) => line.split(','));
    expect(rows[0]).toEqual(['Current country', 'EMERGENCY', 'URGENT', 'NORMAL', 'Total']);
    expect(rows[1]).toEqual(['#country+code+current', '#affected+hh+emergency', '#affected+hh+urgent', '#affected+hh+normal', '#affected+hh+total']);
    // AZ 0|0|7, GE 0|4|8, TR 2|0|0: every small count hidden, and AZ's 7 withheld with its row
    // total so that neither the N column (15) nor the grand total (21) gives TR's 2 back.
    expect(rows.slice(2)).toEqual([
      ['AZ', '<5', '<5', '*', '*'],
      ['GE', '<5', '<5', '8', '12'],
      ['TR', '<5', '<5', '<5', '<5'],
      ['Total', '<5', '<5', '15', '21'],
    ]);
    const [audit]: Array<{ n: number; actor_id: string }> = await db.query(
      `SELECT count(*)::int AS n, max(actor_id) AS actor_id FROM audit_events WHERE action = 'report.exported'`,
    );
    expect(audit).toEqual({ n: 1, actor_id: coordinator.id });
  });

  it('answers bad input with 400 problem+json and exports (and audits) nothing', async () => {
    const bad = [
      '/api/v1/reports/cases?from=2026-03-31&to=2026-03-01',
      '/api/v1/reports/cases?from=yesterday',
      '/api/v1/reports/cases?activationId=not-a-uuid',
      '/api/v1/reports/cases?color=blue',
      '/api/v1/reports/cases/export?rows=priority&columns=priority',
      '/api/v1/reports/cases/export?rows=name&columns=priority',
      '/api/v1/reports/cases/export?rows=stage&columns=currentCountry',
      '/api/v1/reports/cases/export',
    ];
    for (const url of bad) {
      const response = await get(url);
      expect({ url, status: response.statusCode }).toEqual({ url, status: 400 });
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
    const [audit]: Array<{ n: number }> = await db.query(`SELECT count(*)::int AS n FROM audit_events WHERE action = 'report.exported'`);
    expect(audit!.n).toBe(1);
  });

  it('gives a partner suppressed counts of its own referrals only, and audits the read', async () => {
    const agency = await newAgency(app);
    const other = await newAgency(app);
    const key = await newApiKey(app, agency.id, [ApiKeyScope.ReferralsWrite]);
    // Referred by the agency: the 12 cases now in Georgia; by the other agency: the 2 in Turkey.
    await db.query(`UPDATE cases SET referring_agency_id = $1 WHERE current_country = 'GE'`, [agency.id]);
    await db.query(`UPDATE cases SET referring_agency_id = $1 WHERE current_country = 'TR'`, [other.id]);
    const response = await app.http!.inject({ method: 'GET', url: '/partner/v1/reports/referrals?rows=stage&columns=priority', headers: bearer(key.key) });
    expect(response.statusCode).toBe(200);
    expectPartnerContract('GET', '/partner/v1/reports/referrals', response);
    const table = response.json();
    // GE: 8 NORMAL cases in VERIFICATION, 4 URGENT in INTAKE.
    expect(table).toEqual({
      threshold: 5,
      columns: ['EMERGENCY', 'URGENT', 'NORMAL'],
      rows: [
        {
          key: 'INTAKE',
          cells: [
            { count: null, suppressed: 'SMALL' },
            { count: null, suppressed: 'SMALL' },
            { count: null, suppressed: 'SMALL' },
          ],
          total: { count: null, suppressed: 'SMALL' },
        },
        // 0 | 0 | 8 with a published 8 would show the two zeros: the 8 is withheld, and the row total with it.
        {
          key: 'VERIFICATION',
          cells: [
            { count: null, suppressed: 'SMALL' },
            { count: null, suppressed: 'SMALL' },
            { count: null, suppressed: 'COMPLEMENTARY' },
          ],
          total: { count: null, suppressed: 'COMPLEMENTARY' },
        },
      ],
      totals: {
        key: 'TOTAL',
        cells: [
          { count: null, suppressed: 'SMALL' },
          { count: null, suppressed: 'SMALL' },
          { count: 8, suppressed: null },
        ],
        total: { count: 12, suppressed: null },
      },
    });
    const [audit]: Array<{ n: number }> = await db.query(`SELECT count(*)::int AS n FROM audit_events WHERE action = 'report.read' AND actor_id = $1`, [
      agency.id,
    ]);
    expect(audit!.n).toBe(1);
    const bad = await app.http!.inject({ method: 'GET', url: '/partner/v1/reports/referrals?rows=activation&columns=priority', headers: bearer(key.key) });
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toMatch(/^application\/problem\+json/);
    expectPartnerContract('GET', '/partner/v1/reports/referrals', bad);
  });

  it('reads no protected column: every report query runs with SELECT on the plain columns only', async () => {
    const role = `corridor_reports_probe_${randomBytes(4).toString('hex')}`;
    const tables = ['cases', 'case_history', 'checkins', 'escalations'];
    await db.query(`CREATE ROLE ${role} NOLOGIN`);
    try {
      for (const table of tables) {
        const columns: Array<{ column_name: string }> = await db.query(
          `SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = $1 AND column_name NOT LIKE '%\\_sealed'`,
          [table],
        );
        await db.query(`GRANT SELECT (${columns.map((c) => `"${c.column_name}"`).join(', ')}) ON "${table}" TO ${role}`);
      }
      const repository = app.context.get(ReportsRepository);
      const scope: ReportScope = { from: null, to: null, activationId: null };
      await db.transaction(async (tx) => {
        await tx.query(`SET LOCAL ROLE ${role}`);
        for (const dimension of Object.values(ReportDimension)) await repository.countsBy(tx, scope, dimension);
        await repository.crossTab(tx, scope, ReportDimension.CurrentCountry, ReportDimension.Priority);
        expect(await repository.medianDaysPerStage(tx, scope)).toHaveLength(1);
        await repository.checkinActivity(tx, scope);
        await repository.escalationsByTriggerAndOutcome(tx, scope);
      });
      // The probe is real: the same role cannot read a sealed column.
      await expect(
        db.transaction(async (tx) => {
          await tx.query(`SET LOCAL ROLE ${role}`);
          await tx.query(`SELECT person_sealed FROM cases LIMIT 1`);
        }),
      ).rejects.toThrow(/permission denied/);
    } finally {
      await db.query(`DROP OWNED BY ${role}`);
      await db.query(`DROP ROLE ${role}`);
    }
  });
});
