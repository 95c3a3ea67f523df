import { StaffRole } from '@common/access/roles';
import { newCase } from '@test/support/builders/cases';
import { bearer, longLivedStaff, type StaffFixture } from '@test/support/builders/staff';
import { FakeClock } from '@test/support/fake-clock';
import { TestContext, type TestApp } from '@test/support/test-context';

/**
 * The audited read runs without a transaction (one statement for the facts, the audit INSERT on
 * its own): these prove the audit row still commits before any data leaves, and that the read
 * sees a revoked session or a lockdown on the very next request (nothing is cached).
 */
describe('audited case read without a transaction', () => {
  let ctx: TestContext;
  let app: TestApp;
  const clock = new FakeClock(new Date());
  let caseworker: StaffFixture;
  let reference: string;

  beforeAll(async () => {
    ctx = await TestContext.create();
    app = await ctx.startApp({ clock });
    caseworker = await longLivedStaff(app, clock, [StaffRole.Caseworker]);
    ({ reference } = await newCase(app, caseworker.token));
  });
  afterAll(() => ctx.close());

  const read = () => app.http!.inject({ method: 'GET', url: `/api/v1/cases/${reference}`, headers: bearer(caseworker.token) });
  const readAudits = async (): Promise<number> => {
    const [{ n }] = await (
      await ctx.dataSource()
    ).query(`SELECT count(*)::int AS n FROM audit_events WHERE action = 'case.read' AND resource_id = $1`, [reference]);
    return n as number;
  };

  it('answers 500 with no case data when the audit row cannot be written', async () => {
    const db = await ctx.dataSource();
    await db.query(`ALTER TABLE audit_events ADD CONSTRAINT spec_no_case_read CHECK (action <> 'case.read') NOT VALID`);
    try {
      const response = await read();
      expect(response.statusCode).toBe(500);
      expect(response.body).not.toContain('Elvin');
      expect(response.body).not.toContain(reference);
      expect(await readAudits()).toBe(0);
    } finally {
      await db.query(`ALTER TABLE audit_events DROP CONSTRAINT spec_no_case_read`);
    }
    const response = await read();
    expect(response.statusCode).toBe(200);
    expect(response.json().protected.identity).toMatchObject({ givenName: 'Elvin' });
    expect(await readAudits()).toBe(1);
  });

  it('stops reading at once when the session is revoked', async () => {
    expect((await read()).statusCode).toBe(200);
    await (await ctx.dataSource()).query(`UPDATE staff_sessions SET revoked_at = now(), revoke_reason = 'spec' WHERE user_id = $1`, [caseworker.id]);
    const response = await read();
    expect(response.statusCode).toBe(401);
    expect(response.body).not.toContain('Elvin');
  });
});
