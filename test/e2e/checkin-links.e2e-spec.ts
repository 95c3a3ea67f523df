import { DataSource } from 'typeorm';
import { StaffRole } from '@common/access/roles';
import { newCase } from '@test/support/builders/cases';
import { bearer, longLivedStaff, type StaffFixture } from '@test/support/builders/staff';
import { FakeClock } from '@test/support/fake-clock';
import { LogCapture } from '@test/support/log-capture';
import { TestContext, type TestApp } from '@test/support/test-context';
import { runDueJobs } from '@test/support/run-due-jobs';

const H = 3_600_000;
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const SAFETY = '48213';
const DURESS = '90675';

describe('check-in links, PINs and duress', () => {
  let ctx: TestContext;
  let app: TestApp;
  let db: DataSource;
  const clock = new FakeClock(new Date());
  const logs = new LogCapture();
  let caseworkerA: StaffFixture;
  let caseworkerB: StaffFixture;

  beforeAll(async () => {
    ctx = await TestContext.create();
    app = await ctx.startApp({ clock, logs, env: { CHECKIN_LINK_RATE_LIMIT_PER_IP: '6', CHECKIN_LINK_MAX_ATTEMPTS: '3' } });
    db = await ctx.dataSource();
    caseworkerA = await longLivedStaff(app, clock, [StaffRole.Caseworker]);
    caseworkerB = await longLivedStaff(app, clock, [StaffRole.Caseworker]);
  });
  afterAll(() => ctx.close());

  let ipCounter = 0;
  /** Each test gets its own client address, so the per-address limit is exercised only where meant. */
  const freshIp = (): string => `10.9.0.${++ipCounter}`;

  const staff = (method: 'PUT' | 'POST', url: string, who: StaffFixture, payload: object) =>
    app.http!.inject({ method, url, headers: bearer(who.token), payload });

  const runDue = (): Promise<number> => runDueJobs(app, clock);

  const caseWithPins = async (): Promise<string> => {
    const { reference } = await newCase(app, caseworkerA.token, { priority: 'URGENT' });
    const set = await staff('PUT', `/api/v1/cases/${reference}/checkin-pins`, caseworkerA, { safetyPin: SAFETY, duressPin: DURESS });
    expect(set.statusCode).toBe(204);
    return reference;
  };

  const issue = async (reference: string, kind?: 'CHECKIN' | 'ENROL'): Promise<string> => {
    const response = await staff('POST', `/api/v1/cases/${reference}/checkin-links`, caseworkerA, kind ? { kind } : {});
    expect(response.statusCode).toBe(201);
    const path = response.json().path as string;
    expect(path).toMatch(/^\/c\/[A-Za-z0-9_-]{43}$/);
    return path;
  };

  const post = (path: string, form: string, ip = freshIp()) => app.http!.inject({ method: 'POST', url: path, headers: FORM, payload: form, remoteAddress: ip });

  /** Status, headers without the per-request ones, and body. */
  const shape = (response: { statusCode: number; headers: Record<string, unknown>; body: string }) => {
    const { date: _date, 'x-request-id': _id, ...headers } = response.headers;
    return { status: response.statusCode, headers, body: response.body };
  };

  const escalations = (reference: string) => db.query(`SELECT trigger, level, state FROM escalations WHERE case_reference = $1`, [reference]);

  it('answers a safety PIN and a duress PIN with byte-identical responses; the duress one opens DURESS at level 3 after the job', async () => {
    const safeCase = await caseWithPins();
    const duressCase = await caseWithPins();
    const safe = await post(await issue(safeCase), `pin=${SAFETY}`);
    const duress = await post(await issue(duressCase), `pin=${DURESS}`);
    expect(shape(duress)).toEqual(shape(safe));
    expect(safe.statusCode).toBe(200);
    expect(safe.body).toContain('Received');
    // Both recorded a check-in from the link.
    for (const reference of [safeCase, duressCase]) {
      const rows = await db.query(`SELECT c.source FROM checkins c JOIN cases k ON k.id = c.case_id WHERE k.reference = $1`, [reference]);
      expect(rows).toEqual([{ source: 'LINK' }]);
    }
    await runDue();
    expect(await escalations(duressCase)).toEqual([{ trigger: 'DURESS', level: 3, state: 'OPEN' }]);
    expect(await escalations(safeCase)).toEqual([]);
  });

  it('serves an innocuous page: no product name, no case data, no script, strict headers', async () => {
    const reference = await caseWithPins();
    const path = await issue(reference);
    for (const response of [await app.http!.inject({ method: 'GET', url: path }), await post(path, `pin=${SAFETY}`)]) {
      expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(response.headers['cache-control']).toBe('no-store');
      expect(response.headers['referrer-policy']).toBe('no-referrer');
      expect(response.headers['content-security-policy']).toMatch(/default-src 'none'; style-src 'sha256-[A-Za-z0-9+/=]+'/);
      const everything = `${JSON.stringify(response.headers)}${response.body}`.toLowerCase();
      expect(everything).not.toContain('corridor');
      expect(everything).not.toContain(reference.toLowerCase());
      expect(everything).not.toContain('<script');
    }
  });

  it('answers a wrong PIN, an unknown token, a used token and an expired one with the same page', async () => {
    const reference = await caseWithPins();
    const wrong = await post(await issue(reference), 'pin=11112');
    const unknown = await post('/c/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', `pin=${SAFETY}`);
    const malformed = await post('/c/nonsense', `pin=${SAFETY}`);
    const used = await issue(reference);
    expect((await post(used, `pin=${SAFETY}`)).body).toContain('Received');
    const reused = await post(used, `pin=${SAFETY}`);
    const expiring = await issue(reference);
    clock.advance(72 * H + 1);
    const expired = await post(expiring, `pin=${SAFETY}`);
    for (const response of [unknown, malformed, reused, expired]) expect(shape(response)).toEqual(shape(wrong));
    expect(wrong.body).toContain('could not be confirmed');
    expect(await db.query(`SELECT count(*)::int AS n FROM checkins c JOIN cases k ON k.id = c.case_id WHERE k.reference = $1`, [reference])).toEqual([
      { n: 1 },
    ]);
  });

  it('keeps the link through a wrong PIN, and spends it after the configured number of wrong PINs', async () => {
    const reference = await caseWithPins();
    const path = await issue(reference);
    expect((await post(path, 'pin=0000')).body).toContain('could not be confirmed');
    expect((await post(path, `pin=${SAFETY}`)).body).toContain('Received');
    const burnt = await issue(reference);
    for (let i = 0; i < 3; i += 1) await post(burnt, 'pin=0000');
    expect((await post(burnt, `pin=${SAFETY}`)).body).toContain('could not be confirmed');
  });

  it('rate-limits per address (the right PIN is refused too while limited)', async () => {
    const reference = await caseWithPins();
    const ip = freshIp();
    for (let i = 0; i < 6; i += 1) await post('/c/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', 'pin=0000', ip);
    const path = await issue(reference);
    expect((await post(path, `pin=${SAFETY}`, ip)).body).toContain('could not be confirmed');
    expect((await post(path, `pin=${SAFETY}`)).body).toContain('Received');
  });

  it('lets the person choose both PINs through an ENROL link, then check in with them', async () => {
    const { reference } = await newCase(app, caseworkerA.token, { priority: 'NORMAL' });
    expect((await staff('POST', `/api/v1/cases/${reference}/checkin-links`, caseworkerA, {})).json().type).toMatch(/checkin-pins-not-set$/);
    const enrol = await issue(reference, 'ENROL');
    expect((await app.http!.inject({ method: 'GET', url: enrol })).body).toContain('name="pin2"');
    expect((await post(enrol, 'pin=1357&pin2=1357')).body).toContain('Please choose again');
    expect((await post(enrol, 'pin=1357&pin2=2468')).body).toContain('Received');
    expect((await post(enrol, 'pin=1357&pin2=2468')).body).toContain('could not be confirmed');
    const duress = await post(await issue(reference), 'pin=2468');
    expect(duress.body).toContain('Received');
    await runDue();
    expect(await escalations(reference)).toEqual([{ trigger: 'DURESS', level: 3, state: 'OPEN' }]);
  });

  it('stores PINs only as argon2id hashes and never logs them', async () => {
    const rows: Array<Record<string, unknown>> = await db.query(`SELECT * FROM checkin_pins`);
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      expect(row.safety_pin_hash).toMatch(/^\$argon2id\$/);
      expect(row.duress_pin_hash).toMatch(/^\$argon2id\$/);
      for (const value of Object.values(row))
        for (const pin of [SAFETY, DURESS, '1357', '2468']) expect(String(value instanceof Date ? value.toISOString() : value)).not.toContain(pin);
    }
    const links: Array<{ token_hash: string }> = await db.query(`SELECT token_hash FROM checkin_links`);
    for (const link of links) expect(link.token_hash).toMatch(/^[0-9a-f]{64}$/);
    for (const pin of [SAFETY, DURESS]) expect(logs.text).not.toContain(pin);
    expect(logs.text).toContain('/c/:token');
    const audit: Array<{ details: unknown }> = await db.query(`SELECT details FROM audit_events WHERE action = 'checkin.pins_set'`);
    for (const row of audit) for (const pin of [SAFETY, DURESS]) expect(JSON.stringify(row.details)).not.toContain(pin);
  });

  it('answers 404 to a caseworker not assigned to the case, and 400 to bad input', async () => {
    const reference = await caseWithPins();
    expect((await staff('PUT', `/api/v1/cases/${reference}/checkin-pins`, caseworkerB, { safetyPin: '1111', duressPin: '2222' })).statusCode).toBe(404);
    expect((await staff('POST', `/api/v1/cases/${reference}/checkin-links`, caseworkerB, {})).statusCode).toBe(404);
    for (const body of [
      { safetyPin: '12', duressPin: '5678' },
      { safetyPin: '1234', duressPin: 'abcd' },
      { safetyPin: '1234' },
      { safetyPin: 1234, duressPin: 5678 },
      { safetyPin: '1234', duressPin: '1234' },
    ]) {
      expect((await staff('PUT', `/api/v1/cases/${reference}/checkin-pins`, caseworkerA, body)).statusCode).toBe(400);
    }
    expect((await staff('POST', `/api/v1/cases/${reference}/checkin-links`, caseworkerA, { kind: 'OTHER' })).statusCode).toBe(400);
  });
});
