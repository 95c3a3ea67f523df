import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** Kinds of opaque staff credentials; the prefix tells them apart in logs and leaks. */
export const CredentialPrefix = {
  Access: 'cst_',
  Refresh: 'csr_',
  Enrolment: 'cen_',
  /** Single-use, 30-second tickets that open an event stream (EventSource cannot send headers). */
  StreamTicket: 'cet_',
} as const;

export type CredentialKind = keyof typeof CredentialPrefix;

/**
 * A random credential and the hash stored for it. 256 random bits need no slow hash: SHA-256
 * preimages are out of reach, and lookups stay one indexed query.
 */
export function issueCredential(kind: CredentialKind): { token: string; hash: string } {
  const token = `${CredentialPrefix[kind]}${randomBytes(32).toString('base64url')}`;
  return { token, hash: hashCredential(token) };
}

export function hashCredential(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function looksLike(kind: CredentialKind, token: string): boolean {
  return token.startsWith(CredentialPrefix[kind]) && /^[a-z]{3}_[A-Za-z0-9_-]{43}$/.test(token);
}

export function sameHash(a: string, b: string): boolean {
  const left = Buffer.from(a, 'hex');
  const right = Buffer.from(b, 'hex');
  return left.length === right.length && timingSafeEqual(left, right);
}
