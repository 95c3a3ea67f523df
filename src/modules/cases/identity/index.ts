/**
 * Duplicate detection at intake without plaintext (PRODUCT.md §7): pure functions from what intake
 * was told to small sets of normalized matching keys, which the case module stores only as keyed
 * HMACs (blind indexes) and compares for equality. Nothing here logs, stores or throws with data.
 */
export {
  birthDateKey,
  EARLIEST_BIRTH_YEAR,
  formatBirthDate,
  parseBirthDate,
  type BirthDateInput,
  type BirthDateKey,
  type PartialBirthDate,
} from './birth-date';
export {
  blindIndexPurpose,
  MATCHING_KEY_KINDS,
  MATCHING_KEY_VERSION,
  MatchingKey,
  type MatchingKeyKind,
  type MatchingKeyLike,
  type MatchingKeys,
} from './identity-key';
export {
  isPossibleDuplicate,
  matchingKeys,
  matchStrength,
  type IdentityInput,
  type MatchConflict,
  type MatchLevel,
  type MatchReason,
  type MatchStrength,
} from './matching-keys';
export { foldNameToken, MAX_NAME_KEYS, NAME_KEY_ALPHABET, nameKeys, parseName, type ParsedName } from './name-normalizer';
export { PHONE_DEFAULT_COUNTRIES, phoneKey, type PhoneDefaultCountry } from './phone-normalizer';
