import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { OpenAPIObject } from '@nestjs/swagger';
import { PARTNER_OPENAPI_FILE } from '@app/export-openapi';
import { buildPartnerOpenApiDocument, PARTNER_PATH_PREFIX } from '@app/openapi';
import { ApiKeyScope } from '@common/access/roles';
import { newAgency, newApiKey, bearer } from '@test/support/builders/partners';
import { expectPartnerContract, partnerSchemaErrors } from '@test/support/partner-contract';
import { contractFindings } from '@test/support/openapi-walk';
import { TestContext, type TestApp } from '@test/support/test-context';

describe('partner OpenAPI document (the published contract)', () => {
  let ctx: TestContext;
  let app: TestApp;

  beforeAll(async () => {
    ctx = await TestContext.create();
    app = await ctx.startApp();
  });
  afterAll(() => ctx.close());

  it('is committed and current (run `npm run cli -- openapi:export` after changing partner routes)', () => {
    const generated = buildPartnerOpenApiDocument(app.http!);
    const committed: unknown = JSON.parse(readFileSync(join(__dirname, '../..', PARTNER_OPENAPI_FILE), 'utf8'));
    expect(committed).toEqual(JSON.parse(JSON.stringify(generated)));
  });

  it('holds only /partner/v1 routes, under its own title and version, with examples', () => {
    const document = buildPartnerOpenApiDocument(app.http!);
    expect(document.info).toMatchObject({ title: 'Corridor Partner API', version: 'v1' });
    const paths = Object.keys(document.paths);
    expect(paths.length).toBeGreaterThan(0);
    expect(paths.filter((path) => !path.startsWith(`${PARTNER_PATH_PREFIX}/`))).toEqual([]);
    const schemas = JSON.stringify(document.components?.schemas ?? {});
    expect(schemas).toContain('"example"');
    // No staff-only shapes leak into the partner contract (the partner's own views are named Partner…).
    expect(Object.keys(document.components?.schemas ?? {}).filter((name) => !name.startsWith('Partner') && /Staff|Case(?!Ref)|Audit/.test(name))).toEqual([]);
  });

  it('is served at /docs/partner-openapi.json', async () => {
    const response = await app.http!.inject({ method: 'GET', url: '/docs/partner-openapi.json' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ info: { title: 'Corridor Partner API', version: 'v1' } });
  });

  it('validates real answers, and rejects answers that break it', async () => {
    const agency = await newAgency(app);
    const key = await newApiKey(app, agency.id, [ApiKeyScope.WebhooksManage]);
    const me = await app.http!.inject({ method: 'GET', url: '/partner/v1/me', headers: bearer(key.key) });
    expect(expectPartnerContract('GET', '/partner/v1/me', me)).toMatchObject({ agency: { id: agency.id } });
    const anonymous = await app.http!.inject({ method: 'GET', url: '/partner/v1/webhooks' });
    expect(anonymous.statusCode).toBe(401);
    expect(expectPartnerContract('GET', '/partner/v1/webhooks', anonymous)).toMatchObject({ status: 401 });
    // A field outside the contract, a wrong type, an undocumented status: each fails.
    const list = await app.http!.inject({ method: 'GET', url: '/partner/v1/webhooks', headers: bearer(key.key) });
    const tampered = { ...list, body: JSON.stringify({ ...list.json<object>(), extra: 'leak' }) };
    expect(() => expectPartnerContract('GET', '/partner/v1/webhooks', tampered)).toThrow('must NOT have additional properties');
    expect(() => expectPartnerContract('GET', '/partner/v1/webhooks', { ...list, body: JSON.stringify({ items: 'no', nextCursor: null }) })).toThrow(
      'does not match',
    );
    expect(() => expectPartnerContract('GET', '/partner/v1/webhooks', { ...list, statusCode: 418 })).toThrow('does not list');
    expect(() => expectPartnerContract('GET', '/api/v1/cases', list)).toThrow('not in the partner OpenAPI document');
  });

  it('documents, for every partner route the application serves, its success schema and request body with valid examples, and every error its guards and pipes can produce', () => {
    const document = JSON.parse(readFileSync(join(__dirname, '../..', PARTNER_OPENAPI_FILE), 'utf8')) as OpenAPIObject;
    const { routes, findings } = contractFindings(app, document, {
      includes: (url) => url.startsWith(`${PARTNER_PATH_PREFIX}/`),
      guardStatuses: [429],
      schemaErrors: partnerSchemaErrors,
    });
    expect(routes).toBeGreaterThan(10);
    expect(findings).toEqual([]);
  });
});
