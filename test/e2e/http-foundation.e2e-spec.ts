import { TestContext, type TestApp } from '@test/support/test-context';

describe('HTTP foundation', () => {
  let ctx: TestContext;
  let app: TestApp;

  beforeAll(async () => {
    ctx = await TestContext.create();
    app = await ctx.startApp();
  });
  afterAll(() => ctx.close());

  const inject = (options: Parameters<NonNullable<TestApp['http']>['inject']>[0]) => app.http!.inject(options);

  it('answers /health', async () => {
    const response = await inject({ method: 'GET', url: '/health' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ok' });
  });

  it('answers /ready when PostgreSQL and Redis are up', async () => {
    const response = await inject({ method: 'GET', url: '/ready' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ready', checks: { database: 'up', redis: 'up' } });
  });

  it('answers an unknown route with 404 problem+json', async () => {
    const response = await inject({ method: 'GET', url: '/no/such/route' });
    expect(response.statusCode).toBe(404);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.json()).toMatchObject({ type: 'urn:corridor:problem:not-found', status: 404, requestId: response.headers['x-request-id'] });
  });

  it('answers malformed JSON with 400 problem+json', async () => {
    const response = await inject({ method: 'POST', url: '/health', headers: { 'content-type': 'application/json' }, payload: '{"broken' });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ type: 'urn:corridor:problem:malformed-body', status: 400 });
  });
});
