import { createHash, randomBytes } from 'node:crypto';

/**
 * One-time link tokens: 256 random bits, base64url, no prefix (a prefix would make the link
 * recognisable on a seized phone). Stored as SHA-256 — as staff credentials are (see
 * staff/credential-tokens): no slow hash is needed for 256 random bits.
 */
export function issueLinkToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: hashLinkToken(token) };
}

export function hashLinkToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function looksLikeLinkToken(token: string): boolean {
  return /^[A-Za-z0-9_-]{43}$/.test(token);
}

/** The path the person opens; the only place the token ever appears. */
export const linkPath = (token: string): string => `/c/${token}`;
