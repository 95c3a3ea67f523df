import { createHash, timingSafeEqual } from 'node:crypto';
import { type CanActivate, type ExecutionContext, Injectable, Logger, Optional } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ACCESS_PERMISSION } from '@common/access/access.decorator';
import { PermissionDeniedException, UnauthenticatedException } from '@common/access/access.exception';
import { PERMISSION_RULES, type AccessRule, type Permission } from '@common/access/permission';
import type { Principal } from '@common/access/principal';
import { HttpConfig } from '@config/http.config';
import { AuditOutcome } from '@modules/audit/audit-outcome';
import { AuditService } from '@modules/audit/audit.service';
import { API_KEY_PREFIX, ApiKeyAuthenticator, STAFF_TOKEN_PREFIX, StaffTokenAuthenticator } from './authenticators';
import { requestContextOf, type CorridorRequest } from './request-context.decorator';

/**
 * The one gate every route passes. It authenticates the bearer credential, checks the route's
 * declared permission, and audits every denial. A route without a permission is refused (fail
 * closed); the authorization matrix test makes sure none exists.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  private readonly logger = new Logger(AccessGuard.name);

  constructor(
    private readonly reflector: Reflector,
    private readonly audit: AuditService,
    private readonly http: HttpConfig,
    @Optional() private readonly staff?: StaffTokenAuthenticator,
    @Optional() private readonly partners?: ApiKeyAuthenticator,
  ) {}

  async canActivate(execution: ExecutionContext): Promise<boolean> {
    if (execution.getType() !== 'http') return true;
    const request = execution.switchToHttp().getRequest<CorridorRequest>();
    const context = requestContextOf(request);
    const permission = this.reflector.getAllAndOverride<Permission | undefined>(ACCESS_PERMISSION, [execution.getHandler(), execution.getClass()]);
    const route = `${request.method} ${request.routeOptions.url ?? ''}`;
    if (!permission) {
      this.logger.error({ route }, 'route without a declared permission refused');
      throw new PermissionDeniedException();
    }
    const rule = PERMISSION_RULES[permission];
    if ('public' in rule) return true;
    if ('operatorToken' in rule) {
      // Not a principal: the scraper proves it holds the configured token and nothing more.
      if (matchesToken(bearerCredential(request.headers.authorization), this.http.metricsToken)) return true;
      await this.deny(context.requestId, { kind: 'anonymous' }, route, 'operator-token');
      throw new UnauthenticatedException();
    }

    context.principal = (await this.authenticate(request.headers.authorization)) ?? (await this.streamTicket(rule, request)) ?? undefined;
    if (!context.principal) {
      await this.deny(context.requestId, { kind: 'anonymous' }, route, 'unauthenticated');
      throw new UnauthenticatedException();
    }
    if (!allows(rule, context.principal)) {
      await this.deny(context.requestId, context.principal, route, 'permission');
      throw new PermissionDeniedException();
    }
    return true;
  }

  private async authenticate(header: string | undefined): Promise<Principal | null> {
    const credential = bearerCredential(header);
    if (!credential) return null;
    if (credential.startsWith(STAFF_TOKEN_PREFIX)) return (await this.staff?.authenticate(credential)) ?? null;
    if (credential.startsWith(API_KEY_PREFIX)) return (await this.partners?.authenticate(credential)) ?? null;
    return null;
  }

  /**
   * Only on routes whose rule says so (the event stream), and only without an Authorization
   * header: a single-use `?ticket=` (the URL is logged without its query string).
   */
  private async streamTicket(rule: AccessRule, request: CorridorRequest): Promise<Principal | null> {
    if (!('streamTicket' in rule) || !rule.streamTicket || request.headers.authorization !== undefined) return null;
    const ticket = (request.query as Record<string, unknown> | undefined)?.ticket;
    if (typeof ticket !== 'string' || ticket.length > 100) return null;
    return (await this.staff?.authenticateStreamTicket(ticket)) ?? null;
  }

  private deny(requestId: string, actor: Principal | { kind: 'anonymous' }, route: string, reason: string): Promise<void> {
    return this.audit.recordAlone({
      actor,
      action: 'access.denied',
      resourceType: 'route',
      resourceId: route.slice(0, 100),
      outcome: AuditOutcome.Denied,
      requestId,
      details: { reason },
    });
  }
}

/** `Bearer <token>`; the scheme name is case-insensitive (RFC 9110 §11.1), the token is not. */
export function bearerCredential(header: string | undefined): string | null {
  return /^Bearer +([A-Za-z0-9_.~+/-]{16,512}=*)$/i.exec(header ?? '')?.[1] ?? null;
}

/**
 * Constant-time comparison of digests (equal lengths whatever the input), so the answer time
 * says nothing about how much of the token was right. No configured token matches nothing.
 */
export function matchesToken(presented: string | null, configured: string | undefined): boolean {
  if (!configured || !presented) return false;
  const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();
  return timingSafeEqual(digest(presented), digest(configured));
}

export function allows(rule: AccessRule, principal: Principal): boolean {
  if ('public' in rule) return true;
  // Operator tokens are checked by the guard itself; no staff or partner principal satisfies one.
  if ('operatorToken' in rule) return false;
  if ('partnerScope' in rule) {
    return principal.kind === 'partner' && (rule.partnerScope === 'any' || principal.scopes.includes(rule.partnerScope));
  }
  if (principal.kind !== 'staff') return false;
  return rule.staffRoles === 'any' || principal.roles.some((role) => rule.staffRoles.includes(role));
}
