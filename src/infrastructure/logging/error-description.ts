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
  // Driver messages can quote a row ("Key (x)=(value)"); so can a library's message built from one.
  const message = error.message.replace(SQL_VALUE_IN_MESSAGE, '($1)=(…)');
  return {
    type: error.name,
    code: typeof code === 'string' ? code : undefined,
    message,
    stack: error.stack?.split('\n').slice(1, 12).join('\n'),
  };
}
