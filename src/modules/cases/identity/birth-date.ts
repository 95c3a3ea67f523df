/** A date of birth as far as it is known: people often know only the year. */
export interface PartialBirthDate {
  readonly year: number;
  /** 1-12, or null when unknown. */
  readonly month: number | null;
  /** 1-31, or null when unknown (never known without the month). */
  readonly day: number | null;
}

export type BirthDateInput = string | { readonly year: number; readonly month?: number | null; readonly day?: number | null };

/** No one alive was born earlier. */
export const EARLIEST_BIRTH_YEAR = 1900;

const ISO = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;
/** DD.MM.YYYY, how Azerbaijani, Russian, Georgian and Turkish documents write dates. */
const DOTTED = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/;

/**
 * Reads a date of birth: `YYYY`, `YYYY-MM`, `YYYY-MM-DD`, `DD.MM.YYYY`, or `{ year, month?, day? }`.
 * A 00 month or day means unknown (`00.00.1990`, `1990-00-00`, as some registries write it).
 * Returns null for anything else and for impossible dates: 31 April, 29 February of a common
 * year, a day without a month, before {@link EARLIEST_BIRTH_YEAR}, or after `today` (UTC).
 * Slashed dates are refused on purpose: 04/05/1990 is 4 May here and 5 April elsewhere.
 */
export function parseBirthDate(input: BirthDateInput, today: Date = new Date()): PartialBirthDate | null {
  let year: number;
  let month: number | null;
  let day: number | null;
  if (typeof input === 'string') {
    const text = input.normalize('NFKC').trim();
    const iso = ISO.exec(text);
    const dotted = iso === null ? DOTTED.exec(text) : null;
    if (iso !== null) [year, month, day] = [Number(iso[1]), orNull(iso[2]), orNull(iso[3])];
    else if (dotted !== null) [year, month, day] = [Number(dotted[3]), orNull(dotted[2]), orNull(dotted[1])];
    else return null;
    // In text, 00 stands for an unknown part.
    if (month === 0) month = null;
    if (day === 0) day = null;
  } else {
    [year, month, day] = [input.year, input.month ?? null, input.day ?? null];
  }
  return isPossible(year, month, day, today) ? { year, month, day } : null;
}

function orNull(digits: string | undefined): number | null {
  return digits === undefined ? null : Number(digits);
}

function isPossible(year: number, month: number | null, day: number | null, today: Date): boolean {
  if (!Number.isInteger(year) || year < EARLIEST_BIRTH_YEAR) return false;
  if (month !== null && (!Number.isInteger(month) || month < 1 || month > 12)) return false;
  if (day !== null && (month === null || !Number.isInteger(day) || day < 1 || day > daysIn(year, month))) return false;
  // Not in the future, as far as the date is known (an unknown part counts as its earliest value).
  const known = year * 10_000 + (month ?? 1) * 100 + (day ?? 1);
  const now = today.getUTCFullYear() * 10_000 + (today.getUTCMonth() + 1) * 100 + today.getUTCDate();
  return known <= now;
}

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** `1990-04-17`, `1990-04` or `1990`. */
export function formatBirthDate(date: PartialBirthDate): string {
  const parts = [String(date.year).padStart(4, '0')];
  if (date.month !== null) parts.push(String(date.month).padStart(2, '0'));
  if (date.month !== null && date.day !== null) parts.push(String(date.day).padStart(2, '0'));
  return parts.join('-');
}

/** The normalized parts of a date of birth that matching keys are built from. */
export interface BirthDateKey {
  /** `YYYY-MM-DD`, or null when the day is unknown or the date is 1 January (see below). */
  readonly date: string | null;
  /** `YYYY`, always. */
  readonly year: string;
}

/**
 * A date of birth normalized for matching, or null when it is unreadable or impossible (see
 * {@link parseBirthDate}). A month without a day adds nothing: year and month alone rarely tell
 * people apart better than the year, and a wrong month is a common slip.
 *
 * 1 January gives the year only: registries across the former Soviet Union write 01.01 where the
 * real day is unknown, so a 1 January date neither confirms nor contradicts another date.
 *
 * These parts are never stored alone (a year has a hundred values; its blind index would be
 * readable by counting): the matching keys combine them with a name.
 */
export function birthDateKey(input: BirthDateInput, today: Date = new Date()): BirthDateKey | null {
  const date = parseBirthDate(input, today);
  if (date === null) return null;
  const placeholder = date.month === 1 && date.day === 1;
  return {
    date: date.month !== null && date.day !== null && !placeholder ? formatBirthDate(date) : null,
    year: formatBirthDate({ year: date.year, month: null, day: null }),
  };
}
