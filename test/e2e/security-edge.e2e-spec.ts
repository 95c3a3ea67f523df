import { DataSource } from 'typeorm';
import { ApiKeyScope, StaffRole } from '@common/access/roles';
import { newCase } from '@test/support/builders/cases';
import { newAgency, newApiKey } from '@test/support/builders/partners';
import { bearer, longLivedStaff, type StaffFixture } from '@test/support/builders/staff';
import { FakeClock } from '@test/support/fake-clock';
import { LogCapture } from '@test/support/log-capture';
import { TestContext, type TestApp } from '@test/support/test-context';

/** Issue 15, findings 6, 8 and 10 (bearer scheme, HSTS): each test performs the attack as reported. */
describe('security: HTTP edge (issue 15)', () => {
  let ctx: TestContext;
  let app: TestApp;
  let db: DataSource;
  const clock = new FakeClock(new Date());
  const logs = new LogCapture();
  let caseworker: StaffFixture;
  let partnerKey: string;

  beforeAll(async () => {
    ctx = await TestContext.create();
    app = await ctx.startApp({ clock, logs });
    db = await ctx.dataSource();
    caseworker = await longLivedStaff(app, clock, [StaffRole.Caseworker]);
    partnerKey = (await newApiKey(app, (await newAgency(app)).id, [ApiKeyScope.ReferralsWrite, ApiKeyScope.CasesRead])).key;
  });
  afterAll(() => ctx.close());

  const logLinesOf = (requestId: unknown) => logs.entries().filter((entry) => entry.requestId === requestId);

  // Finding 6: `POST /%63/<token>` was served as /c/<token> and logged with the token; `/C/<token>`
  // and `//c/<token>` answered 404 and were logged with it too.
  it('never logs a check-in token, however the path is spelled', async () => {
    const { reference } = await newCase(app, caseworker.token, { priority: 'URGENT' });
    const pins = await app.http!.inject({ method: 'PUT', url: `/api/v1/cases/${reference}/checkin-pins`, headers: bearer(caseworker.token), payload: { safetyPin: '48213', duressPin: '90675' } });
    expect(pins.statusCode).toBe(204);
    const issued = await app.http!.inject({ method: 'POST', url: `/api/v1/cases/${reference}/checkin-links`, headers: bearer(caseworker.token), payload: {} });
    const token = String(issued.json().path).replace(/^\/c\//, '');
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const spellings = [`/%63/${token}`, `/C/${token}`, `//c/${token}`, `/c/${token}/`, `/%2563/${token}`, `/c/${token}?x=1`, `/c/${encodeURIComponent(token)}%2F`];
    const served: Array<{ url: string; status: number; path: unknown }> = [];
    for (const url of spellings) {
      const response = await app.http!.inject({ method: 'POST', url, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'pin=11111', remoteAddress: '10.77.0.1' });
      const [line] = logLinesOf(response.headers['x-request-id']);
      served.push({ url, status: response.statusCode, path: line?.path });
    }
    // The encoded spelling reached the check-in page; every line names a route template or "(unmatched)".
    expect(served[0]).toMatchObject({ status: 200, path: '/c/:token' });
    for (const entry of served) expect(['/c/:token', '(unmatched)']).toContain(entry.path);
    expect(logs.text).not.toContain(token);
    expect(logs.text).not.toContain(token.slice(0, 20));
  });

  // Finding 8: a 10,000-deep array to POST /api/v1/auth/login answered 500 with a stack trace in the log.
  it('refuses deeply nested JSON with 400 problem+json on staff and partner routes, logging only the rejection', async () => {
    const deep = `${'['.repeat(10_000)}${']'.repeat(10_000)}`;
    const targets = [
      { url: '/api/v1/auth/login', headers: {}, payload: deep },
      { url: '/api/v1/auth/login', headers: {}, payload: `{"email":${deep},"password":"x","code":"123456"}` },
      { url: '/api/v1/cases', headers: bearer(caseworker.token), payload: `{"person":${'{"a":'.repeat(5_000)}1${'}'.repeat(5_000)}}` },
      { url: '/partner/v1/referrals', headers: { ...bearer(partnerKey), 'idempotency-key': 'deep-json-probe-1' }, payload: `{"person":${deep}}` },
    ];
    const before = await db.query(`SELECT (SELECT count(*) FROM cases)::int AS cases, (SELECT count(*) FROM referrals)::int AS referrals`);
    for (const target of targets) {
      const response = await app.http!.inject({ method: 'POST', url: target.url, headers: { ...target.headers, 'content-type': 'application/json' }, payload: target.payload });
      expect({ url: target.url, status: response.statusCode, type: response.json().type }).toEqual({ url: target.url, status: 400, type: 'urn:corridor:problem:body-too-deep' });
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      const lines = logLinesOf(response.headers['x-request-id']);
      // One line: the request, answered 400. No error, no stack.
      expect(lines).toEqual([expect.objectContaining({ msg: 'request', status: 400 })]);
    }
    expect(logs.text).not.toMatch(/RangeError|Maximum call stack/);
    expect(await db.query(`SELECT (SELECT count(*) FROM cases)::int AS cases, (SELECT count(*) FROM referrals)::int AS referrals`)).toEqual(before);
    // Ordinary nesting still parses (and fails validation, not parsing).
    const shallow = await app.http!.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: [[[['x']]]], password: 'x', code: '123456' } });
    expect(shallow.statusCode).toBe(400);
    expect(shallow.json().type).not.toBe('urn:corridor:problem:body-too-deep');
  });

  // Finding 10: `Authorization: bearer …` was refused; the scheme is case-insensitive (RFC 9110 §11.1).
  it('accepts the bearer scheme in any case, for staff and partners', async () => {
    for (const scheme of ['bearer', 'BEARER', 'bEaReR']) {
      const staff = await app.http!.inject({ method: 'GET', url: '/api/v1/me/sessions', headers: { authorization: `${scheme} ${caseworker.token}` } });
      expect({ scheme, status: staff.statusCode }).toEqual({ scheme, status: 200 });
      const partner = await app.http!.inject({ method: 'GET', url: '/partner/v1/me', headers: { authorization: `${scheme} ${partnerKey}` } });
      expect({ scheme, status: partner.statusCode }).toEqual({ scheme, status: 200 });
    }
    // The token itself stays case-sensitive, and other schemes are still refused.
    expect((await app.http!.inject({ method: 'GET', url: '/api/v1/me/sessions', headers: { authorization: `bearer ${caseworker.token.toUpperCase()}` } })).statusCode).toBe(401);
    expect((await app.http!.inject({ method: 'GET', url: '/api/v1/me/sessions', headers: { authorization: `Basic ${caseworker.token}` } })).statusCode).toBe(401);
  });

  // Finding 10: HSTS was sent over plain HTTP.
  it('sends HSTS only on answers to HTTPS requests', async () => {
    const plain = await app.http!.inject({ method: 'GET', url: '/health' });
    expect(plain.headers['strict-transport-security']).toBeUndefined();
    // Without TRUST_PROXY a client cannot claim HTTPS with a header.
    const claimed = await app.http!.inject({ method: 'GET', url: '/health', headers: { 'x-forwarded-proto': 'https' } });
    expect(claimed.headers['strict-transport-security']).toBeUndefined();
    const proxied = await ctx.startApp({ env: { TRUST_PROXY: 'true' } });
    const viaTls = await proxied.http!.inject({ method: 'GET', url: '/health', headers: { 'x-forwarded-proto': 'https' } });
    expect(viaTls.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
    const viaPlain = await proxied.http!.inject({ method: 'GET', url: '/health', headers: { 'x-forwarded-proto': 'http' } });
    expect(viaPlain.headers['strict-transport-security']).toBeUndefined();
    await proxied.close();
  });
});
