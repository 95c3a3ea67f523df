import { type CanActivate, type ExecutionContext, Injectable, Logger, Optional } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ACCESS_PERMISSION } from '@common/access/access.decorator';
import { PermissionDeniedException, UnauthenticatedException } from '@common/access/access.exception';
import { PERMISSION_RULES, type AccessRule, type Permission } from '@common/access/permission';
import type { Principal } from '@common/access/principal';
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
    @Optional() private readonly staff?: StaffTokenAuthenticator,
    @Optional() private readonly partners?: ApiKeyAuthenticator,
  ) {}

  async canActivate(execution: ExecutionContext): Promise<boolean> {
    if (execution.getType() !== 'http') return true;
    const request = execution.switchToHttp().getRequest<CorridorRequest>();
    const context = requestContextOf(request);
    const permission = this.reflector.getAllAndOverride<Permission | undefined>(ACCESS_PERMISSION, [
      execution.getHandler(),
      execution.getClass(),
    ]);
    const route = `${request.method} ${request.routeOptions.url ?? ''}`;
    if (!permission) {
      this.logger.error({ route }, 'route without a declared permission refused');
      throw new PermissionDeniedException();
    }
    const rule = PERMISSION_RULES[permission];
    if ('public' in rule) return true;

    context.principal = (await this.authenticate(request.headers.authorization)) ?? undefined;
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
    const credential = /^Bearer ([A-Za-z0-9_.~+/-]{16,512}=*)$/.exec(header ?? '')?.[1];
    if (!credential) return null;
    if (credential.startsWith(STAFF_TOKEN_PREFIX)) return (await this.staff?.authenticate(credential)) ?? null;
    if (credential.startsWith(API_KEY_PREFIX)) return (await this.partners?.authenticate(credential)) ?? null;
    return null;
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

export function allows(rule: AccessRule, principal: Principal): boolean {
  if ('public' in rule) return true;
  if ('partnerScope' in rule) {
    return principal.kind === 'partner' && (rule.partnerScope === 'any' || principal.scopes.includes(rule.partnerScope));
  }
  if (principal.kind !== 'staff') return false;
  return rule.staffRoles === 'any' || principal.roles.some((role) => rule.staffRoles.includes(role));
}
