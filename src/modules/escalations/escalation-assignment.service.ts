import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { staffOf, type RequestContext } from '@common/access/request-context';
import { AuditService } from '@modules/audit/audit.service';
import { NotificationsService } from '@modules/notifications/notifications.service';
import { EscalationsRepository } from './escalations.repository';
import { EscalationAssigneeInvalidException, EscalationNotOpenException } from './escalations.exception';
import { EscalationEventKind } from './escalation-event.entity';
import { EscalationScope } from './escalation-scope';
import { EscalationTimeline } from './escalation-timeline';
import { toView, type EscalationView } from './escalation-view';
import { EscalationState } from './domain/escalation';
import type { ReassignEscalationDto } from './dto/escalations.dto';

@Injectable()
export class EscalationAssignment {
  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: EscalationsRepository,
    private readonly scope: EscalationScope,
    private readonly audit: AuditService,
    private readonly timeline: EscalationTimeline,
    private readonly notifications: NotificationsService,
  ) {}

  /**
   * A coordinator hands an unresolved escalation to a coordinator or to a caseworker assigned to
   * the case (anyone else could not open the case). The climb goes on until someone acknowledges.
   */
  reassign(ctx: RequestContext, id: string, dto: ReassignEscalationDto): Promise<EscalationView> {
    const staff = staffOf(ctx);
    return this.dataSource.transaction(async (tx) => {
      const row = await this.scope.lock(tx, ctx, id);
      if (row.state === EscalationState.RESOLVED) throw new EscalationNotOpenException(row.state);
      if (!(await this.scope.mayBeAssigned(tx, row.caseId, dto.assigneeId))) throw new EscalationAssigneeInvalidException();
      const changes = { assigneeId: dto.assigneeId };
      await this.repository.updateEscalation(tx, row.id, changes);
      await this.audit.record(tx, {
        actor: staff,
        action: 'escalation.reassigned',
        resourceType: 'escalation',
        resourceId: row.id,
        caseId: row.caseId,
        requestId: ctx.requestId,
        details: { trigger: row.trigger, level: row.level, from: row.assigneeId ?? 'none', to: dto.assigneeId },
      });
      await this.timeline.record(tx, row, EscalationEventKind.REASSIGNED, staff.userId, { from: row.assigneeId, to: dto.assigneeId });
      await this.notifications.notify(tx, [dto.assigneeId], {
        kind: 'escalation.assigned',
        subjectType: 'escalation',
        subjectId: row.id,
        details: { caseReference: row.caseReference, trigger: row.trigger, level: row.level },
      });
      return toView({ ...row, ...changes });
    });
  }
}
