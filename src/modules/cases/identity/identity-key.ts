import { PersonalData } from '@infra/logging/personal-data.decorator';

/**
 * Matching keys: the normalized, deterministic strings duplicate detection compares.
 *
 * SECURITY. A matching key is personal data in a thin disguise, and a low-entropy one: a name key
 * such as `alvin mamadov` or a birth date can be recovered from an unkeyed hash by trying every
 * name in a phone book. So a key value
 * - is stored only as a keyed blind index: HMAC under the blind-index key (kept out of the
 *   database, separate from the data-encryption keys), with {@link blindIndexPurpose} as purpose;
 * - is never logged, put in an error message, a job payload, a webhook, a metric or an audit row;
 * - is never sent to a partner (partners learn only that a match exists).
 * Instances help: `value` is marked `@PersonalData()` for the logger, and `JSON.stringify`,
 * `util.inspect` and string conversion all print `[redacted]`.
 *
 * Blind indexes leak equality, so no stored kind is low-cardinality on its own: a birth year or a
 * birth date is only ever stored combined with a name (`name+birth-year`), never alone, or the
 * index of a year would be readable by counting.
 */
export const MATCHING_KEY_KINDS = [
  'name',
  'name+patronymic',
  'name+birth-date',
  'name+birth-year',
  'name+initial',
  'name+initial+birth-date',
  'phone',
] as const;
export type MatchingKeyKind = (typeof MATCHING_KEY_KINDS)[number];

/**
 * Bumped whenever normalization changes what a key is for a given input. Blind indexes computed
 * under another version do not compare equal to new ones: they must be recomputed from the
 * (decrypted) source fields, never mixed. The version is part of every purpose name.
 */
export const MATCHING_KEY_VERSION = 1;

const PURPOSE_NAMES: Record<MatchingKeyKind, string> = {
  name: 'name',
  'name+patronymic': 'name_patronymic',
  'name+birth-date': 'name_birth_date',
  'name+birth-year': 'name_birth_year',
  'name+initial': 'name_initial',
  'name+initial+birth-date': 'name_initial_birth_date',
  phone: 'phone',
};

/**
 * The blind-index purpose of a key kind, e.g. `case.match_name_birth_year.v1`: one derived key
 * per kind and rule version, so indexes of different kinds can never be compared or correlated.
 */
export function blindIndexPurpose(kind: MatchingKeyKind): string {
  return `case.match_${PURPOSE_NAMES[kind]}.v${MATCHING_KEY_VERSION}`;
}

/** What the matcher compares: a raw key, or the same key after HMAC (`value` = the digest). */
export interface MatchingKeyLike {
  readonly kind: MatchingKeyKind;
  readonly value: string;
}

const REDACTED = '[redacted]';

export class MatchingKey implements MatchingKeyLike {
  readonly kind: MatchingKeyKind;
  @PersonalData()
  readonly value: string;

  constructor(kind: MatchingKeyKind, value: string) {
    this.kind = kind;
    this.value = value;
    Object.freeze(this);
  }

  toJSON(): { kind: MatchingKeyKind; value: string } {
    return { kind: this.kind, value: REDACTED };
  }

  toString(): string {
    return `MatchingKey(${this.kind}, ${REDACTED})`;
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return this.toString();
  }
}

/** A set of matching keys for one person (names and aliases, phones, date of birth). */
export type MatchingKeys = readonly MatchingKey[];

/** Keeps the first of equal (kind, value) keys, in order. */
export function uniqueKeys(keys: Iterable<MatchingKey>): MatchingKey[] {
  const seen = new Set<string>();
  const unique: MatchingKey[] = [];
  for (const key of keys) {
    const id = `${key.kind}\u0000${key.value}`;
    if (seen.has(id)) continue;
    seen.add(id);
    unique.push(key);
  }
  return unique;
}
