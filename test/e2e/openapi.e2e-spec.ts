import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { OPENAPI_FILE } from '@app/export-openapi';
import { buildOpenApiDocument } from '@app/openapi';
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

  it('is served at /docs/openapi.json', async () => {
    const app = await ctx.startApp();
    const response = await app.http!.inject({ method: 'GET', url: '/docs/openapi.json' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ openapi: expect.stringMatching(/^3\./), info: { title: 'Corridor staff API' } });
  });
});
