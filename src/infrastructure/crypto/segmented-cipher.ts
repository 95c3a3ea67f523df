import { createCipheriv, createDecipheriv, createSecretKey, hkdfSync, randomBytes, type KeyObject } from 'node:crypto';
import type { DataKey } from './data-key';
import { IV_BYTES, KEY_BYTES, TAG_BYTES, encodeAad } from './envelope';

/**
 * Streaming authenticated encryption of a file in fixed-size segments (the STREAM construction of
 * Hoang, Reyhanitabar, Rogaway and Vizár, with AES-256-GCM):
 *
 * - the stream key is HKDF-SHA256(case data key, salt = 32 random bytes of the stream,
 *   info = label | stream id | owner id | data key version): one key per stored stream, gone
 *   with the data key (crypto-shredding), unchanged by master-key rotation (no segment is touched);
 * - segment i is `ciphertext | tag (16 bytes)`, its nonce `0⁷ | i (4 bytes BE) | final (1 byte)`
 *   and its AAD the stream id, owner, key version, i and the final flag;
 * - only the last segment carries the final flag, so a dropped tail, a dropped, duplicated or
 *   reordered segment, a segment from another stream and a flipped byte all fail authentication.
 *
 * Both directions are async generators over async iterables: memory holds one segment, whatever
 * the file's size. A segment's plaintext is released only after its tag verified.
 */
export const SEGMENT_BYTES = 64 * 1024;
export const SEGMENT_TAG_BYTES = TAG_BYTES;
export const STREAM_SALT_BYTES = 32;
const AAD_LABEL = 'corridor.segment.v1';
const KDF_LABEL = 'corridor.stream-key.v1';
const MAX_SEGMENTS = 0xffffffff;

export type SegmentFailure = 'authentication-failed' | 'truncated' | 'trailing-segment' | 'malformed';

/** Internal: callers translate it into their own domain exception. Carries no data. */
export class SegmentStreamError extends Error {
  constructor(
    readonly reason: SegmentFailure,
    readonly segment: number,
  ) {
    super(`segment stream rejected: ${reason} at segment ${segment}`);
    this.name = 'SegmentStreamError';
  }
}

/** Where a stream lives. All of it is bound into the key and every segment's AAD; none is stored in the segments. */
export interface StreamBinding {
  /** The stream's own id (a uuid, new for every stored stream). */
  streamId: string;
  /** The data key's owner (the case id). */
  ownerId: string;
  keyVersion: number;
  /** Plaintext bytes per segment (the last may hold fewer). */
  segmentBytes: number;
}

export function newStreamSalt(): Buffer {
  return randomBytes(STREAM_SALT_BYTES);
}

/** The stream's own AES key, derived from the owner's data key. */
export function deriveStreamKey(dek: DataKey, binding: StreamBinding, salt: Buffer): KeyObject {
  if (salt.length !== STREAM_SALT_BYTES) throw new TypeError('a stream salt is 32 bytes');
  if (dek.owner.id !== binding.ownerId.toLowerCase() || dek.version !== binding.keyVersion) throw new TypeError('stream binding does not match the data key');
  const info = encodeAad(KDF_LABEL, [binding.streamId.toLowerCase(), binding.ownerId.toLowerCase(), String(binding.keyVersion), String(binding.segmentBytes)]);
  const bytes = Buffer.from(hkdfSync('sha256', dek.key, salt, info, KEY_BYTES));
  try {
    return createSecretKey(bytes);
  } finally {
    bytes.fill(0);
  }
}

function nonce(index: number, final: boolean): Buffer {
  const iv = Buffer.alloc(IV_BYTES);
  iv.writeUInt32BE(index, 7);
  iv[11] = final ? 1 : 0;
  return iv;
}

function segmentAad(binding: StreamBinding, index: number, final: boolean): Buffer {
  return encodeAad(AAD_LABEL, [
    binding.streamId.toLowerCase(),
    binding.ownerId.toLowerCase(),
    String(binding.keyVersion),
    String(binding.segmentBytes),
    String(index),
    final ? 'final' : 'more',
  ]);
}

export function sealSegment(key: KeyObject, binding: StreamBinding, index: number, final: boolean, plaintext: Buffer): Buffer {
  const cipher = createCipheriv('aes-256-gcm', key, nonce(index, final), { authTagLength: TAG_BYTES });
  cipher.setAAD(segmentAad(binding, index, final));
  return Buffer.concat([cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]);
}

function openSegment(key: KeyObject, binding: StreamBinding, index: number, final: boolean, sealed: Buffer): Buffer {
  const body = sealed.subarray(0, sealed.length - TAG_BYTES);
  const decipher = createDecipheriv('aes-256-gcm', key, nonce(index, final), { authTagLength: TAG_BYTES });
  decipher.setAAD(segmentAad(binding, index, final));
  decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
  const plaintext = decipher.update(body);
  try {
    decipher.final();
  } catch {
    plaintext.fill(0);
    throw new SegmentStreamError('authentication-failed', index);
  }
  return plaintext;
}

/** Stored size of a segment holding n plaintext bytes. */
export const sealedSegmentLength = (plaintextBytes: number): number => plaintextBytes + TAG_BYTES;

/** How many segments a stream of n plaintext bytes has (an empty stream has one, empty and final). */
export function segmentCount(plaintextBytes: number, segmentBytes: number): number {
  return Math.max(1, Math.ceil(plaintextBytes / segmentBytes));
}

/**
 * Cuts the plaintext into segments and seals each. A segment is sealed only once it is known
 * whether more bytes follow (one segment of look-ahead), so the last one carries the final flag.
 */
export async function* encryptSegments(key: KeyObject, binding: StreamBinding, plaintext: AsyncIterable<Buffer | Uint8Array>): AsyncGenerator<Buffer> {
  const size = binding.segmentBytes;
  if (!Number.isSafeInteger(size) || size < 1) throw new TypeError('segment size must be a positive integer');
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let index = 0;
  for await (const chunk of plaintext) {
    const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    if (bytes.length === 0) continue;
    pending.push(bytes);
    pendingBytes += bytes.length;
    // Strictly more than one segment buffered: the first is not the last.
    while (pendingBytes > size) {
      const all = Buffer.concat(pending, pendingBytes);
      if (index >= MAX_SEGMENTS) throw new RangeError('stream too long');
      yield sealSegment(key, binding, index++, false, all.subarray(0, size));
      const rest = all.subarray(size);
      pending = [rest];
      pendingBytes = rest.length;
    }
  }
  const last = Buffer.concat(pending, pendingBytes);
  yield sealSegment(key, binding, index, true, last);
}

/**
 * Opens sealed segments in order and yields their plaintext. Throws `SegmentStreamError` when a
 * segment fails authentication (flipped, reordered, duplicated, from another stream), when the
 * stream ends before its final segment (truncated) or goes on after it, or when a segment has a
 * size no sealed segment can have.
 */
export async function* decryptSegments(key: KeyObject, binding: StreamBinding, sealed: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  const full = sealedSegmentLength(binding.segmentBytes);
  let index = 0;
  let finished = false;
  for await (const segment of sealed) {
    if (finished) throw new SegmentStreamError('trailing-segment', index);
    if (segment.length < TAG_BYTES || segment.length > full) throw new SegmentStreamError('malformed', index);
    // Only a full segment can be followed by another; a short one must be the last.
    const final = segment.length < full ? true : undefined;
    let plaintext: Buffer;
    if (final) {
      plaintext = openSegment(key, binding, index, true, segment);
    } else {
      // A full segment is either the last or not: the tag says which (one of the two opens).
      try {
        plaintext = openSegment(key, binding, index, false, segment);
      } catch (error) {
        if (!(error instanceof SegmentStreamError)) throw error;
        plaintext = openSegment(key, binding, index, true, segment);
        finished = true;
      }
    }
    if (final) finished = true;
    index++;
    yield plaintext;
  }
  if (!finished) throw new SegmentStreamError('truncated', index);
}
