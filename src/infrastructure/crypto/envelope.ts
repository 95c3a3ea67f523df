import { createCipheriv, createDecipheriv, randomBytes, type KeyObject } from 'node:crypto';

/**
 * The one AES-256-GCM envelope of Corridor, for protected fields and wrapped data keys alike:
 *
 *   format version (1 byte) | IV (12 bytes) | tag (16 bytes) | ciphertext
 *
 * The AAD is never stored: callers recompute it from where the value lives, so a value moved
 * elsewhere fails authentication. The version byte is authenticated too (it prefixes the AAD).
 */
export const ENVELOPE_VERSION = 0x01;
export const KEY_BYTES = 32;
export const IV_BYTES = 12;
export const TAG_BYTES = 16;
export const HEADER_BYTES = 1 + IV_BYTES + TAG_BYTES;

export type EnvelopeFailure = 'malformed' | 'unsupported-version' | 'short-tag' | 'authentication-failed';

/** Internal: callers translate it into their own domain exception. Carries no data. */
export class EnvelopeError extends Error {
  constructor(readonly reason: EnvelopeFailure) {
    super(`envelope rejected: ${reason}`);
    this.name = 'EnvelopeError';
  }
}

export function sealEnvelope(key: KeyObject, plaintext: Buffer, aad: Buffer): Buffer {
  const header = Buffer.of(ENVELOPE_VERSION);
  // A fresh random IV per value: 96 random bits stay far from the 2^32-messages-per-key bound.
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.concat([header, aad]));
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([header, iv, cipher.getAuthTag(), ciphertext]);
}

export function openEnvelope(key: KeyObject, envelope: Buffer, aad: Buffer): Buffer {
  if (envelope.length < 1) throw new EnvelopeError('malformed');
  if (envelope[0] !== ENVELOPE_VERSION) throw new EnvelopeError('unsupported-version');
  if (envelope.length < HEADER_BYTES) throw new EnvelopeError('malformed');
  const iv = envelope.subarray(1, 1 + IV_BYTES);
  const tag = envelope.subarray(1 + IV_BYTES, HEADER_BYTES);
  return openGcm(key, iv, tag, envelope.subarray(HEADER_BYTES), Buffer.concat([envelope.subarray(0, 1), aad]));
}

/**
 * AES-256-GCM decryption that accepts nothing but a full 16-byte tag. Without `authTagLength`
 * Node accepts tags truncated to as little as 4 bytes (DEP0182), which makes forgery cheap.
 */
export function openGcm(key: KeyObject, iv: Buffer, tag: Buffer, ciphertext: Buffer, aad: Buffer): Buffer {
  if (tag.length !== TAG_BYTES) throw new EnvelopeError('short-tag');
  if (iv.length !== IV_BYTES) throw new EnvelopeError('malformed');
  const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
  decipher.setAAD(aad);
  decipher.setAuthTag(tag);
  const plaintext = decipher.update(ciphertext);
  try {
    decipher.final();
  } catch {
    plaintext.fill(0);
    throw new EnvelopeError('authentication-failed');
  }
  return plaintext;
}

/**
 * Unambiguous AAD: a domain label, then each part as a 2-byte length and its UTF-8 bytes, so no
 * choice of table, field or id can make two different contexts encode alike.
 */
export function encodeAad(label: string, parts: readonly string[]): Buffer {
  const chunks: Buffer[] = [];
  for (const part of [label, ...parts]) {
    const bytes = Buffer.from(part, 'utf8');
    if (bytes.length > 0xffff) throw new RangeError('AAD part too long');
    const length = Buffer.alloc(2);
    length.writeUInt16BE(bytes.length);
    chunks.push(length, bytes);
  }
  return Buffer.concat(chunks);
}
