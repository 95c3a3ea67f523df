/**
 * Drill time (`DRILL_TIME_COMPRESSION`, refused in production): a rehearsal or the demo plays
 * hours of policy in seconds by dividing the policy's durations (check-in interval and grace,
 * acknowledge windows, triage SLA) where they become instants. Factor 1 is real time.
 */
export function compressDuration(ms: number, factor = 1): number {
  if (!Number.isFinite(factor) || factor < 1) throw new RangeError('compressDuration: the factor must be a number ≥ 1');
  // At least a millisecond: a zero-length window would fire in the same instant it opens.
  return factor === 1 ? ms : Math.max(1, Math.round(ms / factor));
}
