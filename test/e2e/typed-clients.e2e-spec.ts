import { randomUUID } from 'node:crypto';
import createClient from 'openapi-fetch';
import { ApiKeyScope, StaffRole } from '@common/access/roles';
import { injectFetch } from '@test/contract-clients/inject-fetch';
import type { components as PartnerComponents, paths as PartnerPaths, webhooks as PartnerWebhooks } from '@test/contract-clients/partner-api';
import type { paths as StaffPaths } from '@test/contract-clients/staff-api';
import { intakeBody } from '@test/support/builders/cases';
import { newAgency, newApiKey } from '@test/support/builders/partners';
import { longLivedStaff } from '@test/support/builders/staff';
import { FakeClock } from '@test/support/fake-clock';
import { TestContext, type TestApp } from '@test/support/test-context';

/** The declared partner headers and webhook payloads, as a client reads them from the generated types. */
type ReplayedHeader = PartnerComponents['headers']['idempotent-replayed'];
type TestEvent = PartnerWebhooks['webhook.test']['post']['requestBody']['content']['application/json'];

describe('typed clients generated from the committed documents (openapi-typescript + openapi-fetch)', () => {
  let ctx: TestContext;
  let app: TestApp;
  const clock = new FakeClock('2026-03-01T08:00:00.000Z');

  beforeAll(async () => {
    ctx = await TestContext.create();
    app = await ctx.startApp({ clock });
  });
  afterAll(() => ctx.close());

  it('a staff client opens a case and reads it back, typed end to end', async () => {
    const caseworker = await longLivedStaff(app, clock, [StaffRole.Caseworker]);
    const staff = createClient<StaffPaths>({
      baseUrl: 'http://corridor.test',
      fetch: injectFetch(app),
      headers: { authorization: `Bearer ${caseworker.token}` },
    });
    const opened = await staff.POST('/api/v1/cases', {
      body: intakeBody() as StaffPaths['/api/v1/cases']['post']['requestBody']['content']['application/json'],
    });
    expect(opened.response.status).toBe(201);
    const reference: string = opened.data!.reference;
    const read = await staff.GET('/api/v1/cases/{ref}', { params: { path: { ref: reference } } });
    expect(read.data?.reference).toBe(reference);
    const refused = await staff.GET('/api/v1/cases/{ref}', { params: { path: { ref: 'C-0000-0000' } } });
    expect(refused.error?.status).toBe(404);
  });

  it('a partner client refers, replays, and reads the declared headers and webhook payload types', async () => {
    const agency = await newAgency(app);
    const key = (await newApiKey(app, agency.id, [ApiKeyScope.ReferralsWrite])).key;
    const partner = createClient<PartnerPaths>({ baseUrl: 'http://corridor.test', fetch: injectFetch(app), headers: { authorization: `Bearer ${key}` } });
    const body: PartnerPaths['/partner/v1/referrals']['post']['requestBody']['content']['application/json'] = {
      person: { givenName: 'Nigar', familyName: 'Rzayeva', dateOfBirth: '1990-02-11' },
      contact: { channels: [{ type: 'SIGNAL', value: '+994 51 222 33 44' }] },
      originCountry: 'AZ',
      currentCountry: 'GE',
      riskNarrative: 'Threatened after a protest',
      riskFactors: ['POLICE_SUMMONS_OR_SEARCH'],
      consent: { services: true, sharing: true, resettlement: false, method: 'PARTNER_ATTESTED', obtainedAt: '2026-02-27T09:00:00.000Z' },
    };
    const idempotencyKey = randomUUID();
    const first = await partner.POST('/partner/v1/referrals', { body, params: { header: { 'Idempotency-Key': idempotencyKey } } });
    expect(first.response.status).toBe(201);
    const again = await partner.POST('/partner/v1/referrals', { body, params: { header: { 'Idempotency-Key': idempotencyKey } } });
    const replayed = again.response.headers.get('idempotent-replayed') as ReplayedHeader | null;
    expect(replayed).toBe('true');
    expect(again.response.headers.get('x-request-id')).toEqual(expect.any(String));
    expect(again.data?.id).toBe(first.data?.id);

    const event: TestEvent = { type: 'webhook.test', timestamp: '2026-05-01T09:31:00.000Z', data: { endpointId: randomUUID() } };
    expect(event.type).toBe('webhook.test');
  });
});
