/**
 * What of an error may be logged: its class, code and stack. Driver errors carry the failing
 * row's values in `detail`, `parameters` and `where`; those are never logged.
 */
export interface LoggableError {
  type: string;
  code?: string;
  message: string;
  stack?: string;
}

const SQL_VALUE_IN_MESSAGE = /\(([^)]*)\)=\(([^)]*)\)/g;

export function describeErrorForLog(error: unknown): LoggableError {
  if (!(error instanceof Error)) return { type: typeof error, message: 'non-error thrown' };
  const code = (error as { code?: unknown }).code;
  const isDriverError = error.name === 'QueryFailedError' || typeof (error as { severity?: unknown }).severity === 'string';
  // Our own messages never carry data; driver messages can ("Key (x)=(value)").
  const message = isDriverError ? error.message.replace(SQL_VALUE_IN_MESSAGE, '($1)=(…)') : error.message;
  return {
    type: error.name,
    code: typeof code === 'string' ? code : undefined,
    message,
    stack: error.stack?.split('\n').slice(1, 12).join('\n'),
  };
}
