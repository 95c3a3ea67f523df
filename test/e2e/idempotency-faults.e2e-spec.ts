import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager, QueryRunner } from 'typeorm';
import { ApiKeyScope, StaffRole } from '@common/access/roles';
import { IdempotencyService } from '@infra/http/idempotency/idempotency.service';
import { newCase } from '@test/support/builders/cases';
import { newAgency, newApiKey } from '@test/support/builders/partners';
import { bearer, longLivedStaff, type StaffFixture } from '@test/support/builders/staff';
import { FakeClock } from '@test/support/fake-clock';
import { TestContext, type TestApp } from '@test/support/test-context';
import { waitFor } from '@test/support/wait-for';

type Injected = Awaited<ReturnType<NonNullable<TestApp['http']>['inject']>>;

const referralBody = () => ({
  person: { givenName: 'Tural', familyName: 'Əliyev', dateOfBirth: '1988-04-11' },
  contact: { channels: [{ type: 'SIGNAL', value: '+994 50 111 22 33' }] },
  originCountry: 'AZ',
  currentCountry: 'GE',
  riskNarrative: 'Questioned at the border about a relative abroad',
  riskFactors: [],
  consent: { services: true, sharing: true, resettlement: false, method: 'PARTNER_ATTESTED', obtainedAt: '2026-02-27T09:00:00.000Z' },
});

/**
 * Idempotent writes and 503s when the database fails mid-request (real PostgreSQL): the answer of
 * an Idempotency-Key commits with its effect, so a retry after a lost answer or after the lease
 * replays it and never runs the write twice; a backend terminated under a request answers a 503
 * problem with Retry-After, never a 500.
 */
describe('idempotent writes and answers under database faults', () => {
  let ctx: TestContext;
  let app: TestApp;
  let db: DataSource;
  const clock = new FakeClock('2026-03-01T08:00:00.000Z');
  let caseworker: StaffFixture;
  let agency: string;
  let key: string;

  beforeAll(async () => {
    ctx = await TestContext.create();
    app = await ctx.startApp({ clock });
    db = await ctx.dataSource();
    caseworker = await longLivedStaff(app, clock, [StaffRole.Caseworker]);
    agency = (await newAgency(app)).id;
    key = (await newApiKey(app, agency, [ApiKeyScope.ReferralsWrite, ApiKeyScope.CasesRead, ApiKeyScope.CheckinsWrite])).key;
  });
  afterEach(() => jest.restoreAllMocks());
  afterAll(() => ctx.close());

  const post = (url: string, idempotencyKey: string, payload: object): Promise<Injected> =>
    app.http!.inject({ method: 'POST', url, headers: { ...bearer(key), 'idempotency-key': idempotencyKey }, payload });
  const refer = (idempotencyKey: string) => post('/partner/v1/referrals', idempotencyKey, referralBody());
  const count = async (sql: string, params: unknown[] = []): Promise<number> => Number((await db.query(sql, params))[0].n);
  const referralsOfAgency = () => count(`SELECT count(*) AS n FROM referrals WHERE agency_id = $1`, [agency]);
  const lease = () => app.context.get(IdempotencyService);

  /** Makes every completion that is not inside the request's own transaction fail, as a terminated backend would after the commit. */
  const failCompletionAfterCommit = () => {
    const service = lease();
    const original = service.complete.bind(service);
    return jest.spyOn(service, 'complete').mockImplementation((scope: string, k: string, token: Date, status: number, body: unknown, tx?: EntityManager) => {
      if (tx === undefined) return Promise.reject(Object.assign(new Error('Connection terminated unexpectedly'), { name: 'Error' }));
      return original(scope, k, token, status, body, tx);
    });
  };

  /** Holds requests that write a referral inside their transaction until released. */
  const holdReferrals = async (): Promise<QueryRunner> => {
    const blocker = db.createQueryRunner();
    await blocker.connect();
    await blocker.startTransaction();
    await blocker.query(`LOCK TABLE referrals IN EXCLUSIVE MODE`);
    return blocker;
  };
  const waitingOnLock = () =>
    db.query<Array<{ pid: number }>>(
      `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND wait_event_type = 'Lock'`,
    );

  it('a referral whose answer could not be stored after the commit is replayed byte for byte after the lease, not made twice', async () => {
    const spy = failCompletionAfterCommit();
    const idempotencyKey = randomUUID();
    const before = await referralsOfAgency();
    const first = await refer(idempotencyKey);
    expect(first.statusCode).toBe(201);
    // The answer went into the referral's own transaction: no completion after the commit was needed.
    expect(spy.mock.calls.filter((call) => call[5] === undefined)).toHaveLength(0);
    const [record] = await db.query(`SELECT state FROM idempotency_records WHERE key = $1`, [idempotencyKey]);
    expect(record.state).toBe('COMPLETED');

    // Past the lease (a takeover would be allowed for an IN_FLIGHT claim): the retry replays.
    clock.advance(61 * 60_000);
    const retry = await refer(idempotencyKey);
    expect(retry.statusCode).toBe(201);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.body).toBe(first.body);
    expect(await referralsOfAgency()).toBe(before + 1);
  });

  it('a partner check-in likewise: one check-in per key whatever happens after the commit', async () => {
    failCompletionAfterCommit();
    const { reference } = await newCase(app, caseworker.token);
    const share = await app.http!.inject({
      method: 'POST',
      url: `/api/v1/cases/${reference}/shares`,
      headers: bearer(caseworker.token),
      payload: { agencyId: agency, fields: ['city'], purpose: 'SHELTER', expiresAt: new Date(clock.nowMs() + 30 * 86_400_000).toISOString() },
    });
    expect(share.statusCode).toBe(201);
    const idempotencyKey = randomUUID();
    const first = await post(`/partner/v1/cases/${reference}/check-ins`, idempotencyKey, { channel: 'VISIT' });
    expect(first.statusCode).toBe(201);
    clock.advance(61 * 60_000);
    const retry = await post(`/partner/v1/cases/${reference}/check-ins`, idempotencyKey, { channel: 'VISIT' });
    expect(retry.statusCode).toBe(201);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.body).toBe(first.body);
    expect(
      await count(`SELECT count(*) AS n FROM checkins c JOIN cases k ON k.id = c.case_id WHERE k.reference = $1 AND c.source = 'PARTNER'`, [reference]),
    ).toBe(1);
  });

  it('a claim taken over after its lease while the first attempt still runs: the first rolls back (409), one referral', async () => {
    const idempotencyKey = randomUUID();
    const before = await referralsOfAgency();
    const blocker = await holdReferrals();
    let first: Promise<Injected> | undefined;
    let second: Promise<Injected> | undefined;
    try {
      first = refer(idempotencyKey);
      await waitFor('the first attempt to wait inside its transaction', async () => (await waitingOnLock()).length === 1, 10_000, 25);
      // The first attempt's lease ends (its process looks dead); a retry takes the key over.
      clock.advance(61_000);
      second = refer(idempotencyKey);
      await waitFor('the takeover to wait inside its transaction', async () => (await waitingOnLock()).length === 2, 10_000, 25);
    } finally {
      await blocker.commitTransaction();
      await blocker.release();
    }
    const answers = await Promise.all([first, second]);
    expect(answers.map((a) => a.statusCode)).toEqual([409, 201]);
    expect(answers[0].json()).toMatchObject({ type: 'urn:corridor:problem:idempotency-key-in-flight' });
    expect(await referralsOfAgency()).toBe(before + 1);
    const replay = await refer(idempotencyKey);
    expect(replay.body).toBe(answers[1].body);
  });

  it('a backend terminated under a request answers 503 database-unavailable with Retry-After, and the key stays free for the retry', async () => {
    const idempotencyKey = randomUUID();
    const before = await referralsOfAgency();
    const blocker = await holdReferrals();
    let answer: Injected;
    try {
      const pending = refer(idempotencyKey);
      const [victim] = await waitFor(
        'the request to wait inside its transaction',
        async () => {
          const rows = await waitingOnLock();
          return rows.length === 1 ? rows : undefined;
        },
        10_000,
        25,
      );
      // The request's own connection, as `pg_terminate_backend` in an operator's hands or a failover would.
      const [{ terminated }] = await db.query(`SELECT pg_terminate_backend($1) AS terminated`, [victim!.pid]);
      expect(terminated).toBe(true);
      answer = await pending;
    } finally {
      await blocker.commitTransaction();
      await blocker.release();
    }
    expect(answer.statusCode).toBe(503);
    expect(answer.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(answer.headers['retry-after']).toBe('2');
    const problem = answer.json();
    expect(problem).toMatchObject({ type: 'urn:corridor:problem:database-unavailable', status: 503, retryAfterSeconds: 2, requestId: expect.any(String) });
    // No internals: neither the driver's message nor SQL.
    expect(answer.body).not.toMatch(/terminat|administrator|SELECT|INSERT|QueryRunner|stack/i);
    expect(await referralsOfAgency()).toBe(before);

    // The claim was released: the retry runs, once.
    const retry = await refer(idempotencyKey);
    expect(retry.statusCode).toBe(201);
    expect(retry.headers['idempotent-replayed']).toBeUndefined();
    expect(await referralsOfAgency()).toBe(before + 1);
  });
});
