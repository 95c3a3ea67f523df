import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, HttpStatus } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainException, FailureKind } from '@common/errors/domain.exception';
import type { CorridorLogger } from '@infra/logging/corridor-logger';
import { isDatabaseUnavailable } from '@infra/database/database-unavailable';
import { describeErrorForLog } from '@infra/logging/error-description';
import { MAX_JSON_DEPTH } from './bounded-json';
import { PROBLEM_CONTENT_TYPE, problemType, type ProblemDocument } from './problem';

const STATUS_BY_KIND: Record<FailureKind, number> = {
  [FailureKind.InvalidInput]: 400,
  [FailureKind.Unauthenticated]: 401,
  [FailureKind.Forbidden]: 403,
  [FailureKind.NotFound]: 404,
  [FailureKind.Conflict]: 409,
  [FailureKind.Unprocessable]: 422,
  [FailureKind.RateLimited]: 429,
  [FailureKind.TooLarge]: 413,
  [FailureKind.UnsupportedMediaType]: 415,
  [FailureKind.Unavailable]: 503,
};

/** How long a client waits before sending a request again that met the database unavailable. */
export const DATABASE_RETRY_AFTER_SECONDS = 2;

/** Codes for errors raised by the framework (routing, body parsing) rather than by our domains. */
const CODE_BY_STATUS: Record<number, string> = {
  400: 'bad-request',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not-found',
  405: 'method-not-allowed',
  406: 'not-acceptable',
  409: 'conflict',
  413: 'payload-too-large',
  415: 'unsupported-media-type',
  422: 'unprocessable',
  429: 'rate-limited',
  503: 'unavailable',
};

/** Fastify's own error codes that reach us, mapped to stable problem codes. */
const FASTIFY_CODES: Record<string, { status: number; code: string; detail: string }> = {
  FST_ERR_CTP_INVALID_JSON_BODY: { status: 400, code: 'malformed-body', detail: 'The request body is not valid JSON.' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { status: 400, code: 'malformed-body', detail: 'The request body is empty.' },
  FST_ERR_CTP_BODY_TOO_LARGE: { status: 413, code: 'payload-too-large', detail: 'The request body is too large.' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { status: 415, code: 'unsupported-media-type', detail: 'Send application/json.' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { status: 400, code: 'malformed-body', detail: 'Content-Length does not match the body.' },
  // Ours, raised by the JSON parser (bounded-json.ts) like Fastify's own parsing errors.
  CORRIDOR_JSON_TOO_DEEP: { status: 400, code: 'body-too-deep', detail: `The request body nests arrays and objects more than ${MAX_JSON_DEPTH} levels deep.` },
};

/**
 * The single place an error becomes an HTTP answer: RFC 9457 problem+json with a stable type and
 * the request id. Never a stack trace, SQL or a value from the request.
 */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  constructor(private readonly logger: CorridorLogger) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const problem = this.toProblem(exception, String(request.id));
    if (problem.status === 503 && problem.type === problemType('database-unavailable')) {
      this.logger.pino.warn({ context: 'HTTP', requestId: request.id, error: describeErrorForLog(exception) }, 'database unavailable');
    } else if (problem.status >= 500 && !(exception instanceof DomainException)) {
      this.logger.pino.error({ context: 'HTTP', requestId: request.id, error: describeErrorForLog(exception) }, 'unhandled error');
    }
    if (typeof problem.retryAfterSeconds === 'number') void reply.header('retry-after', String(problem.retryAfterSeconds));
    void reply.status(problem.status).header('content-type', PROBLEM_CONTENT_TYPE).send(problem);
  }

  toProblem(exception: unknown, requestId: string): ProblemDocument {
    if (exception instanceof DomainException) {
      const status = STATUS_BY_KIND[exception.kind];
      return { ...exception.extensions, type: problemType(exception.code), title: title(status), status, detail: exception.detail, requestId };
    }
    // Nest wraps Fastify's body-parsing errors in an HttpException whose cause is the original.
    const cause = exception instanceof HttpException ? exception.cause : exception;
    const fastifyCode = (cause as { code?: unknown } | null)?.code;
    if (typeof fastifyCode === 'string' && FASTIFY_CODES[fastifyCode]) {
      const known = FASTIFY_CODES[fastifyCode];
      // A body that could not be read at all is reported at the root pointer, like a body that is not an object.
      if (known.code === 'malformed-body') {
        return {
          type: problemType(known.code),
          title: title(known.status),
          status: known.status,
          detail: known.detail,
          errors: [{ pointer: '', detail: known.detail }],
          requestId,
        };
      }
      return { type: problemType(known.code), title: title(known.status), status: known.status, detail: known.detail, requestId };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const code = CODE_BY_STATUS[status] ?? (status >= 500 ? 'internal-error' : 'bad-request');
      return { type: problemType(code), title: title(status), status, detail: safeDetail(status), requestId };
    }
    const status = (exception as { statusCode?: unknown } | null)?.statusCode;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      return { type: problemType(CODE_BY_STATUS[status] ?? 'bad-request'), title: title(status), status, detail: safeDetail(status), requestId };
    }
    // A terminated backend, a lost connection or an exhausted pool: transient, not the request's
    // fault. A write may have committed just before the connection went (its answer was lost):
    // idempotent routes replay it on a retry with the same key.
    if (isDatabaseUnavailable(exception)) {
      return {
        type: problemType('database-unavailable'),
        title: title(503),
        status: 503,
        detail:
          'The service lost its database connection while answering. Send the request again shortly (with the same Idempotency-Key where the route takes one).',
        retryAfterSeconds: DATABASE_RETRY_AFTER_SECONDS,
        requestId,
      };
    }
    return {
      type: problemType('internal-error'),
      title: title(500),
      status: 500,
      detail: 'Something went wrong on our side. Quote the request id when reporting it.',
      requestId,
    };
  }
}

function title(status: number): string {
  const name = HttpStatus[status];
  if (!name) return 'Error';
  return name
    .split('_')
    .map((word, index) => (index === 0 ? word[0] + word.slice(1).toLowerCase() : word.toLowerCase()))
    .join(' ');
}

/** Framework messages can echo the URL or input; ours are fixed per status. */
function safeDetail(status: number): string {
  switch (status) {
    case 404:
      return 'No such resource.';
    case 405:
      return 'That method is not allowed here.';
    case 413:
      return 'The request body is too large.';
    case 415:
      return 'Send application/json.';
    default:
      return title(status);
  }
}
