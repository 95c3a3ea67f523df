const DAY_MS = 86_400_000;

/** Whole UTC days from `from` to `to` (both `YYYY-MM-DD`). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/** The UTC calendar date of an instant. */
export function utcDate(at: Date): string {
  return at.toISOString().slice(0, 10);
}

/** The last day the person may lawfully stay: entry day counts as day one. */
export function lastAllowedDay(entryDate: string, allowedDays: number): string {
  return utcDate(new Date(Date.parse(`${entryDate}T00:00:00Z`) + (allowedDays - 1) * DAY_MS));
}

/**
 * Days of lawful stay left on `today`, counting today (so 1 on the last allowed day, 0 or less once
 * it has passed). Derived on every read from the Clock, never stored, so it cannot go stale. Null
 * when no rule is known or the stay has ended.
 */
export function daysRemaining(stay: { entryDate: string; allowedDays: number | null; exitDate: string | null }, today: string): number | null {
  if (stay.allowedDays === null || stay.exitDate !== null) return null;
  return stay.allowedDays - daysBetween(stay.entryDate, today);
}
