import { createHmac, createSecretKey, hkdfSync, type KeyObject } from 'node:crypto';
import { inspect } from 'node:util';

const HKDF_SALT = 'corridor.blind-index.v1';
const PURPOSE = /^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$/;

/**
 * 64 bits by default. Inputs (names, phone numbers, dates of birth) have little entropy, so what
 * protects them is the key, not the length: with the key, any length can be brute-forced; without
 * it, any length is pseudorandom. Length only sets accidental collisions, i.e. false "possible
 * duplicate" flags: at 64 bits, a million values collide with probability about 3·10⁻⁸. Shorter
 * outputs only buy deniability against someone who holds the index key but not the master key,
 * and at our population sizes that would take ~16 bits, flagging nearly every intake. A purpose
 * that wants that trade asks for fewer bytes explicitly.
 */
export const DEFAULT_BLIND_INDEX_BYTES = 8;

/**
 * The keyed primitive behind blind indexes (duplicate detection without plaintext):
 * HMAC-SHA256 under a key derived per purpose, HKDF(index key, info = purpose), so two fields
 * never share a key and their indexes cannot be correlated. Normalization is the caller's.
 * Indexes leak equality: never log them, and never index a low-cardinality field (SOGIESC).
 */
export class BlindIndexer {
  readonly #indexKey: KeyObject;
  readonly #purposeKeys = new Map<string, KeyObject>();

  constructor(indexKey: KeyObject) {
    if (indexKey.type !== 'secret' || indexKey.symmetricKeySize !== 32) throw new TypeError('the index key is 32 secret bytes');
    this.#indexKey = indexKey;
  }

  /**
   * Hex of the first `bytes` bytes of HMAC-SHA256(purpose key, value). `purpose` is a dotted,
   * versioned name such as `case.person_name.v1`; `value` is already normalized.
   */
  compute(purpose: string, value: string | Buffer, bytes: number = DEFAULT_BLIND_INDEX_BYTES): string {
    if (!Number.isInteger(bytes) || bytes < 2 || bytes > 32) throw new RangeError('a blind index is 2 to 32 bytes');
    return createHmac('sha256', this.purposeKey(purpose)).update(value).digest().subarray(0, bytes).toString('hex');
  }

  toJSON(): string {
    return '[BlindIndexer]';
  }

  [inspect.custom](): string {
    return 'BlindIndexer';
  }

  private purposeKey(purpose: string): KeyObject {
    let key = this.#purposeKeys.get(purpose);
    if (!key) {
      if (!PURPOSE.test(purpose) || purpose.length > 100) throw new TypeError('a blind index purpose is a dotted name like case.person_name.v1');
      key = createSecretKey(Buffer.from(hkdfSync('sha256', this.#indexKey, HKDF_SALT, purpose, 32)));
      this.#purposeKeys.set(purpose, key);
    }
    return key;
  }
}
