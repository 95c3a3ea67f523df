/**
 * Whether an error means the database could not be reached or dropped the connection mid-request
 * (a restart, a failover, `pg_terminate_backend`, an exhausted pool) rather than that the request
 * was wrong. Such a request changed nothing it did not commit, and may simply be sent again: the
 * HTTP layer answers 503 with Retry-After instead of 500.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let current = error, depth = 0; current && typeof current === 'object' && depth < 4; depth += 1) {
    const { name, code, message } = current as { name?: unknown; code?: unknown; message?: unknown };
    if (typeof name === 'string' && RELEASED_OR_CLOSED.has(name)) return true;
    // SQLSTATE class 08: connection exception.
    if (typeof code === 'string' && (code.startsWith('08') || UNAVAILABLE_CODES.has(code))) return true;
    if (typeof message === 'string' && DRIVER_MESSAGES.some((pattern) => pattern.test(message))) return true;
    // TypeORM keeps the driver's error beside its own; some wrappers keep it as `cause`.
    current = (current as { driverError?: unknown; cause?: unknown }).driverError ?? (current as { cause?: unknown }).cause;
  }
  return false;
}

/** TypeORM's errors for a connection that is gone before the request finished with it. */
const RELEASED_OR_CLOSED = new Set([
  'QueryRunnerAlreadyReleasedError',
  'QueryRunnerProviderAlreadyReleasedError',
  'ConnectionIsNotSetError',
  'CannotExecuteNotConnectedError',
]);

/** node-postgres raises these without a SQLSTATE (the socket, not the server, failed). */
const DRIVER_MESSAGES = [
  /^Connection terminated/,
  /^timeout exceeded when trying to connect$/,
  /^Client has encountered a connection error and is not queryable$/,
  /^Client was closed and is not queryable$/,
  /^terminating connection due to administrator command$/,
  /^Cannot use a pool after calling end on the pool$/,
];

/**
 * SQLSTATEs of a server going away, full, or too slow for the statement timeout (57014: load, not
 * the request), and the socket's own codes (the server unreachable).
 */
const UNAVAILABLE_CODES = new Set(['57P01', '57P02', '57P03', '53300', '57014', 'ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT']);
