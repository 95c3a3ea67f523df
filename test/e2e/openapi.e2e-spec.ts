import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { OPENAPI_FILE } from '@app/export-openapi';
import type { OpenAPIObject } from '@nestjs/swagger';
import { buildOpenApiDocument, PARTNER_PATH_PREFIX } from '@app/openapi';
import { expectStaffContract, staffSchemaErrors } from '@test/support/openapi-contract';
import { contractFindings } from '@test/support/openapi-walk';
import { TestContext } from '@test/support/test-context';

describe('OpenAPI document', () => {
  let ctx: TestContext;

  beforeAll(async () => {
    ctx = await TestContext.create();
  });
  afterAll(() => ctx.close());

  it('is committed and current (run `npm run openapi:export` after changing routes)', async () => {
    const app = await ctx.startApp();
    const generated = buildOpenApiDocument(app.http!);
    const committed: unknown = JSON.parse(readFileSync(join(__dirname, '../..', OPENAPI_FILE), 'utf8'));
    expect(committed).toEqual(JSON.parse(JSON.stringify(generated)));
  });

  it('holds the staff routes only (the partner API has its own document)', async () => {
    const app = await ctx.startApp();
    const document = buildOpenApiDocument(app.http!);
    const paths = Object.keys(document.paths);
    expect(paths.length).toBeGreaterThan(50);
    expect(paths.filter((path) => path.startsWith(PARTNER_PATH_PREFIX))).toEqual([]);
    expect(Object.keys(document.components?.schemas ?? {}).filter((name) => name.startsWith('Partner'))).toEqual([]);
  });

  it('documents, for every staff route the application serves, its success schema and request body with valid examples, and every error its guards and pipes can produce', async () => {
    const app = await ctx.startApp();
    const document = JSON.parse(readFileSync(join(__dirname, '../..', OPENAPI_FILE), 'utf8')) as OpenAPIObject;
    const { routes, findings } = contractFindings(app, document, {
      includes: (url) => url.startsWith('/api/') || url === '/health' || url === '/ready',
      guardStatuses: [],
      schemaErrors: staffSchemaErrors,
    });
    expect(routes).toBeGreaterThan(50);
    expect(findings).toEqual([]);
  });

  it('validates real answers, and rejects answers that break it', async () => {
    const app = await ctx.startApp();
    const anonymous = await app.http!.inject({ method: 'GET', url: '/api/v1/cases' });
    expect(expectStaffContract('GET', '/api/v1/cases', anonymous)).toMatchObject({ status: 401 });
    const health = await app.http!.inject({ method: 'GET', url: '/health' });
    expect(expectStaffContract('GET', '/health', health)).toEqual({ status: 'ok' });
    expect(() => expectStaffContract('GET', '/health', { ...health, body: JSON.stringify({ status: 'ok', extra: 'leak' }) })).toThrow(
      'must NOT have additional properties',
    );
    expect(() => expectStaffContract('GET', '/health', { ...health, statusCode: 418 })).toThrow('does not list');
    expect(() => expectStaffContract('GET', '/partner/v1/me', health)).toThrow('not in the staff OpenAPI document');
  });

  it('is served at /docs/openapi.json', async () => {
    const app = await ctx.startApp();
    const response = await app.http!.inject({ method: 'GET', url: '/docs/openapi.json' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ openapi: expect.stringMatching(/^3\./), info: { title: 'Corridor staff API' } });
  });
});
