import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { ApiKeyScope, StaffRole } from '@common/access/roles';
import { intakeBody } from '@test/support/builders/cases';
import { newAgency, newApiKey } from '@test/support/builders/partners';
import { bearer, longLivedStaff, type StaffFixture } from '@test/support/builders/staff';
import { FakeClock } from '@test/support/fake-clock';
import { expectPartnerContract } from '@test/support/partner-contract';
import { TestContext, type TestApp } from '@test/support/test-context';

type Injected = Awaited<ReturnType<NonNullable<TestApp['http']>['inject']>>;

/** A referral whose every personal value is distinctive, so an echo of it is easy to find. */
const referralBody = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
  person: { givenName: 'Tural', familyName: 'Həsənzadə', dateOfBirth: '1988-11-04' },
  contact: { channels: [{ type: 'SIGNAL', value: '+994 70 555 12 34' }] },
  originCountry: 'AZ',
  currentCountry: 'GE',
  riskNarrative: 'Followed home from the Lankaran rally twice',
  riskFactors: ['POLICE_SUMMONS_OR_SEARCH'],
  consent: { services: true, sharing: true, resettlement: false, method: 'PARTNER_ATTESTED', obtainedAt: '2026-02-27T09:00:00.000Z' },
  ...overrides,
});
const PERSONAL = /Tural|Həsənzadə|555 12 34|Lankaran|Elvin|Məmmədov|Sumqayit/;

describe('bad input never reaches a handler', () => {
  let ctx: TestContext;
  let app: TestApp;
  let db: DataSource;
  const clock = new FakeClock('2026-03-01T08:00:00.000Z');
  let caseworker: StaffFixture;
  let agencyId: string;
  let key: string;

  beforeAll(async () => {
    ctx = await TestContext.create();
    app = await ctx.startApp({ clock });
    db = await ctx.dataSource();
    caseworker = await longLivedStaff(app, clock, [StaffRole.Caseworker]);
    agencyId = (await newAgency(app)).id;
    key = (await newApiKey(app, agencyId, [ApiKeyScope.ReferralsWrite])).key;
  });
  afterAll(() => ctx.close());

  const count = async (sql: string, params: unknown[] = []): Promise<number> => Number((await db.query<Array<{ n: string }>>(sql, params))[0]!.n);
  const rows = async (): Promise<Record<string, number>> => ({
    cases: await count(`SELECT count(*) AS n FROM cases`),
    claims: await count(`SELECT count(*) AS n FROM idempotency_records`),
    referrals: await count(`SELECT count(*) AS n FROM referrals`),
  });
  const pointers = (response: Injected): string[] => (response.json<{ errors?: Array<{ pointer: string }> }>().errors ?? []).map((error) => error.pointer);
  const expectProblem = (response: Injected, status: number, code: string): void => {
    expect({ status: response.statusCode, type: response.json<{ type: string }>().type }).toEqual({ status, type: `urn:corridor:problem:${code}` });
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body).not.toMatch(PERSONAL);
  };
  const intake = (payload: unknown, headers: Record<string, string> = {}): Promise<Injected> =>
    app.http!.inject({
      method: 'POST',
      url: '/api/v1/cases',
      headers: { ...bearer(caseworker.token), ...headers },
      ...(payload === undefined ? {} : { payload: payload as string }),
    });
  const refer = async (payload: unknown, headers: Record<string, string> = {}): Promise<Injected> => {
    const response = await app.http!.inject({
      method: 'POST',
      url: '/partner/v1/referrals',
      headers: { authorization: `Bearer ${key}`, 'idempotency-key': randomUUID(), ...headers },
      ...(payload === undefined ? {} : { payload: payload as string }),
    });
    expectPartnerContract('POST', '/partner/v1/referrals', response);
    return response;
  };

  describe('required nested objects', () => {
    it.each(['person', 'consent'])('a staff intake without %s answers 400 pointing at it, and opens nothing', async (field) => {
      const before = await rows();
      const { [field]: _omitted, ...body } = intakeBody() as Record<string, unknown>;
      const response = await intake(body);
      expectProblem(response, 400, 'validation-failed');
      expect(pointers(response)).toContain(`/${field}`);
      expect(await rows()).toEqual(before);
    });

    it.each(['person', 'consent', 'contact'])('a referral without %s answers 400 pointing at it, claims no key and refers no one', async (field) => {
      const before = await rows();
      const { [field]: _omitted, ...body } = referralBody();
      const response = await refer(body);
      expectProblem(response, 400, 'validation-failed');
      expect(pointers(response)).toContain(`/${field}`);
      expect(await rows()).toEqual(before);
    });

    it('an array, a string or null where an object belongs is refused with its pointer', async () => {
      for (const person of [[{ givenName: 'Tural' }], 'Tural Həsənzadə', null, 7]) {
        const response = await refer(referralBody({ person }));
        expectProblem(response, 400, 'validation-failed');
        expect(pointers(response)).toContain('/person');
      }
      const channels = await refer(referralBody({ contact: { channels: ['+994 70 555 12 34'] } }));
      expectProblem(channels, 400, 'validation-failed');
      expect(pointers(channels)).toContain('/contact/channels');
    });
  });

  describe('a body that is not an object', () => {
    it.each([
      ['{}', {}],
      ['[]', []],
      ['a JSON string', '"Tural Həsənzadə"'],
      ['null', 'null'],
    ])('%s is reported at the root and with every required field', async (_name, payload) => {
      const response = await intake(payload, { 'content-type': 'application/json' });
      expectProblem(response, 400, 'validation-failed');
      expect(pointers(response)).toEqual(expect.arrayContaining(['/person', '/consent', '/originCountry']));
      if (Array.isArray(payload) || typeof payload === 'string') expect(pointers(response)).toContain('');
    });

    it('no body at all is reported the same way', async () => {
      const response = await intake(undefined);
      expectProblem(response, 400, 'validation-failed');
      expect(pointers(response)).toEqual(expect.arrayContaining(['', '/person', '/consent', '/originCountry']));
    });

    it('an empty JSON body is malformed, at the root pointer', async () => {
      const response = await intake('', { 'content-type': 'application/json' });
      expectProblem(response, 400, 'malformed-body');
      expect(pointers(response)).toEqual(['']);
    });
  });

  describe('a body that is not JSON: 415, and nothing of it comes back', () => {
    const text = JSON.stringify(referralBody());
    it.each([
      ['text/plain', { 'content-type': 'text/plain' }, text],
      ['form-encoded', { 'content-type': 'application/x-www-form-urlencoded' }, 'givenName=Tural&familyName=H%C9%99s%C9%99nzad%C9%99&city=Lankaran'],
      ['XML', { 'content-type': 'application/xml' }, '<person>Tural Həsənzadə</person>'],
    ])('%s to the partner API', async (_name, headers, payload) => {
      const before = await rows();
      const response = await refer(payload, headers);
      expectProblem(response, 415, 'unsupported-media-type');
      expect(response.json<{ errors?: unknown }>().errors).toBeUndefined();
      expect(await rows()).toEqual(before);
    });

    it('a body without a content type', async () => {
      const before = await rows();
      const response = await app.http!.inject({
        method: 'POST',
        url: '/partner/v1/referrals',
        headers: { authorization: `Bearer ${key}`, 'idempotency-key': randomUUID() },
        body: Buffer.from(text),
      });
      expectProblem(response, 415, 'unsupported-media-type');
      expect(await rows()).toEqual(before);
    });

    it('text/plain and form bodies to the staff API', async () => {
      for (const [type, payload] of [
        ['text/plain', JSON.stringify(intakeBody())],
        ['application/x-www-form-urlencoded', 'givenName=Elvin&city=Sumqayit'],
      ] as const) {
        const response = await intake(payload, { 'content-type': type });
        expectProblem(response, 415, 'unsupported-media-type');
      }
    });
  });

  describe('Idempotency-Key', () => {
    it('an invalid body costs no claim: 400 before the key is taken, and the key stays free', async () => {
      const idempotencyKey = randomUUID();
      const before = await rows();
      const invalid = await refer(referralBody({ consent: undefined }), { 'idempotency-key': idempotencyKey });
      expectProblem(invalid, 400, 'validation-failed');
      expect(await rows()).toEqual(before);
      const valid = await refer(referralBody(), { 'idempotency-key': idempotencyKey });
      expect(valid.statusCode).toBe(201);
    });

    it('a replay answers the stored bytes exactly', async () => {
      const idempotencyKey = randomUUID();
      const first = await refer(referralBody(), { 'idempotency-key': idempotencyKey });
      expect(first.statusCode).toBe(201);
      clock.advance(60_000);
      const { consent, ...rest } = referralBody();
      const replay = await refer({ consent, ...rest }, { 'idempotency-key': idempotencyKey });
      expect(replay.statusCode).toBe(201);
      expect(replay.headers['idempotent-replayed']).toBe('true');
      expect(replay.headers['content-type']).toBe(first.headers['content-type']);
      expect(replay.rawPayload.equals(first.rawPayload)).toBe(true);
    });

    it('a 256-character key is too long, not missing; a key of 255 is fine', async () => {
      const tooLong = await refer(referralBody(), { 'idempotency-key': 'k'.repeat(256) });
      expectProblem(tooLong, 400, 'idempotency-key-invalid');
      expect(tooLong.json<{ detail: string }>().detail).toMatch(/too long/);
      const unprintable = await refer(referralBody(), { 'idempotency-key': 'has space' });
      expectProblem(unprintable, 400, 'idempotency-key-invalid');
      const missing = await refer(referralBody(), { 'idempotency-key': '' });
      expectProblem(missing, 400, 'idempotency-key-required');
      expect((await refer(referralBody(), { 'idempotency-key': 'k'.repeat(255) })).statusCode).toBe(201);
    });

    it('a malformed path id answers 404 before any claim', async () => {
      const before = await rows();
      const response = await app.http!.inject({
        method: 'POST',
        url: '/partner/v1/webhooks/not-a-uuid/test',
        headers: { authorization: `Bearer ${(await newApiKey(app, agencyId, [ApiKeyScope.WebhooksManage])).key}`, 'idempotency-key': randomUUID() },
      });
      expect(response.statusCode).toBe(404);
      expect(await rows()).toEqual(before);
    });
  });
});
