import { type CallHandler, type ExecutionContext, HttpStatus, Injectable, Logger, type NestInterceptor, RequestMethod } from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants';
import { Reflector } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { from, lastValueFrom, type Observable } from 'rxjs';
import { UnauthenticatedException } from '@common/access/access.exception';
import { describeErrorForLog } from '@infra/logging/error-description';
import type { RequestContext } from '@common/access/request-context';
import { IdempotencyKeyInFlightException, IdempotencyKeyRequiredException, IdempotencyKeyReusedException } from './idempotency.exception';
import { IdempotencyService } from './idempotency.service';
import { IDEMPOTENT_WITHHELD_FIELDS } from './idempotency-metadata';
import { requestFingerprint } from './request-fingerprint';

export const IDEMPOTENCY_KEY_HEADER = 'idempotency-key';
/** Set on an answer replayed from the store (as Stripe does), so clients can tell. */
export const IDEMPOTENT_REPLAYED_HEADER = 'idempotent-replayed';

/** 1–255 visible ASCII characters; a Structured-Header string's quotes are accepted and dropped. */
const KEY_FORMAT = /^[\x21-\x7e]{1,255}$/;

type IdempotentRequest = FastifyRequest & { corridor?: RequestContext };

/**
 * Runs a mutating route at most once per (client, key): see `@Idempotent()`. Runs after the
 * access guard, so the key is always scoped to an authenticated principal (a partner's agency,
 * or a staff member).
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  private readonly logger = new Logger(IdempotencyInterceptor.name);

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
    if (!key) throw new IdempotencyKeyRequiredException();
    const scope = scopeOf(request.corridor);
    const fingerprint = requestFingerprint(request.method, request.routeOptions.url ?? request.url, request.params, request.body);

    const claim = await this.idempotency.claim(scope, key, fingerprint);
    if (claim.kind === 'mismatch') throw new IdempotencyKeyReusedException();
    if (claim.kind === 'in-flight') throw new IdempotencyKeyInFlightException();
    if (claim.kind === 'replay') {
      void reply.status(claim.statusCode).header(IDEMPOTENT_REPLAYED_HEADER, 'true');
      return claim.body;
    }

    let body: unknown;
    try {
      body = await lastValueFrom(next.handle(), { defaultValue: undefined });
    } catch (error) {
      // The request's transaction rolled back: nothing happened, so nothing is remembered.
      await this.idempotency.release(scope, key, claim.token).catch(() => undefined);
      throw error;
    }
    try {
      await this.idempotency.complete(scope, key, claim.token, this.statusOf(execution), this.storable(execution, body));
    } catch (error) {
      // The effect is committed: answer it. The claim stays IN_FLIGHT (409) until its lease ends.
      this.logger.warn({ error: describeErrorForLog(error) }, 'could not store an idempotent answer');
    }
    return body;
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

function keyOf(header: string | string[] | undefined): string | null {
  if (typeof header !== 'string') return null;
  const trimmed = header.trim();
  const unquoted = trimmed.length >= 2 && trimmed.startsWith('"') && trimmed.endsWith('"') ? trimmed.slice(1, -1) : trimmed;
  return KEY_FORMAT.test(unquoted) ? unquoted : null;
}

/** Keys belong to a client, never to the world: one agency cannot replay another's answers. */
function scopeOf(context: RequestContext | undefined): string {
  const principal = context?.principal;
  if (principal?.kind === 'partner') return `agency:${principal.agencyId}`;
  if (principal?.kind === 'staff') return `staff:${principal.userId}`;
  throw new UnauthenticatedException();
}
