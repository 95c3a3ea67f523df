import { randomInt } from 'node:crypto';

/**
 * Public case references such as `C-7KQ4-M2XD` (spec 3.1): random, so a reference reveals
 * neither how many cases exist nor when one was opened, and read aloud or copied by hand
 * without confusion.
 *
 * Alphabet: Crockford base32 (which already drops I, L, O and U) minus 0 and 1, which are still
 * read as O and I/L: 30 symbols. Eight of them give 30^8 ≈ 6.6 × 10^11 references, about 39.3
 * bits. That is plenty to make references unguessable in bulk and rare to collide, but not
 * collision-free: with a million cases a new reference collides with probability ≈ 1.5 × 10⁻⁶.
 * Uniqueness is therefore the database's job (a unique index); the caller retries the insert
 * with a fresh reference on a unique violation. A reference is an identifier, never a secret:
 * it grants no access.
 */

export const CASE_REFERENCE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTVWXYZ';
const SYMBOLS = 8;

export const CASE_REFERENCE_SPACE = CASE_REFERENCE_ALPHABET.length ** SYMBOLS;
export const CASE_REFERENCE_ENTROPY_BITS = SYMBOLS * Math.log2(CASE_REFERENCE_ALPHABET.length);

const SYMBOL_CLASS = `[${CASE_REFERENCE_ALPHABET}]`;
export const CASE_REFERENCE_PATTERN = new RegExp(`^C-${SYMBOL_CLASS}{4}-${SYMBOL_CLASS}{4}$`);

/** A string known to have the reference format (not that such a case exists). */
export type CaseReference = string & { readonly __brand: 'CaseReference' };

/** Uniform integer in [0, max). Injectable for tests only; production uses the CSPRNG. */
export type RandomIndex = (max: number) => number;

const cryptoRandomIndex: RandomIndex = (max) => randomInt(max);

export function generateCaseReference(random: RandomIndex = cryptoRandomIndex): CaseReference {
  let symbols = '';
  for (let i = 0; i < SYMBOLS; i += 1) {
    const symbol = CASE_REFERENCE_ALPHABET[random(CASE_REFERENCE_ALPHABET.length)];
    if (symbol === undefined) throw new RangeError('generateCaseReference: random index out of range');
    symbols += symbol;
  }
  return `C-${symbols.slice(0, 4)}-${symbols.slice(4)}` as CaseReference;
}

/** Exact format only: upper case, with both dashes. Normalising user input is the caller's choice. */
export function isCaseReference(value: unknown): value is CaseReference {
  return typeof value === 'string' && CASE_REFERENCE_PATTERN.test(value);
}
