import { LogCapture } from '@test/support/log-capture';
import { PROBE_JOB_NAMES, ProbeModule } from '@test/support/probe.module';
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

describe('HTTP foundation: validation and internal errors', () => {
  let ctx: TestContext;
  let app: TestApp;
  const logs = new LogCapture();

  beforeAll(async () => {
    ctx = await TestContext.create();
    app = await ctx.startApp({ logs, extraModules: [ProbeModule], extraJobNames: PROBE_JOB_NAMES });
  });
  afterAll(() => ctx.close());

  const valid = { name: 'Leyla', count: 2, address: { city: 'Tbilisi' } };

  it('accepts a valid body', async () => {
    const response = await app.http!.inject({ method: 'POST', url: '/_probe/echo', payload: valid });
    expect(response.statusCode).toBe(201);
    expect(response.json()).toEqual(valid);
  });

  it('refuses an unknown property with 400 naming it, without echoing values', async () => {
    const response = await app.http!.inject({ method: 'POST', url: '/_probe/echo', payload: { ...valid, religion: 'SECRET-VALUE' } });
    expect(response.statusCode).toBe(400);
    const problem = response.json();
    expect(problem).toMatchObject({ type: 'urn:corridor:problem:validation-failed', status: 400 });
    expect(problem.errors).toEqual([{ pointer: '/religion', detail: 'unknown property "religion"' }]);
    expect(response.body).not.toContain('SECRET-VALUE');
  });

  it('points at nested invalid fields', async () => {
    const response = await app.http!.inject({ method: 'POST', url: '/_probe/echo', payload: { ...valid, count: -1, address: { city: 7 } } });
    expect(response.statusCode).toBe(400);
    const pointers = [...new Set((response.json().errors as Array<{ pointer: string }>).map((e) => e.pointer))].sort();
    expect(pointers).toEqual(['/address/city', '/count']);
  });

  it('refuses a body over the size limit with 413', async () => {
    const response = await app.http!.inject({ method: 'POST', url: '/_probe/echo', payload: { ...valid, name: 'x'.repeat(300 * 1024) } });
    expect(response.statusCode).toBe(413);
    expect(response.json()).toMatchObject({ type: 'urn:corridor:problem:payload-too-large' });
  });

  it('answers an unexpected error with 500 problem+json, no stack, and the request id that is in the log', async () => {
    const response = await app.http!.inject({ method: 'GET', url: '/_probe/crash' });
    expect(response.statusCode).toBe(500);
    const problem = response.json();
    expect(problem).toMatchObject({ type: 'urn:corridor:problem:internal-error', status: 500 });
    expect(response.body).not.toMatch(/at .*\.ts|stack|Aliyev/);
    const requestId = response.headers['x-request-id'];
    expect(problem.requestId).toBe(requestId);
    const errorLine = logs.entries().find((entry) => entry.msg === 'unhandled error');
    if (!errorLine) process.stderr.write('LOGS ' + logs.lines.length + ' ' + logs.lines.slice(-4).join('\n') + '\n');
    expect(errorLine).toMatchObject({ requestId });
    // The log keeps the error's shape for debugging, but not values quoted from the database.
    expect(JSON.stringify(errorLine)).not.toContain('Aliyev');
  });

  it('keeps a well-formed incoming request id and replaces a suspicious one', async () => {
    const kept = await app.http!.inject({ method: 'GET', url: '/health', headers: { 'x-request-id': 'proxy-1234-abcd' } });
    expect(kept.headers['x-request-id']).toBe('proxy-1234-abcd');
    const replaced = await app.http!.inject({ method: 'GET', url: '/health', headers: { 'x-request-id': 'bad id\n{"forged":1}' } });
    expect(replaced.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('never logs authorization headers or bodies', async () => {
    await app.http!.inject({
      method: 'POST',
      url: '/_probe/echo',
      headers: { authorization: 'Bearer TOKEN-SHOULD-NOT-APPEAR' },
      payload: { ...valid, name: 'NAME-SHOULD-NOT-APPEAR' },
    });
    expect(logs.text).not.toContain('TOKEN-SHOULD-NOT-APPEAR');
    expect(logs.text).not.toContain('NAME-SHOULD-NOT-APPEAR');
  });
});

describe('HTTP foundation: readiness without Redis', () => {
  let ctx: TestContext;

  beforeAll(async () => {
    ctx = await TestContext.create();
  });
  afterAll(() => ctx.close());

  it('answers /ready with 503 problem+json naming redis when Redis is unreachable', async () => {
    // Port 1 on loopback: nothing listens there.
    const app = await ctx.startApp({ env: { REDIS_URL: 'redis://127.0.0.1:1' } });
    const response = await app.http!.inject({ method: 'GET', url: '/ready' });
    expect(response.statusCode).toBe(503);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.json()).toMatchObject({ type: 'urn:corridor:problem:not-ready', status: 503, unreachable: ['redis'] });
    const live = await app.http!.inject({ method: 'GET', url: '/health' });
    expect(live.statusCode).toBe(200);
    await app.close();
  });
});
