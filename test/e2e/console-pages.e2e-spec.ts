import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CONSOLE_CSP, IDLE_LOCK_PLACEHOLDER } from '@infra/http/console-pages';
import { TestContext, type TestApp } from '@test/support/test-context';

describe('Staff console pages served by the API process', () => {
  let ctx: TestContext;
  let app: TestApp;
  let dir: string;
  const html = { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' };

  beforeAll(async () => {
    // A stand-in for `vite build` output: the same shape, fictional content.
    dir = mkdtempSync(join(tmpdir(), 'corridor-console-'));
    mkdirSync(join(dir, 'assets'));
    writeFileSync(
      join(dir, 'index.html'),
      `<!doctype html><meta name="corridor-idle-lock-seconds" content="${IDLE_LOCK_PLACEHOLDER}"><script type="module" src="/assets/index-Ab12.js"></script>`,
    );
    writeFileSync(join(dir, 'assets', 'index-Ab12.js'), 'export {};');
    writeFileSync(join(dir, 'assets', 'index-Cd34.css'), 'body{}');
    ctx = await TestContext.create();
    app = await ctx.startApp({ env: { CONSOLE_DIR: dir, CONSOLE_IDLE_LOCK_SECONDS: '90' } });
  });
  afterAll(async () => {
    await ctx.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const get = (url: string, headers: Record<string, string> = {}) => app.http!.inject({ method: 'GET', url, headers });

  it('serves index.html at / with the strict CSP, no-store and the configured idle-lock time', async () => {
    const response = await get('/', html);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.headers['content-security-policy']).toBe(CONSOLE_CSP);
    expect(CONSOLE_CSP).toContain(`script-src 'self'`);
    expect(CONSOLE_CSP).toContain(`style-src 'self'`);
    expect(CONSOLE_CSP).not.toMatch(/unsafe-inline|unsafe-eval|https?:/);
    expect(response.body).toContain('content="90"');
    expect(response.body).not.toContain(IDLE_LOCK_PLACEHOLDER);
  });

  it('falls back to index.html for client routes a browser navigates to', async () => {
    const response = await get('/cases/AB-1234?tab=profile', html);
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('/assets/index-Ab12.js');
  });

  it('serves hashed assets with a long immutable cache', async () => {
    const script = await get('/assets/index-Ab12.js');
    expect(script.statusCode).toBe(200);
    expect(script.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(script.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const style = await get('/assets/index-Cd34.css');
    expect(style.headers['content-type']).toBe('text/css; charset=utf-8');
  });

  it('answers a missing asset with 404 problem+json, never index.html', async () => {
    const response = await get('/assets/index-Zz99.js', html);
    expect(response.statusCode).toBe(404);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it.each(['/api/v1/no-such', '/partner/v1/no-such', '/c/no-such', '/metrics/x', '/health/x'])(
    'keeps the service prefix %s out of the fallback',
    async (url) => {
      const response = await get(url, html);
      // Each answers as it always did (the check-in page answers any /c/… path itself).
      expect(response.body).not.toContain('/assets/index-Ab12.js');
      expect(response.headers['content-security-policy']).not.toBe(CONSOLE_CSP);
    },
  );

  it('answers an unknown path asked for without text/html (an API client) with 404 problem+json', async () => {
    const response = await get('/no/such/route', { accept: 'application/json' });
    expect(response.statusCode).toBe(404);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('keeps API answers uncached', async () => {
    const response = await get('/health', html);
    expect(response.statusCode).toBe(200);
    expect(response.headers['cache-control']).toBe('no-store');
  });
});
