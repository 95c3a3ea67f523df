import { DomainException, FailureKind } from '@common/errors/domain.exception';

/**
 * Browser sessions: the refresh token lives only in an HttpOnly, SameSite=Strict cookie scoped
 * to the browser-session routes; the access token only in the JSON answer (kept in memory by
 * the page). Requests the cookie authenticates must prove they come from a page of ours.
 */
export const BROWSER_SESSION_PATH = '/api/v1/auth/browser';
export const REFRESH_COOKIE = 'corridor_refresh';
/** A custom header: a cross-site form cannot send it, and cross-origin scripts need a preflight CORS refuses. */
export const CSRF_HEADER = 'x-corridor-csrf';

/** The value of one cookie from a Cookie header, or null. Values are opaque tokens, never decoded. */
export function readCookie(header: string | undefined, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const separator = part.indexOf('=');
    if (separator < 0) continue;
    if (part.slice(0, separator).trim() !== name) continue;
    const value = part.slice(separator + 1).trim();
    return value.length > 0 ? value : null;
  }
  return null;
}

export interface CookieOptions {
  secure: boolean;
  /** Omit for a session cookie (gone when the browser closes); 0 clears it. */
  maxAgeSeconds?: number;
}

/** A Set-Cookie value for the refresh cookie (the value is a URL-safe token: no encoding needed). */
export function refreshCookie(value: string, options: CookieOptions): string {
  if (!/^[A-Za-z0-9_-]*$/.test(value)) throw new Error('cookie value must be URL-safe');
  const parts = [`${REFRESH_COOKIE}=${value}`, `Path=${BROWSER_SESSION_PATH}`, 'HttpOnly', 'SameSite=Strict'];
  if (options.maxAgeSeconds !== undefined) parts.push(`Max-Age=${options.maxAgeSeconds}`);
  if (options.secure) parts.push('Secure');
  return parts.join('; ');
}

export const clearedRefreshCookie = (secure: boolean): string => refreshCookie('', { secure, maxAgeSeconds: 0 });

export interface BrowserRequestFacts {
  /** The custom header's value. */
  csrfHeader: string | undefined;
  origin: string | undefined;
  secFetchSite: string | undefined;
  /** This service's own origin as the browser sees it (scheme://host[:port]). */
  ownOrigin: string;
  /** CORS_ORIGINS: other origins allowed to call. */
  allowedOrigins: readonly string[];
}

export type CsrfVerdict = { ok: true } | { ok: false; reason: 'header' | 'origin' | 'fetch-site' };

/**
 * Defence in depth for requests a cookie authenticates: the custom header must be present, and
 * where the browser says where the request comes from (Origin, Sec-Fetch-Site), it must be our
 * own origin or a configured one.
 */
export function checkBrowserRequest(facts: BrowserRequestFacts): CsrfVerdict {
  if (facts.csrfHeader !== '1') return { ok: false, reason: 'header' };
  const allowed = (origin: string): boolean => origin === facts.ownOrigin || facts.allowedOrigins.includes(origin);
  if (facts.origin !== undefined && !allowed(facts.origin)) return { ok: false, reason: 'origin' };
  const site = facts.secFetchSite;
  if (site !== undefined && site !== 'same-origin') {
    // Another site may call only when it is a configured origin that said who it is.
    if (!(site === 'same-site' || site === 'cross-site') || facts.origin === undefined || facts.origin === facts.ownOrigin)
      return { ok: false, reason: 'fetch-site' };
  }
  return { ok: true };
}

export class CsrfCheckFailedException extends DomainException {
  constructor() {
    super('csrf-check-failed', FailureKind.Forbidden, `This request must come from the Corridor console and carry the ${CSRF_HEADER}: 1 header.`);
  }
}
