import { checkBrowserRequest, clearedRefreshCookie, readCookie, refreshCookie } from '../browser-session';

describe('browser session cookies', () => {
  it('reads one cookie among others, and nothing from a missing or empty one', () => {
    expect(readCookie('a=1; corridor_refresh=csr_abc; b=2', 'corridor_refresh')).toBe('csr_abc');
    expect(readCookie('corridor_refresh_x=1', 'corridor_refresh')).toBeNull();
    expect(readCookie('corridor_refresh=', 'corridor_refresh')).toBeNull();
    expect(readCookie(undefined, 'corridor_refresh')).toBeNull();
  });

  it('sets HttpOnly, SameSite=Strict and the browser-session path; Secure only over TLS', () => {
    expect(refreshCookie('csr_abc', { secure: false })).toBe('corridor_refresh=csr_abc; Path=/api/v1/auth/browser; HttpOnly; SameSite=Strict');
    expect(refreshCookie('csr_abc', { secure: true })).toMatch(/; Secure$/);
    expect(clearedRefreshCookie(true)).toBe('corridor_refresh=; Path=/api/v1/auth/browser; HttpOnly; SameSite=Strict; Max-Age=0; Secure');
    expect(() => refreshCookie('a;b', { secure: false })).toThrow();
  });
});

describe('checkBrowserRequest', () => {
  const own = 'https://corridor.example';
  const facts = (overrides: Partial<Parameters<typeof checkBrowserRequest>[0]>) => ({
    csrfHeader: '1',
    origin: own,
    secFetchSite: 'same-origin',
    ownOrigin: own,
    allowedOrigins: [],
    ...overrides,
  });

  it('lets a same-origin request with the header through, with or without the fetch metadata', () => {
    expect(checkBrowserRequest(facts({}))).toEqual({ ok: true });
    expect(checkBrowserRequest(facts({ origin: undefined, secFetchSite: undefined }))).toEqual({ ok: true });
  });

  it.each([
    ['no header', { csrfHeader: undefined }, 'header'],
    ['a header with another value', { csrfHeader: 'true' }, 'header'],
    ['another origin', { origin: 'https://evil.example', secFetchSite: 'cross-site' }, 'origin'],
    ['a null origin', { origin: 'null' }, 'origin'],
    ['cross-site without an origin', { origin: undefined, secFetchSite: 'cross-site' }, 'fetch-site'],
    ['a navigation', { secFetchSite: 'none' }, 'fetch-site'],
    ['same-site from our own origin (impossible, so forged)', { secFetchSite: 'same-site' }, 'fetch-site'],
  ])('refuses %s', (_name, overrides, reason) => {
    expect(checkBrowserRequest(facts(overrides as never))).toEqual({ ok: false, reason });
  });

  it('lets a configured other origin call', () => {
    expect(checkBrowserRequest(facts({ origin: 'https://console.example', secFetchSite: 'same-site', allowedOrigins: ['https://console.example'] }))).toEqual({
      ok: true,
    });
  });
});
