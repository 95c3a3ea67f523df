import { StaffRole } from '@common/access/roles';
import { bearer, newStaff, type StaffFixture } from '@test/support/builders/staff';
import { FakeClock } from '@test/support/fake-clock';
import { TestContext, type TestApp } from '@test/support/test-context';

/** Browser sessions: the refresh token only in an HttpOnly cookie, CSRF-checked cookie routes. */
describe('browser sessions', () => {
  let ctx: TestContext;
  let app: TestApp;
  const clock = new FakeClock(new Date());
  let person: StaffFixture;

  beforeAll(async () => {
    ctx = await TestContext.create();
    app = await ctx.startApp({ clock, env: { TRUST_PROXY: 'true', LOGIN_RATE_LIMIT_PER_ACCOUNT: '1000', LOGIN_RATE_LIMIT_PER_IP: '1000' } });
    person = await newStaff(app, clock, [StaffRole.Caseworker]);
  });
  afterAll(() => ctx.close());

  const csrf = { 'x-corridor-csrf': '1' };
  const inject = (options: Parameters<NonNullable<TestApp['http']>['inject']>[0]) => app.http!.inject(options);
  const browserLogin = (headers: Record<string, string> = csrf) =>
    inject({
      method: 'POST',
      url: '/api/v1/auth/browser/login',
      headers,
      payload: { email: person.email, password: person.password, code: person.nextCode() },
    });
  const cookieOf = (setCookie: string | string[] | undefined): string => {
    const value = [setCookie ?? []].flat()[0] ?? '';
    return /^corridor_refresh=([^;]*)/.exec(value)?.[1] ?? '';
  };
  const refreshWith = (cookie: string, headers: Record<string, string> = csrf) =>
    inject({ method: 'POST', url: '/api/v1/auth/browser/refresh', headers: { ...headers, cookie: `corridor_refresh=${cookie}` } });
  const sessionsWith = (token: string) => inject({ method: 'GET', url: '/api/v1/me/sessions', headers: bearer(token) });

  it('keeps the refresh token out of the body and in an HttpOnly, SameSite=Strict cookie scoped to the browser routes', async () => {
    const response = await browserLogin();
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(Object.keys(body).sort()).toEqual(['accessToken', 'accessTokenExpiresAt', 'sessionExpiresAt', 'tokenType']);
    expect(response.body).not.toMatch(/csr_/);
    const setCookie = String(response.headers['set-cookie']);
    expect(setCookie).toMatch(/^corridor_refresh=csr_[A-Za-z0-9_-]{43}; Path=\/api\/v1\/auth\/browser; HttpOnly; SameSite=Strict$/);
    expect((await sessionsWith(body.accessToken)).statusCode).toBe(200);
  });

  it('marks the cookie Secure when the browser came over TLS (through a trusted proxy)', async () => {
    const response = await browserLogin({ ...csrf, 'x-forwarded-proto': 'https', origin: 'https://localhost:80' });
    expect(response.statusCode).toBe(200);
    expect(String(response.headers['set-cookie'])).toMatch(/; HttpOnly; SameSite=Strict; Secure$/);
  });

  it('refuses cookie requests without the CSRF header or from another origin, changing nothing', async () => {
    const cookie = cookieOf((await browserLogin()).headers['set-cookie']);
    const attempts: Array<Record<string, string>> = [
      {},
      { 'x-corridor-csrf': '0' },
      { ...csrf, origin: 'https://evil.example' },
      { ...csrf, 'sec-fetch-site': 'cross-site' },
    ];
    for (const headers of attempts) {
      const refused = await refreshWith(cookie, headers);
      expect(refused.statusCode).toBe(403);
      expect(refused.json()).toMatchObject({ type: 'urn:corridor:problem:csrf-check-failed' });
      const logout = await inject({ method: 'POST', url: '/api/v1/auth/browser/logout', headers: { ...headers, cookie: `corridor_refresh=${cookie}` } });
      expect(logout.statusCode).toBe(403);
    }
    expect((await browserLogin({})).statusCode).toBe(403);
    // The cookie still works: nothing was spent by the refused requests.
    expect((await refreshWith(cookie, { ...csrf, origin: 'http://localhost:80', 'sec-fetch-site': 'same-origin' })).statusCode).toBe(200);
  });

  it('rotates the cookie on refresh and ends the session when a spent cookie comes back', async () => {
    const first = cookieOf((await browserLogin()).headers['set-cookie']);
    const refreshed = await refreshWith(first);
    expect(refreshed.statusCode).toBe(200);
    const second = cookieOf(refreshed.headers['set-cookie']);
    expect(second).toMatch(/^csr_/);
    expect(second).not.toBe(first);
    const access = refreshed.json().accessToken as string;
    expect(refreshed.body).not.toMatch(/csr_/);
    expect((await sessionsWith(access)).statusCode).toBe(200);

    const reused = await refreshWith(first);
    expect(reused.statusCode).toBe(401);
    expect(String(reused.headers['set-cookie'])).toMatch(/^corridor_refresh=; .*Max-Age=0/);
    // Theft assumed: the newest cookie and the live access token die too.
    expect((await sessionsWith(access)).statusCode).toBe(401);
    expect((await refreshWith(second)).statusCode).toBe(401);
  });

  it('logs out with the cookie alone, clears it, and the session is over', async () => {
    const login = await browserLogin();
    const cookie = cookieOf(login.headers['set-cookie']);
    const access = login.json().accessToken as string;
    const logout = await inject({ method: 'POST', url: '/api/v1/auth/browser/logout', headers: { ...csrf, cookie: `corridor_refresh=${cookie}` } });
    expect(logout.statusCode).toBe(204);
    expect(String(logout.headers['set-cookie'])).toBe('corridor_refresh=; Path=/api/v1/auth/browser; HttpOnly; SameSite=Strict; Max-Age=0');
    expect((await sessionsWith(access)).statusCode).toBe(401);
    expect((await refreshWith(cookie)).statusCode).toBe(401);
    const [row] = await (
      await ctx.dataSource()
    ).query(`SELECT count(*)::int AS n FROM audit_events WHERE action = 'auth.logout' AND details->>'via' = 'browser_cookie'`);
    expect(row.n).toBe(1);
    // Without a cookie: nothing to end, the answer is the same.
    expect((await inject({ method: 'POST', url: '/api/v1/auth/browser/logout', headers: csrf })).statusCode).toBe(204);
  });

  it('leaves the bearer flow for programs as it was', async () => {
    const response = await inject({ method: 'POST', url: '/api/v1/auth/refresh', payload: { refreshToken: person.refreshToken } });
    expect(response.statusCode).toBe(200);
    expect(response.json().refreshToken).toMatch(/^csr_/);
    expect(response.headers['set-cookie']).toBeUndefined();
  });
});
