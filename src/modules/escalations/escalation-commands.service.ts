import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { actorLabel, type Actor } from '@common/access/principal';
import { staffOf, type RequestContext } from '@common/access/request-context';
import { Clock } from '@common/clock/clock';
import { AuditService } from '@modules/audit/audit.service';
import { CaseAccessService } from '@modules/cases/case-access.service';
import type { EscalationEntity } from './escalation.entity';
import { EscalationsRepository } from './escalations.repository';
import { EscalationAlreadyOpenException, EscalationNotOpenException } from './escalations.exception';
import { EscalationEventKind } from './escalation-event.entity';
import { EscalationScope } from './escalation-scope';
import { EscalationTimeline } from './escalation-timeline';
import { toView, type EscalationView } from './escalation-view';
import { EscalationsService } from './escalations.service';
import { EscalationLevel, EscalationOutcome, EscalationState, EscalationTrigger } from './domain/escalation';
import type { ManualEscalationDto, ResolveEscalationDto } from './dto/escalations.dto';

/** What staff and a check-in do to an escalation: open one by hand, acknowledge, resolve. */
@Injectable()
export class EscalationCommands {
  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: EscalationsRepository,
    private readonly access: CaseAccessService,
    private readonly scope: EscalationScope,
    private readonly opening: EscalationsService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly timeline: EscalationTimeline,
  ) {}

  /** A check-in restores contact: open MISSED_CHECKIN escalations of the case are resolved. */
  async resolveOnCheckin(tx: EntityManager, caseId: string, actor: Actor, requestId: string | null): Promise<number> {
    const rows = await this.repository.lockUnresolved(tx, caseId, EscalationTrigger.MISSED_CHECKIN);
    for (const row of rows) await this.close(tx, row, EscalationOutcome.CONTACT_RESTORED, actor, requestId);
    return rows.length;
  }

  async manual(ctx: RequestContext, reference: string, dto: ManualEscalationDto): Promise<EscalationView> {
    const staff = staffOf(ctx);
    return this.dataSource.transaction(async (tx) => {
      const found = await this.access.require(tx, ctx, reference, 'write');
      const level = (dto.level ?? EscalationLevel.CASEWORKER) as EscalationLevel;
      const row = await this.opening.open(tx, {
        caseId: found.row.id,
        reference: found.row.reference,
        priority: found.row.priority,
        trigger: EscalationTrigger.MANUAL,
        level,
        actor: staff,
        requestId: ctx.requestId,
      });
      if (!row) throw new EscalationAlreadyOpenException(EscalationTrigger.MANUAL);
      return toView(row);
    });
  }

  acknowledge(ctx: RequestContext, id: string): Promise<EscalationView> {
    const staff = staffOf(ctx);
    return this.dataSource.transaction(async (tx) => {
      const row = await this.scope.lock(tx, ctx, id);
      if (row.state !== EscalationState.OPEN) throw new EscalationNotOpenException(row.state);
      const now = this.clock.now();
      const changes = { state: EscalationState.ACKNOWLEDGED, acknowledgedAt: now, acknowledgedBy: staff.userId };
      await this.repository.updateEscalation(tx, row.id, changes);
      await this.audit.record(tx, {
        actor: staff,
        action: 'escalation.acknowledged',
        resourceType: 'escalation',
        resourceId: row.id,
        caseId: row.caseId,
        requestId: ctx.requestId,
        details: { trigger: row.trigger, level: row.level },
      });
      await this.timeline.record(tx, row, EscalationEventKind.ACKNOWLEDGED, staff.userId);
      return toView({ ...row, ...changes });
    });
  }

  resolve(ctx: RequestContext, id: string, dto: ResolveEscalationDto): Promise<EscalationView> {
    const staff = staffOf(ctx);
    return this.dataSource.transaction(async (tx) => {
      const row = await this.scope.lock(tx, ctx, id);
      if (row.state === EscalationState.RESOLVED) throw new EscalationNotOpenException(row.state);
      return toView(await this.close(tx, row, dto.outcome, staff, ctx.requestId));
    });
  }

  private async close(tx: EntityManager, row: EscalationEntity, outcome: EscalationOutcome, actor: Actor, requestId: string | null): Promise<EscalationEntity> {
    const changes = { state: EscalationState.RESOLVED, outcome, resolvedAt: this.clock.now(), resolvedBy: actorLabel(actor) };
    await this.repository.updateEscalation(tx, row.id, changes);
    await this.audit.record(tx, {
      actor,
      action: 'escalation.resolved',
      resourceType: 'escalation',
      resourceId: row.id,
      caseId: row.caseId,
      requestId,
      details: { trigger: row.trigger, level: row.level, outcome },
    });
    await this.timeline.record(tx, row, EscalationEventKind.RESOLVED, actorLabel(actor), { outcome });
    return { ...row, ...changes };
  }
}
