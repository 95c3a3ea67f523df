import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { ApiKeyScope, StaffRole } from '@common/access/roles';
import { intakeBody, newCase, person } from '@test/support/builders/cases';
import { newAgency, newApiKey } from '@test/support/builders/partners';
import { bearer, longLivedStaff, type StaffFixture } from '@test/support/builders/staff';
import { FakeClock } from '@test/support/fake-clock';
import { TestContext, type TestApp } from '@test/support/test-context';

/**
 * Round trips per request on the hot paths (docs/PERFORMANCE.md, "Statements per request"):
 * every statement the request's own async context sends to PostgreSQL — BEGIN and COMMIT
 * included, background ticks and workers not — counted, never timed. A change that adds a
 * statement to one of these paths fails here and must say why in the budget below.
 */
const BUDGET = {
  /**
   * The session; BEGIN; the data key; the activation match; the case with the opener's own
   * assignment; the match keys with the duplicate lookup; history; audit; the check-in policy; the
   * schedule; both deadlines (check-in and triage) at once — an opening emits no stage change; COMMIT.
   */
  intake: 12,
  /**
   * Partner referral (the intake above without the self-assignment, plus the API key and its
   * credential epoch, the idempotency claim and completion, the referral row and its audit row).
   */
  referral: 17,
  /** The session; every access fact, the wrapped key and duplicate candidates at once; the audit row. */
  caseRead: 3,
  /** The session; the page with names, keys and what the table shows; the page's audit rows at once. */
  caseList: 3,
};

interface Sent {
  name: string | undefined;
  text: string;
}

const request = new AsyncLocalStorage<Sent[]>();
const originalQuery = pg.Client.prototype.query;

describe('statements per request on the hot paths', () => {
  let ctx: TestContext;
  let app: TestApp;
  const clock = new FakeClock(new Date('2026-12-01T09:00:00.000Z'));
  let caseworker: StaffFixture;

  beforeAll(async () => {
    // Every statement a pg client sends, attributed to the request whose async context sent it.
    pg.Client.prototype.query = function counted(this: pg.Client, config: unknown, ...rest: unknown[]) {
      const sent = request.getStore();
      if (sent && config && typeof (config as { submit?: unknown }).submit !== 'function') {
        const text = typeof config === 'string' ? config : String((config as { text?: string }).text);
        sent.push({ name: typeof config === 'object' ? (config as { name?: string }).name : undefined, text });
      }
      return (originalQuery as (...args: unknown[]) => unknown).call(this, config, ...rest);
    } as typeof pg.Client.prototype.query;
    ctx = await TestContext.create();
    app = await ctx.startApp({ clock });
    caseworker = await longLivedStaff(app, clock, [StaffRole.Caseworker]);
  });
  afterAll(async () => {
    pg.Client.prototype.query = originalQuery;
    await ctx.close();
  });

  /** The request, and the statements it sent before its answer came back. */
  const measured = async (method: 'GET' | 'POST', url: string, payload?: object, headers: Record<string, string> = bearer(caseworker.token)) => {
    const sent: Sent[] = [];
    // inject() answers a lazy chain that dispatches when awaited: await it inside the context.
    const response = await request.run(sent, async () => await app.http!.inject({ method, url, headers, ...(payload ? { payload } : {}) }));
    return { response, sent: [...sent] };
  };
  /** Fails with the statements listed, so a new round trip is easy to find. */
  const expectWithin = (sent: Sent[], budget: number) => {
    const listing = sent.map((statement, index) => `${index + 1}. ${statement.name ?? '(unnamed)'}: ${statement.text.replace(/\s+/g, ' ').slice(0, 120)}`);
    expect({ statements: sent.length, listing }).toEqual({ statements: Math.min(sent.length, budget), listing });
  };

  it('intake: POST /api/v1/cases', async () => {
    // Warm: the first intake prepares statements and loads policy caches once per process.
    await newCase(app, caseworker.token, { person: person({ givenName: 'Warm', familyName: 'Up', dateOfBirth: '1970-01-01' }), contact: { channels: [] } });
    const { response, sent } = await measured(
      'POST',
      '/api/v1/cases',
      intakeBody({ person: person({ givenName: 'Counted', familyName: 'Intake', dateOfBirth: '1971-02-02' }), contact: { channels: [] } }),
    );
    expect(response.statusCode).toBe(201);
    expectWithin(sent, BUDGET.intake);
    // Nothing the intake leaves behind was lost to the fewer round trips.
    const db = await ctx.dataSource();
    const [{ id }] = await db.query(`SELECT id FROM cases WHERE reference = $1`, [response.json().reference]);
    expect(await db.query(`SELECT user_id FROM case_assignments WHERE case_id = $1`, [id])).toEqual([{ user_id: caseworker.id }]);
    expect(await db.query(`SELECT 1 FROM data_keys WHERE owner_id = $1`, [id])).toHaveLength(1);
    expect(await db.query(`SELECT kind FROM case_history WHERE case_id = $1`, [id])).toEqual([{ kind: 'CREATED' }]);
    expect(await db.query(`SELECT action FROM audit_events WHERE case_id = $1`, [id])).toEqual([{ action: 'case.created' }]);
    expect(await db.query(`SELECT status, version FROM checkin_schedules WHERE case_id = $1`, [id])).toEqual([{ status: 'ACTIVE', version: 1 }]);
    const events = await db.query(`SELECT job_name FROM outbox_events WHERE payload->>'caseId' = $1 ORDER BY job_name`, [id]);
    expect(events.map((event: { job_name: string }) => event.job_name)).toEqual(['checkin.deadline', 'triage.deadline']);
  });

  it('partner referral: POST /partner/v1/referrals', async () => {
    const agency = await newAgency(app);
    const { key } = await newApiKey(app, agency.id, [ApiKeyScope.ReferralsWrite]);
    const body = (givenName: string) => ({
      person: { givenName, familyName: 'Referred', dateOfBirth: '1985-05-05' },
      contact: { channels: [] },
      originCountry: 'AZ',
      currentCountry: 'GE',
      riskNarrative: 'Summoned for questioning twice',
      riskFactors: [],
      consent: { services: true, sharing: false, resettlement: false, method: 'PARTNER_ATTESTED', obtainedAt: '2026-11-30T09:00:00.000Z' },
    });
    await measured('POST', '/partner/v1/referrals', body('Warm'), { ...bearer(key), 'idempotency-key': randomUUID() });
    const { response, sent } = await measured('POST', '/partner/v1/referrals', body('Counted'), { ...bearer(key), 'idempotency-key': randomUUID() });
    expect(response.statusCode).toBe(201);
    expectWithin(sent, BUDGET.referral);
  });

  it('case read: GET /api/v1/cases/{ref}', async () => {
    const { reference } = await newCase(app, caseworker.token, {
      person: person({ givenName: 'Read', familyName: 'Me', dateOfBirth: '1972-03-03' }),
      contact: { channels: [] },
    });
    await measured('GET', `/api/v1/cases/${reference}`);
    const { response, sent } = await measured('GET', `/api/v1/cases/${reference}`);
    expect(response.statusCode).toBe(200);
    expect(response.json().protected.identity).toMatchObject({ givenName: 'Read', familyName: 'Me' });
    expectWithin(sent, BUDGET.caseRead);
  });

  it('case list: GET /api/v1/cases?limit=50, a full page with names', async () => {
    for (let i = 0; i < 50; i += 1) {
      clock.advance(1_000);
      await newCase(app, caseworker.token, {
        person: person({ givenName: `Listed${i}`, familyName: 'Person', dateOfBirth: `1980-01-${String(1 + (i % 28)).padStart(2, '0')}` }),
        contact: { channels: [] },
      });
    }
    await measured('GET', '/api/v1/cases?limit=50');
    const { response, sent } = await measured('GET', '/api/v1/cases?limit=50');
    expect(response.statusCode).toBe(200);
    expect(response.json().items).toHaveLength(50);
    expect(response.json().items.every((item: { name: unknown }) => item.name !== null)).toBe(true);
    expectWithin(sent, BUDGET.caseList);
  });
});
