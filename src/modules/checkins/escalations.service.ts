import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { RecordNotFoundException } from '@common/access/access.exception';
import { systemActor, type Actor } from '@common/access/principal';
import { staffOf, type RequestContext } from '@common/access/request-context';
import { StaffRole } from '@common/access/roles';
import { StaffDirectory } from '@common/access/staff-directory';
import { Clock } from '@common/clock/clock';
import { JobName } from '@common/jobs/job-name';
import { startAfter, toPage, type Page } from '@common/pagination/keyset';
import { OutboxService } from '@infra/outbox/outbox.service';
import { JobHandler, type JobContext } from '@infra/queue/job-handler.decorator';
import { AuditService } from '@modules/audit/audit.service';
import { ActivationPolicy } from '@modules/cases/activation-policy.port';
import { CaseAccessService } from '@modules/cases/case-access.service';
import { CaseFactsService } from '@modules/cases/case-facts.service';
import type { CasePriority } from '@modules/cases/domain/case-stage';
import { NotificationsService } from '@modules/notifications/notifications.service';
import { EscalationEntity } from './checkin-records.entity';
import { CheckinsRepository } from './checkins.repository';
import { EscalationAlreadyOpenException, EscalationNotOpenException } from './checkins.exception';
import { acknowledgeWindowMs, EscalationLevel, EscalationOutcome, EscalationState, EscalationTrigger, TOP_LEVEL } from './domain/escalation';
import type { EscalationListQueryDto, ManualEscalationDto, ResolveEscalationDto } from './dto/checkins.dto';

export interface EscalationView {
  id: string;
  caseReference: string;
  trigger: EscalationTrigger;
  level: number;
  levelName: string;
  state: EscalationState;
  openedAt: string;
  levelChangedAt: string;
  acknowledgedAt: string | null;
  resolvedAt: string | null;
  outcome: EscalationOutcome | null;
}

export interface OpenEscalation {
  caseId: string;
  reference: string;
  priority: CasePriority;
  trigger: EscalationTrigger;
  level: EscalationLevel;
  actor: Actor;
  requestId?: string | null;
}

const COMPONENT = 'escalations';

export const stepKey = (escalationId: string, level: number): string => `escalation.step:${escalationId}:${level}`;

/**
 * Escalations (spec 3.6): opened by deadlines, duress or staff; each level alerts its people and
 * records a delayed `escalation.step` for its acknowledge window. A step climbs only if the
 * escalation is still OPEN at that level; acknowledging stops the climb; resolving closes it.
 */
@Injectable()
export class EscalationsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: CheckinsRepository,
    private readonly cases: CaseFactsService,
    private readonly access: CaseAccessService,
    private readonly staff: StaffDirectory,
    private readonly notifications: NotificationsService,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly activations: ActivationPolicy,
  ) {}

  /** Opens an escalation in the caller's transaction; null when one is already unresolved. */
  async open(tx: EntityManager, input: OpenEscalation): Promise<EscalationEntity | null> {
    const now = this.clock.now();
    const row: EscalationEntity = {
      id: randomUUID(),
      caseId: input.caseId,
      caseReference: input.reference,
      trigger: input.trigger,
      level: input.level,
      state: EscalationState.OPEN,
      openedAt: now,
      openedBy: actorId(input.actor),
      levelChangedAt: now,
      acknowledgedAt: null,
      acknowledgedBy: null,
      resolvedAt: null,
      resolvedBy: null,
      outcome: null,
    };
    if (!(await this.repository.insertEscalationIfNone(tx, row))) return null;
    await this.audit.record(tx, {
      actor: input.actor,
      action: 'escalation.opened',
      resourceType: 'escalation',
      resourceId: row.id,
      caseId: row.caseId,
      requestId: input.requestId ?? null,
      details: { trigger: row.trigger, level: row.level },
    });
    await this.enterLevel(tx, row, input.priority);
    return row;
  }

  @JobHandler(JobName.EscalationStep)
  async step({ tx, payload }: JobContext): Promise<void> {
    const row = await this.repository.lockEscalation(tx, String(payload.escalationId));
    // Acknowledged, resolved, or already past this level: the climb is over or done.
    if (!row || row.state !== EscalationState.OPEN || row.level !== Number(payload.level) || row.level >= Number(TOP_LEVEL)) return;
    const facts = await this.cases.find(tx, row.caseId);
    if (!facts) return;
    const now = this.clock.now();
    const level = (row.level + 1) as EscalationLevel;
    await this.repository.updateEscalation(tx, row.id, { level, levelChangedAt: now });
    await this.audit.record(tx, {
      actor: systemActor(COMPONENT),
      action: 'escalation.escalated',
      resourceType: 'escalation',
      resourceId: row.id,
      caseId: row.caseId,
      details: { trigger: row.trigger, from: row.level, to: level },
    });
    await this.enterLevel(tx, { ...row, level, levelChangedAt: now }, facts.priority);
  }

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
      const row = await this.open(tx, { caseId: found.row.id, reference: found.row.reference, priority: found.row.priority, trigger: EscalationTrigger.MANUAL, level, actor: staff, requestId: ctx.requestId });
      if (!row) throw new EscalationAlreadyOpenException(EscalationTrigger.MANUAL);
      return toView(row);
    });
  }

  acknowledge(ctx: RequestContext, id: string): Promise<EscalationView> {
    const staff = staffOf(ctx);
    return this.dataSource.transaction(async (tx) => {
      const row = await this.lockInScope(tx, ctx, id);
      if (row.state !== EscalationState.OPEN) throw new EscalationNotOpenException(row.state);
      const now = this.clock.now();
      const changes = { state: EscalationState.ACKNOWLEDGED, acknowledgedAt: now, acknowledgedBy: staff.userId };
      await this.repository.updateEscalation(tx, row.id, changes);
      await this.audit.record(tx, { actor: staff, action: 'escalation.acknowledged', resourceType: 'escalation', resourceId: row.id, caseId: row.caseId, requestId: ctx.requestId, details: { trigger: row.trigger, level: row.level } });
      return toView({ ...row, ...changes });
    });
  }

  resolve(ctx: RequestContext, id: string, dto: ResolveEscalationDto): Promise<EscalationView> {
    const staff = staffOf(ctx);
    return this.dataSource.transaction(async (tx) => {
      const row = await this.lockInScope(tx, ctx, id);
      if (row.state === EscalationState.RESOLVED) throw new EscalationNotOpenException(row.state);
      return toView(await this.close(tx, row, dto.outcome, staff, ctx.requestId));
    });
  }

  async list(ctx: RequestContext, query: EscalationListQueryDto): Promise<Page<EscalationView>> {
    const staff = staffOf(ctx);
    // Coordinators: cases with no activation, or of an active activation they coordinate (as for case access).
    const coordinator = staff.roles.includes(StaffRole.Coordinator);
    const caseIds = coordinator ? null : await this.cases.caseIdsAssignedTo(this.dataSource.manager, staff.userId);
    if (caseIds && caseIds.length === 0) return { items: [], nextCursor: null };
    const coordinatedActivationIds = coordinator ? await this.activations.coordinatedBy(staff.userId) : undefined;
    const rows = await this.repository.page({ caseIds, coordinatedActivationIds, level: query.level, trigger: query.trigger, state: query.state }, startAfter(query.cursor), query.limit);
    return toPage(
      rows.map((row) => ({ ...row, createdAt: row.openedAt })),
      query.limit,
      toView,
    );
  }

  /** Loads the escalation, then asks the case policy: out of scope answers like unknown (404, audited). */
  private async lockInScope(tx: EntityManager, ctx: RequestContext, id: string): Promise<EscalationEntity> {
    const found = await this.repository.findEscalation(id, tx);
    if (!found) throw new RecordNotFoundException('escalation');
    try {
      await this.access.require(tx, ctx, found.caseReference, 'write');
    } catch (error) {
      if (error instanceof RecordNotFoundException) throw new RecordNotFoundException('escalation');
      throw error;
    }
    const row = await this.repository.lockEscalation(tx, id);
    if (!row) throw new RecordNotFoundException('escalation');
    return row;
  }

  private async close(tx: EntityManager, row: EscalationEntity, outcome: EscalationOutcome, actor: Actor, requestId: string | null): Promise<EscalationEntity> {
    const changes = { state: EscalationState.RESOLVED, outcome, resolvedAt: this.clock.now(), resolvedBy: actorId(actor) };
    await this.repository.updateEscalation(tx, row.id, changes);
    await this.audit.record(tx, { actor, action: 'escalation.resolved', resourceType: 'escalation', resourceId: row.id, caseId: row.caseId, requestId, details: { trigger: row.trigger, level: row.level, outcome } });
    return { ...row, ...changes };
  }

  /** Alerts the level's people and, below the top, records the step that climbs when the window ends. */
  private async enterLevel(tx: EntityManager, row: EscalationEntity, priority: CasePriority): Promise<void> {
    const level = row.level as EscalationLevel;
    const caseworkers = () => this.cases.assignedCaseworkerIds(tx, row.caseId);
    const coordinators = () => this.staff.activeIdsWithRole(tx, StaffRole.Coordinator);
    let recipients: string[];
    if (level === EscalationLevel.CASEWORKER) recipients = await caseworkers();
    else if (level === EscalationLevel.COORDINATOR) recipients = await coordinators();
    else {
      // The field partner's webhook arrives with outbound webhooks; until then staff hear of it in-app.
      recipients = [...(await caseworkers()), ...(await coordinators())];
      await this.cases.markLostContact(tx, row.caseId, systemActor(COMPONENT));
    }
    await this.notifications.notify(tx, recipients, {
      kind: 'escalation.raised',
      subjectType: 'escalation',
      subjectId: row.id,
      details: { caseReference: row.caseReference, trigger: row.trigger, level },
    });
    const overrides = level === TOP_LEVEL ? null : await this.activations.overridesForCase(tx, row.caseId);
    const window = acknowledgeWindowMs(priority, level, overrides?.acknowledgeWindowMinutes);
    if (window !== null) {
      await this.outbox.record(tx, {
        job: JobName.EscalationStep,
        payload: { escalationId: row.id, level },
        availableAt: new Date(row.levelChangedAt.getTime() + window),
        dedupeKey: stepKey(row.id, level),
      });
    }
  }
}

function actorId(actor: Actor): string {
  switch (actor.kind) {
    case 'staff':
      return actor.userId;
    case 'partner':
      return `partner:${actor.agencyId}`;
    case 'system':
      return `system:${actor.component}`;
    case 'anonymous':
      return 'anonymous';
  }
}

const toView = (row: EscalationEntity): EscalationView => ({
  id: row.id,
  caseReference: row.caseReference,
  trigger: row.trigger,
  level: row.level,
  levelName: EscalationLevel[row.level] ?? String(row.level),
  state: row.state,
  openedAt: row.openedAt.toISOString(),
  levelChangedAt: row.levelChangedAt.toISOString(),
  acknowledgedAt: row.acknowledgedAt?.toISOString() ?? null,
  resolvedAt: row.resolvedAt?.toISOString() ?? null,
  outcome: row.outcome,
});
