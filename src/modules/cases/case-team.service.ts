import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { RecordNotFoundException } from '@common/access/access.exception';
import { staffOf, type RequestContext } from '@common/access/request-context';
import { StaffRole } from '@common/access/roles';
import { StaffDirectory } from '@common/access/staff-directory';
import { Clock } from '@common/clock/clock';
import { BreakGlassService } from '@modules/access/break-glass.service';
import { AuditOutcome } from '@modules/audit/audit-outcome';
import { AuditService } from '@modules/audit/audit.service';
import { NotificationsService } from '@modules/notifications/notifications.service';
import { CaseAccessService } from './case-access.service';
import { CaseJournal } from './case-journal';
import { CasesRepository } from './cases.repository';
import { NotACaseworkerException } from './cases.exception';
import type { AssignDto, BreakGlassDto } from './dto/case-commands.dto';

/** Who works a case: assignment by coordinators, and break-glass. */
@Injectable()
export class CaseTeamService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cases: CasesRepository,
    private readonly access: CaseAccessService,
    private readonly journal: CaseJournal,
    private readonly staffDirectory: StaffDirectory,
    private readonly notifications: NotificationsService,
    private readonly breakGlass: BreakGlassService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  assign(ctx: RequestContext, reference: string, dto: AssignDto): Promise<{ reference: string; assignedCaseworkerIds: string[] }> {
    const coordinator = staffOf(ctx);
    return this.dataSource.transaction(async (tx) => {
      const found = await this.access.require(tx, ctx, reference, 'write', { forUpdate: true });
      const caseworkers = new Set(await this.staffDirectory.activeIdsWithRole(tx, StaffRole.Caseworker));
      if (dto.caseworkerIds.some((id) => !caseworkers.has(id))) throw new NotACaseworkerException();
      const before = found.assignedCaseworkerIds;
      const added = dto.caseworkerIds.filter((id) => !before.includes(id));
      const removed = before.filter((id) => !dto.caseworkerIds.includes(id));
      const now = this.clock.now();
      await this.cases.unassign(tx, found.row.id, removed);
      await this.cases.assign(
        tx,
        added.map((userId) => ({ caseId: found.row.id, userId, assignedAt: now, assignedBy: coordinator.userId })),
      );
      await this.cases.updateCase(tx, found.row.id, { updatedAt: now });
      await this.journal.record(tx, coordinator, ctx.requestId, found.row, {
        kind: 'ASSIGNMENT_CHANGED',
        auditAction: 'case.assignment_changed',
        details: { added, removed },
      });
      await this.notifications.notify(tx, added, { kind: 'case.assigned', subjectType: 'case', subjectId: reference });
      return { reference, assignedCaseworkerIds: await this.cases.assignedCaseworkerIds(found.row.id, tx) };
    });
  }

  /** Opens a case outside the coordinator's scope for a short, audited window. */
  async openBreakGlass(ctx: RequestContext, reference: string, dto: BreakGlassDto): Promise<{ reference: string; expiresAt: string }> {
    const coordinator = staffOf(ctx);
    const opened = await this.dataSource.transaction(async (tx) => {
      const row = await this.cases.findByReference(reference, tx);
      if (!row || row.erasedAt) return null;
      const grant = await this.breakGlass.open(tx, ctx, row.id, dto.reason, reference);
      await this.journal.record(tx, coordinator, ctx.requestId, row, {
        kind: 'BREAK_GLASS',
        auditAction: 'case.break_glass_history',
        details: { reason: dto.reason },
      });
      return grant;
    });
    if (!opened) {
      await this.audit.recordAlone({
        actor: coordinator,
        action: 'case.access_denied',
        resourceType: 'case',
        resourceId: reference.slice(0, 100),
        outcome: AuditOutcome.Denied,
        requestId: ctx.requestId,
        details: { action: 'break-glass', reason: 'unknown-reference' },
      });
      throw new RecordNotFoundException('case');
    }
    return { reference, expiresAt: opened.expiresAt.toISOString() };
  }
}
