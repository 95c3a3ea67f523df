import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { PermissionDeniedException } from '@common/access/access.exception';
import { staffOf, type RequestContext } from '@common/access/request-context';
import { StaffRole } from '@common/access/roles';
import { StaffDirectory } from '@common/access/staff-directory';
import { Clock } from '@common/clock/clock';
import { AuthConfig } from '@config/auth.config';
import { AuditService } from '@modules/audit/audit.service';
import { NotificationsService } from '@modules/notifications/notifications.service';
import type { BreakGlassReason } from './break-glass-reason';
import { BreakGlassRepository } from './break-glass.repository';

/**
 * A coordinator opens a case outside their scope by stating why. The grant is short, audited,
 * and every admin hears of it at once. The case module calls `open` inside its transaction, after
 * checking the case exists (and answering 404 otherwise).
 */
@Injectable()
export class BreakGlassService {
  constructor(
    private readonly grants: BreakGlassRepository,
    private readonly audit: AuditService,
    private readonly notifications: NotificationsService,
    private readonly staff: StaffDirectory,
    private readonly clock: Clock,
    @Inject(AuthConfig) private readonly config: AuthConfig,
  ) {}

  async open(tx: EntityManager, ctx: RequestContext, caseId: string, reason: BreakGlassReason, caseReference: string): Promise<{ expiresAt: Date }> {
    const coordinator = staffOf(ctx);
    if (!coordinator.roles.includes(StaffRole.Coordinator)) throw new PermissionDeniedException();
    const grantedAt = this.clock.now();
    const expiresAt = new Date(grantedAt.getTime() + this.config.breakGlassMinutes * 60_000);
    await this.grants.insert(tx, { id: randomUUID(), userId: coordinator.userId, caseId, reasonCode: reason, grantedAt, expiresAt });
    await this.audit.record(tx, {
      actor: coordinator,
      action: 'case.break_glass',
      resourceType: 'case',
      resourceId: caseReference,
      caseId,
      requestId: ctx.requestId,
      details: { reason, minutes: this.config.breakGlassMinutes },
    });
    await this.notifications.notify(tx, await this.staff.activeIdsWithRole(tx, StaffRole.Admin), {
      kind: 'case.break_glass',
      subjectType: 'case',
      subjectId: caseReference,
      details: { by: coordinator.userId, reason },
    });
    return { expiresAt };
  }

  activeUntil(userId: string, caseId: string, tx?: EntityManager): Promise<Date | null> {
    return this.grants.activeUntil(userId, caseId, this.clock.now(), tx);
  }
}
