/** Attempts per event delivery: the first and seven retries. */
export const MAX_DELIVERY_ATTEMPTS = 8;

const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/**
 * The ceiling of the wait after attempt n fails (n = 1…7), growing roughly exponentially. With
 * full jitter each wait is uniform in [MIN_RETRY_DELAY_MS, ceiling], so a delivery's retries
 * spread over about a day on average (at most ~46 h) and a receiver that comes back is not hit
 * by every sender at once.
 */
export const RETRY_CEILINGS_MS: readonly number[] = [1 * MINUTE, 10 * MINUTE, 1 * HOUR, 3 * HOUR, 6 * HOUR, 12 * HOUR, 24 * HOUR];
export const MIN_RETRY_DELAY_MS = 5 * SECOND;
/** A receiver's Retry-After is honoured up to this; longer asks are shortened to it. */
export const MAX_RETRY_AFTER_MS = 24 * HOUR;

/** Deliveries in a row whose every attempt failed before the endpoint is disabled. */
export const FAILED_DELIVERIES_BEFORE_DISABLE = 5;
/** …or failing continuously for longer than this. */
export const FAILING_PERIOD_BEFORE_DISABLE_MS = 24 * HOUR;

/**
 * How long to wait after `failedAttempt` (1-based) failed before trying again; null after the
 * last attempt. `retryAfterMs` (from the receiver) is a floor: never sooner than it asked.
 */
export function retryDelayMs(failedAttempt: number, retryAfterMs: number | null, random: () => number = Math.random): number | null {
  if (failedAttempt >= MAX_DELIVERY_ATTEMPTS) return null;
  const ceiling = RETRY_CEILINGS_MS[Math.min(failedAttempt, RETRY_CEILINGS_MS.length) - 1] ?? MIN_RETRY_DELAY_MS;
  const jittered = MIN_RETRY_DELAY_MS + Math.floor(random() * (ceiling - MIN_RETRY_DELAY_MS));
  return retryAfterMs === null ? jittered : Math.max(jittered, Math.min(retryAfterMs, MAX_RETRY_AFTER_MS));
}

/** `Retry-After` as delta-seconds or an HTTP date (RFC 9110 §10.2.3); null when absent or unreadable. */
export function parseRetryAfter(value: string | undefined, now: Date): number | null {
  if (!value) return null;
  const trimmed = value.trim();
  if (/^\d{1,10}$/.test(trimmed)) return Number(trimmed) * SECOND;
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return null;
  return Math.max(0, at - now.getTime());
}
