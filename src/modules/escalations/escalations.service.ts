import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { StaffAlertType } from '@common/alerts/staff-alert';
import { actorLabel, type Actor } from '@common/access/principal';
import { Clock } from '@common/clock/clock';
import { AuditService } from '@modules/audit/audit.service';
import type { CasePriority } from '@modules/cases/domain/case-stage';
import { EscalationEntity } from './escalation.entity';
import { EscalationsRepository } from './escalations.repository';
import { EscalationEventKind } from './escalation-event.entity';
import { EscalationLevels } from './escalation-levels.service';
import { EscalationTimeline } from './escalation-timeline';
import { EscalationState, type EscalationLevel, type EscalationTrigger } from './domain/escalation';

export interface OpenEscalation {
  caseId: string;
  reference: string;
  priority: CasePriority;
  trigger: EscalationTrigger;
  level: EscalationLevel;
  actor: Actor;
  requestId?: string | null;
}

/**
 * Escalations (spec 3.6): opened by deadlines, duress or staff; each level alerts its people and
 * records a delayed `escalation.step` for its acknowledge window (EscalationLevels). A step climbs
 * only if the escalation is still OPEN at that level (EscalationStepHandler); acknowledging stops
 * the climb; resolving closes it (EscalationCommands). This service opens them: the one path for
 * a single opening and a burst.
 */
@Injectable()
export class EscalationsService {
  constructor(
    private readonly repository: EscalationsRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly timeline: EscalationTimeline,
    private readonly levels: EscalationLevels,
  ) {}

  /** Opens an escalation in the caller's transaction; null when one is already unresolved. */
  async open(tx: EntityManager, input: OpenEscalation): Promise<EscalationEntity | null> {
    const [row] = await this.openMany(tx, [input]);
    return row ?? null;
  }

  /**
   * Opens many escalations (any trigger and level each; e.g. a burst of missed deadlines),
   * set-based: one statement each for the escalations, their audit rows, timeline rows and what
   * entering their levels writes, whatever the batch size. A case with one unresolved for the
   * trigger already is skipped by the unique index. The caller orders the inputs and holds the
   * locks that make them current. Returns the opened rows, in input order.
   */
  async openMany(tx: EntityManager, inputs: OpenEscalation[]): Promise<EscalationEntity[]> {
    if (inputs.length === 0) return [];
    const now = this.clock.now();
    const planned = inputs.map((input) => ({ input, row: newEscalation(input, now) }));
    const insertedIds = await this.repository.insertEscalationsIfNone(
      tx,
      planned.map(({ row }) => row),
    );
    const opened = planned.filter(({ row }) => insertedIds.has(row.id));
    if (opened.length === 0) return [];
    await this.audit.recordMany(
      tx,
      opened.map(({ row, input }) => ({
        actor: input.actor,
        action: 'escalation.opened',
        resourceType: 'escalation',
        resourceId: row.id,
        caseId: row.caseId,
        requestId: input.requestId ?? null,
        details: { trigger: row.trigger, level: row.level },
      })),
    );
    await this.timeline.recordMany(
      tx,
      opened.map(({ row }) => ({ escalation: row, actor: row.openedBy, details: { trigger: row.trigger } })),
      EscalationEventKind.OPENED,
    );
    await this.levels.enter(
      tx,
      opened.map(({ row, input }) => ({ row, priority: input.priority })),
      StaffAlertType.EscalationOpened,
    );
    return opened.map(({ row }) => row);
  }
}

const newEscalation = (input: OpenEscalation, now: Date): EscalationEntity => ({
  id: randomUUID(),
  caseId: input.caseId,
  caseReference: input.reference,
  trigger: input.trigger,
  level: input.level,
  state: EscalationState.OPEN,
  openedAt: now,
  openedBy: actorLabel(input.actor),
  levelChangedAt: now,
  acknowledgedAt: null,
  acknowledgedBy: null,
  resolvedAt: null,
  resolvedBy: null,
  outcome: null,
  assigneeId: null,
});
