import { birthDateKey, type BirthDateInput } from './birth-date';
import { MatchingKey, uniqueKeys, type MatchingKeyKind, type MatchingKeyLike, type MatchingKeys } from './identity-key';
import { nameKeys } from './name-normalizer';
import { phoneKey, type PhoneDefaultCountry } from './phone-normalizer';

/** What intake knows about a person, in the form it was written. */
export interface IdentityInput {
  /** The full name and every alias or other spelling recorded (documents, self-chosen name). */
  readonly names?: readonly string[];
  readonly phones?: readonly string[];
  /** The country whose national format phones without a +country prefix are read in. */
  readonly phoneCountry?: PhoneDefaultCountry;
  readonly birthDate?: BirthDateInput | null;
}

/**
 * The keys to store (as blind indexes) for one person:
 * - for each name and alias: `name` and `name+patronymic` from {@link nameKeys}, and with a date
 *   of birth `name+birth-year`, `name+birth-date` and `name+initial+birth-date`;
 * - `phone` for each valid phone.
 * `name+initial` alone is not stored: it never flags on its own (siblings share it), and it is the
 *   most frequent, so most countable, kind. Unreadable phones and impossible dates contribute
 *   nothing (intake validates them with `phoneKey` and `parseBirthDate` first).
 * At most 20 keys per name (6 for the usual given and family name), plus one per phone.
 * The result is personal data: turn each key into its blind index and drop it.
 */
export function matchingKeys(input: IdentityInput, today: Date = new Date()): MatchingKeys {
  const birth = input.birthDate === undefined || input.birthDate === null ? null : birthDateKey(input.birthDate, today);
  const birthDate = birth?.date ?? null;
  const keys: MatchingKey[] = [];
  for (const name of input.names ?? []) {
    for (const key of nameKeys(name)) {
      if (key.kind === 'name') {
        keys.push(key);
        if (birth !== null) keys.push(new MatchingKey('name+birth-year', `${key.value}|${birth.year}`));
        if (birthDate !== null) keys.push(new MatchingKey('name+birth-date', `${key.value}|${birthDate}`));
      } else if (key.kind === 'name+initial') {
        if (birthDate !== null) keys.push(new MatchingKey('name+initial+birth-date', `${key.value}|${birthDate}`));
      } else {
        keys.push(key);
      }
    }
  }
  for (const raw of input.phones ?? []) {
    const phone = phoneKey(raw, input.phoneCountry);
    if (phone !== null) keys.push(new MatchingKey('phone', phone));
  }
  return uniqueKeys(keys);
}

/** `possible` and `strong` are flagged to a caseworker; `weak` is kept for explanation only. */
export type MatchLevel = 'none' | 'weak' | 'possible' | 'strong';

/** Why two people may be one: codes only, never a value. Strongest first in a {@link MatchStrength}. */
export type MatchReason = 'phone' | 'name+patronymic' | 'name+birth-date' | 'name+birth-year' | 'name' | 'name+initial+birth-date';

/** Evidence against, for a shared name: both sides know it and it differs. */
export type MatchConflict = 'birth-year' | 'birth-date' | 'patronymic';

export interface MatchStrength {
  readonly level: MatchLevel;
  readonly reasons: readonly MatchReason[];
  readonly conflicts: readonly MatchConflict[];
}

const LEVELS: readonly MatchLevel[] = ['none', 'weak', 'possible', 'strong'];

/**
 * How strongly two key sets suggest one person. Works the same on raw keys and on their blind
 * indexes (it only compares kinds and values for equality), and returns codes, never values.
 *
 * - strong: same name with the same birth date, birth year or father's name; or the same phone
 *   and the same name (or initial and birth date).
 * - possible: same name; same phone (a household, or a shared safe contact, shares one too); same
 *   family name, initial and birth date ("E. Mammadov, 12.03.1995").
 * A different birth year or a different father's name lowers the level by one (namesakes; a name
 * alone drops to `weak`, which is not flagged), but never below `possible` when the phone
 * matches. A different day in the same year does not lower it: it is reported as a conflict for
 * the caseworker, because a mistyped day or a swapped day and month is common.
 */
export function matchStrength(a: readonly MatchingKeyLike[], b: readonly MatchingKeyLike[]): MatchStrength {
  const shared = new Set<MatchingKeyKind>();
  const inA = new Set<string>(a.map(identify));
  for (const key of b) if (inA.has(identify(key))) shared.add(key.kind);
  const kindsA = new Set(a.map((key) => key.kind));
  const kindsB = new Set(b.map((key) => key.kind));
  const differs = (kind: MatchingKeyKind): boolean => kindsA.has(kind) && kindsB.has(kind) && !shared.has(kind);

  const phone = shared.has('phone');
  const name = shared.has('name');
  const patronymic = shared.has('name+patronymic');
  const date = shared.has('name+birth-date');
  const year = shared.has('name+birth-year');
  const initialDate = shared.has('name+initial+birth-date');

  const conflicts: MatchConflict[] = [];
  if (name) {
    if (differs('name+birth-year')) conflicts.push('birth-year');
    else if (differs('name+birth-date')) conflicts.push('birth-date');
    if (differs('name+patronymic')) conflicts.push('patronymic');
  }

  const reasons: MatchReason[] = [];
  if (phone) reasons.push('phone');
  if (patronymic) reasons.push('name+patronymic');
  if (date) reasons.push('name+birth-date');
  else if (year) reasons.push('name+birth-year');
  if (name && !patronymic && !date && !year) reasons.push('name');
  if (!name && initialDate) reasons.push('name+initial+birth-date');

  let level: MatchLevel = 'none';
  if (name || phone || initialDate) level = 'possible';
  if (patronymic || date || year || (phone && (name || initialDate))) level = 'strong';
  if (conflicts.includes('birth-year') || conflicts.includes('patronymic')) {
    const lowered = LEVELS[Math.max(0, LEVELS.indexOf(level) - 1)] ?? 'none';
    level = phone ? 'possible' : lowered;
  }
  return { level, reasons, conflicts };
}

function identify(key: MatchingKeyLike): string {
  return `${key.kind}\u0000${key.value}`;
}

/** True when a caseworker should be shown the pair as a possible duplicate. */
export function isPossibleDuplicate(strength: MatchStrength): boolean {
  return strength.level === 'possible' || strength.level === 'strong';
}
