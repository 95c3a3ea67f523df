import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { API_KEY_PREFIX } from '@modules/access/authenticators';

/**
 * Partner API keys: `cpk_<lookupId>_<secret>`.
 *
 * - `lookupId`: 12 hex characters (48 random bits), not secret: it finds the row in one indexed
 *   read and is shown to admins so they can tell keys apart.
 * - `secret`: 32 random bytes, base64url (43 characters). Only its hash is stored.
 *
 * The stored hash is SHA-256 over the whole key. A slow password hash (argon2, bcrypt) exists to
 * make guessing low-entropy human passwords expensive; a 256-bit random secret cannot be guessed
 * at any hashing speed, so a fast hash loses nothing, and verifying costs microseconds on every
 * request instead of tens of milliseconds. Hashing the whole key also binds the secret to its
 * lookup id.
 */
const LOOKUP_ID_BYTES = 6;
const SECRET_BYTES = 32;
const KEY_FORMAT = new RegExp(`^${API_KEY_PREFIX}([0-9a-f]{${LOOKUP_ID_BYTES * 2}})_([A-Za-z0-9_-]{43})$`);

export interface IssuedApiKey {
  /** The full key, for the caller to show exactly once. */
  plaintext: string;
  lookupId: string;
  secretHash: string;
}

export function generateApiKey(): IssuedApiKey {
  const lookupId = randomBytes(LOOKUP_ID_BYTES).toString('hex');
  const secret = randomBytes(SECRET_BYTES).toString('base64url');
  const plaintext = `${API_KEY_PREFIX}${lookupId}_${secret}`;
  return { plaintext, lookupId, secretHash: hashApiKey(plaintext) };
}

/** The lookup id of a well-formed key; null for anything else (checked before any database read). */
export function parseApiKey(key: string): { lookupId: string } | null {
  const lookupId = KEY_FORMAT.exec(key)?.[1];
  return lookupId ? { lookupId } : null;
}

/** Hex SHA-256 of the whole key. */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/** Constant-time comparison of a presented key against a stored hash. */
export function apiKeyMatches(key: string, storedHash: string): boolean {
  const presented = Buffer.from(hashApiKey(key), 'hex');
  const stored = Buffer.from(storedHash, 'hex');
  // Both are 32-byte digests; a malformed stored value fails here rather than throwing.
  return presented.length === stored.length && timingSafeEqual(presented, stored);
}

/** How admins see a key: its prefix and lookup id, never more. */
export const displayPrefix = (lookupId: string): string => `${API_KEY_PREFIX}${lookupId}`;
