import {
  type CallHandler,
  type ExecutionContext,
  HttpStatus,
  Injectable,
  Logger,
  type NestInterceptor,
  type PipeTransform,
  RequestMethod,
  type Type,
} from '@nestjs/common';
import { HTTP_CODE_METADATA, ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { Reflector } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { from, lastValueFrom, type Observable } from 'rxjs';
import { UnauthenticatedException } from '@common/access/access.exception';
import { describeErrorForLog } from '@infra/logging/error-description';
import type { RequestContext } from '@common/access/request-context';
import {
  IdempotencyKeyInFlightException,
  IdempotencyKeyInvalidException,
  IdempotencyKeyRequiredException,
  IdempotencyKeyReusedException,
} from './idempotency.exception';
import { IdempotencyService } from './idempotency.service';
import { type ClaimedRequest, withClaimedRequest } from './idempotent-answer';
import { IDEMPOTENT_WITHHELD_FIELDS } from './idempotency-metadata';
import { requestFingerprint } from './request-fingerprint';
import { createValidationPipe } from '../validation.pipe';

export const IDEMPOTENCY_KEY_HEADER = 'idempotency-key';
/** Set on an answer replayed from the store (as Stripe does), so clients can tell. */
export const IDEMPOTENT_REPLAYED_HEADER = 'idempotent-replayed';

/** 1–255 visible ASCII characters; a Structured-Header string's quotes are accepted and dropped. */
export const MAX_KEY_LENGTH = 255;
const KEY_FORMAT = /^[\x21-\x7e]+$/;

type IdempotentRequest = FastifyRequest & { corridor?: RequestContext };

/**
 * Runs a mutating route at most once per (client, key): see `@Idempotent()`. Runs after the
 * access guard, so the key is always scoped to an authenticated principal (a partner's agency,
 * or a staff member).
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  private readonly logger = new Logger(IdempotencyInterceptor.name);
  private readonly validation = createValidationPipe();

  constructor(
    private readonly idempotency: IdempotencyService,
    private readonly reflector: Reflector,
  ) {}

  intercept(execution: ExecutionContext, next: CallHandler): Observable<unknown> {
    return from(this.run(execution, next));
  }

  private async run(execution: ExecutionContext, next: CallHandler): Promise<unknown> {
    const http = execution.switchToHttp();
    const request = http.getRequest<IdempotentRequest>();
    const reply = http.getResponse<FastifyReply>();
    const key = keyOf(request.headers[IDEMPOTENCY_KEY_HEADER]);
    // Bad input never costs a claim: the body and path are checked first, by the route's own pipes.
    await this.validateEarly(execution, request);
    const scope = scopeOf(request.corridor);
    const fingerprint = requestFingerprint(request.method, request.routeOptions.url ?? request.url, request.params, request.body);

    const claim = await this.idempotency.claim(scope, key, fingerprint);
    if (claim.kind === 'mismatch') throw new IdempotencyKeyReusedException();
    if (claim.kind === 'in-flight') throw new IdempotencyKeyInFlightException();
    if (claim.kind === 'replay') {
      void reply.status(claim.statusCode).header(IDEMPOTENT_REPLAYED_HEADER, 'true');
      // Stored as the JSON text first sent: the replay is the same bytes, not a re-serialisation.
      if (typeof claim.body === 'string') void reply.header('content-type', 'application/json; charset=utf-8');
      return claim.body;
    }

    const statusCode = this.statusOf(execution);
    const serialise = (answer: unknown): string | null => {
      const storable = this.storable(execution, answer);
      return storable === undefined ? null : JSON.stringify(storable);
    };
    // The route's service stores its answer inside its own transaction (storeIdempotentAnswer):
    // effect and answer commit together, so a lost answer is replayed, never run again.
    const claimed: ClaimedRequest = {
      stored: false,
      complete: (tx, answer) => this.idempotency.complete(scope, key, claim.token, statusCode, serialise(answer), tx),
    };
    let body: unknown;
    try {
      body = await withClaimedRequest(claimed, () => lastValueFrom(next.handle(), { defaultValue: undefined }));
    } catch (error) {
      // The request's transaction rolled back: nothing happened, so nothing is remembered (a
      // claim completed in a transaction that committed is not IN_FLIGHT and stays).
      await this.idempotency.release(scope, key, claim.token).catch(() => undefined);
      throw error;
    }
    if (claimed.stored) return body;
    // A route that does not store its answer in its transaction: stored after the commit.
    try {
      await this.idempotency.complete(scope, key, claim.token, statusCode, serialise(body));
    } catch (error) {
      // The effect is committed: answer it. The claim stays IN_FLIGHT (409) until its lease ends.
      this.logger.warn({ error: describeErrorForLog(error) }, 'could not store an idempotent answer');
    }
    return body;
  }

  /**
   * Runs the route's body and path pipes (the global validation pipe, `RecordIdParam` …) before
   * the claim, so an invalid request answers 400/404 without writing a row. The handler's own
   * pipes run again afterwards on the same input; they are pure.
   */
  private async validateEarly(execution: ExecutionContext, request: IdempotentRequest): Promise<void> {
    const controller = execution.getClass();
    const handler = execution.getHandler();
    const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, handler.name) ?? {}) as Record<
      string,
      { index: number; data?: string; pipes?: unknown[] }
    >;
    const types = (Reflect.getMetadata('design:paramtypes', controller.prototype as object, handler.name) ?? []) as Array<Type<unknown> | undefined>;
    for (const [name, arg] of Object.entries(args)) {
      const kind = Number(name.split(':')[0]) as RouteParamtypes;
      const metatype = types[arg.index];
      if (kind === RouteParamtypes.BODY) {
        const value = arg.data ? (request.body as Record<string, unknown> | undefined)?.[arg.data] : request.body;
        await this.validation.transform(value, { type: 'body', metatype, data: arg.data });
      } else if (kind === RouteParamtypes.PARAM && arg.data) {
        let value: unknown = (request.params as Record<string, string>)[arg.data];
        for (const pipe of arg.pipes ?? []) if (isPipe(pipe)) value = await pipe.transform(value, { type: 'param', metatype, data: arg.data });
      }
    }
  }

  /** The answer as it may be kept: fields the route withholds (secrets shown once) removed. */
  private storable(execution: ExecutionContext, body: unknown): unknown {
    const withheld = this.reflector.get<readonly string[] | undefined>(IDEMPOTENT_WITHHELD_FIELDS, execution.getHandler()) ?? [];
    if (withheld.length === 0 || typeof body !== 'object' || body === null || Array.isArray(body)) return body;
    return Object.fromEntries(Object.entries(body).filter(([field]) => !withheld.includes(field)));
  }

  /** The status Nest will answer with: the route's @HttpCode, else 201 for POST and 200 otherwise. */
  private statusOf(execution: ExecutionContext): number {
    const declared = this.reflector.get<number | undefined>(HTTP_CODE_METADATA, execution.getHandler());
    if (declared) return declared;
    return execution.switchToHttp().getRequest<FastifyRequest>().method === RequestMethod[RequestMethod.POST] ? HttpStatus.CREATED : HttpStatus.OK;
  }
}

/** The key, or the precise reason it cannot be one: missing, too long, or not printable ASCII. */
function keyOf(header: string | string[] | undefined): string {
  if (typeof header !== 'string' || header.trim() === '') throw new IdempotencyKeyRequiredException();
  const trimmed = header.trim();
  const unquoted = trimmed.length >= 2 && trimmed.startsWith('"') && trimmed.endsWith('"') ? trimmed.slice(1, -1) : trimmed;
  if (unquoted.length > MAX_KEY_LENGTH)
    throw new IdempotencyKeyInvalidException(`The Idempotency-Key is too long (${unquoted.length} characters; at most ${MAX_KEY_LENGTH}).`);
  if (!KEY_FORMAT.test(unquoted))
    throw new IdempotencyKeyInvalidException('The Idempotency-Key may hold only printable ASCII characters without spaces (a UUID is best).');
  return unquoted;
}

function isPipe(value: unknown): value is PipeTransform {
  return typeof (value as PipeTransform | null)?.transform === 'function';
}

/** Keys belong to a client, never to the world: one agency cannot replay another's answers. */
function scopeOf(context: RequestContext | undefined): string {
  const principal = context?.principal;
  if (principal?.kind === 'partner') return `agency:${principal.agencyId}`;
  if (principal?.kind === 'staff') return `staff:${principal.userId}`;
  throw new UnauthenticatedException();
}
