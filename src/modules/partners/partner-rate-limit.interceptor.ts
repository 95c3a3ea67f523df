import { type CallHandler, type ExecutionContext, Inject, Injectable, type NestInterceptor } from '@nestjs/common';
import type { Observable } from 'rxjs';
import type { RequestContext } from '@common/access/request-context';
import { RateLimitedException } from '@common/errors/rate-limited.exception';
import { HttpConfig } from '@config/http.config';
import { RateLimiter } from '@infra/redis/rate-limiter';

const WINDOW_SECONDS = 60;

/**
 * Per-agency request budget on the partner API (all of an agency's keys together), counted in
 * Redis so every replica shares it. Fails closed: if Redis cannot answer, partners get 429 with
 * Retry-After rather than unmetered access. Runs after the access guard, so only authenticated
 * partner requests count (anonymous ones are refused before any work).
 */
@Injectable()
export class PartnerRateLimitInterceptor implements NestInterceptor {
  constructor(
    private readonly limiter: RateLimiter,
    @Inject(HttpConfig) private readonly config: HttpConfig,
  ) {}

  async intercept(execution: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    if (execution.getType() !== 'http') return next.handle();
    const principal = execution.switchToHttp().getRequest<{ corridor?: RequestContext }>().corridor?.principal;
    if (principal?.kind === 'partner') {
      const verdict = await this.limiter.hit(`partner:${principal.agencyId}`, this.config.partnerRateLimitPerMinute, WINDOW_SECONDS);
      if (!verdict.allowed) throw new RateLimitedException(verdict.retryAfterSeconds);
    }
    return next.handle();
  }
}
