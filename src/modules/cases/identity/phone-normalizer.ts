import { parsePhoneNumberFromString } from 'libphonenumber-js/max';

/** Countries whose national formats intake accepts without a +country prefix. */
export const PHONE_DEFAULT_COUNTRIES = ['AZ', 'RU', 'GE', 'TR'] as const;
export type PhoneDefaultCountry = (typeof PHONE_DEFAULT_COUNTRIES)[number];

/** Only digits, one leading +, and the separators people write between digit groups. */
const PHONE_SHAPE = /^\+?[\d\s().\-/]+$/;
const MAX_PHONE_LENGTH = 40;

/**
 * A phone number in E.164 (`+994501234567`), or null unless it is a valid number.
 *
 * Accepts international forms (`+994 50 123 45 67`, `00994501234567`) and, with a default
 * country, national ones (`050 123 45 67` in AZ, `8 (928) 123-45-67` in RU). Validity is checked
 * against libphonenumber's full metadata (number ranges, not only lengths). Anything else,
 * letters and extensions included, is null: a key is only as good as the certainty that two
 * spellings are the same number, and the intake form should ask again rather than guess.
 */
export function phoneKey(raw: string, defaultCountry?: PhoneDefaultCountry): string | null {
  const trimmed = raw.normalize('NFKC').trim();
  if (trimmed.length > MAX_PHONE_LENGTH || !PHONE_SHAPE.test(trimmed)) return null;
  // 00 is the international prefix in AZ, GE and TR but not in RU (810), so read it as + here.
  const international = trimmed.replace(/^00/, '+');
  const parsed = parsePhoneNumberFromString(international, defaultCountry);
  return parsed !== undefined && parsed.isValid() ? parsed.number : null;
}
