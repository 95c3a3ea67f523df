import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { HttpConfig } from '@config/http.config';
import { checkBrowserRequest, CSRF_HEADER, CsrfCheckFailedException } from './browser-session';

const single = (value: string | string[] | undefined): string | undefined => (Array.isArray(value) ? value[0] : value);

/** The origin the browser addressed: scheme and host as Fastify sees them (X-Forwarded-* with TRUST_PROXY). */
export function ownOriginOf(request: FastifyRequest): string {
  return `${request.protocol}://${request.host}`;
}

/** Whether the browser reached us over TLS (directly or, with TRUST_PROXY, through the proxy). */
export const isTls = (request: FastifyRequest): boolean => request.protocol === 'https';

/**
 * For the browser-session routes (the refresh cookie authenticates them): refuses, with 403
 * `csrf-check-failed`, a request without `X-Corridor-CSRF: 1` or from another origin.
 */
@Injectable()
export class BrowserRequestGuard implements CanActivate {
  constructor(@Inject(HttpConfig) private readonly http: HttpConfig) {}

  canActivate(execution: ExecutionContext): boolean {
    const request = execution.switchToHttp().getRequest<FastifyRequest>();
    const verdict = checkBrowserRequest({
      csrfHeader: single(request.headers[CSRF_HEADER]),
      origin: single(request.headers.origin),
      secFetchSite: single(request.headers['sec-fetch-site']),
      ownOrigin: ownOriginOf(request),
      allowedOrigins: this.http.corsOrigins,
    });
    if (!verdict.ok) throw new CsrfCheckFailedException();
    return true;
  }
}
