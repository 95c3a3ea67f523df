import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { RecordNotFoundException } from '@common/access/access.exception';
import { StaffAlertPublisher, StaffAlertType } from '@common/alerts/staff-alert';
import { actorLabel, systemActor, type Actor } from '@common/access/principal';
import { staffOf, type RequestContext } from '@common/access/request-context';
import { StaffRole } from '@common/access/roles';
import { StaffDirectory } from '@common/access/staff-directory';
import { Clock } from '@common/clock/clock';
import { PartnerEventPublisher, PartnerEventType } from '@common/partner-events/partner-event';
import { JobName } from '@common/jobs/job-name';
import { ProcessConfig } from '@config/process.config';
import { startAfter, toPage, type Page } from '@common/pagination/keyset';
import { OutboxService } from '@infra/outbox/outbox.service';
import { JobHandler, type JobContext } from '@infra/queue/job-handler.decorator';
import { AuditService } from '@modules/audit/audit.service';
import { ActivationPolicy } from '@modules/cases/activation-policy.port';
import { CaseAccessService } from '@modules/cases/case-access.service';
import { CaseFactsService } from '@modules/cases/case-facts.service';
import { CaseShares } from '@modules/cases/case-shares.port';
import type { CasePriority } from '@modules/cases/domain/case-stage';
import { NotificationsService } from '@modules/notifications/notifications.service';
import { EscalationEntity } from './checkin-records.entity';
import { CheckinsRepository } from './checkins.repository';
import { EscalationAlreadyOpenException, EscalationAssigneeInvalidException, EscalationNotOpenException } from './checkins.exception';
import { EscalationEventKind } from './escalation-event.entity';
import { EscalationTimeline, type EscalationEventView } from './escalation-timeline';
import { acknowledgeWindowMs, EscalationLevel, EscalationOutcome, EscalationState, EscalationTrigger, topLevelOf } from './domain/escalation';
import type { EscalationListQueryDto, ManualEscalationDto, ReassignEscalationDto, ResolveEscalationDto } from './dto/checkins.dto';

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
  assigneeId: string | null;
}

export interface EscalationDetailView extends EscalationView {
  timeline: EscalationEventView[];
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
    private readonly timeline: EscalationTimeline,
    private readonly alerts: StaffAlertPublisher,
    private readonly processConfig: ProcessConfig,
    private readonly shares: CaseShares,
    private readonly partnerEvents: PartnerEventPublisher,
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
      openedBy: actorLabel(input.actor),
      levelChangedAt: now,
      acknowledgedAt: null,
      acknowledgedBy: null,
      resolvedAt: null,
      resolvedBy: null,
      outcome: null,
      assigneeId: null,
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
    await this.timeline.record(tx, row, EscalationEventKind.OPENED, row.openedBy, { trigger: row.trigger });
    await this.enterLevel(tx, row, input.priority, StaffAlertType.EscalationOpened);
    return row;
  }

  /**
   * `open` for many cases at the first level (a batch of missed deadlines), set-based: one
   * statement each for the escalations, their audit rows, timeline rows, inbox notices, staff
   * alerts and next-step events, whatever the batch size. Each opened escalation gets exactly
   * what `open` gives it; a case with one unresolved already is skipped by the same unique index.
   * The caller orders the inputs and holds the locks that make them current.
   */
  async openManyAtFirstLevel(tx: EntityManager, inputs: Array<Omit<OpenEscalation, 'level' | 'requestId'>>): Promise<EscalationEntity[]> {
    if (inputs.length === 0) return [];
    const now = this.clock.now();
    const level = EscalationLevel.CASEWORKER;
    const planned = inputs.map((input) => ({
      input,
      row: {
        id: randomUUID(),
        caseId: input.caseId,
        caseReference: input.reference,
        trigger: input.trigger,
        level,
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
      } satisfies EscalationEntity,
    }));
    const insertedIds = await this.repository.insertEscalationsIfNone(
      tx,
      planned.map(({ row }) => row),
    );
    const opened = planned.filter(({ row }) => insertedIds.has(row.id));
    if (opened.length === 0) return [];
    await this.audit.recordMany(
      tx,
      opened.map(({ row, input }) => ({ actor: input.actor, action: 'escalation.opened', resourceType: 'escalation', resourceId: row.id, caseId: row.caseId, details: { trigger: row.trigger, level: row.level } })),
    );
    await this.timeline.recordMany(
      tx,
      opened.map(({ row }) => ({ escalation: row, actor: row.openedBy, details: { trigger: row.trigger } })),
      EscalationEventKind.OPENED,
    );
    // enterLevel at the first level, for all of them: the cases' caseworkers, the alert channels, the step.
    const caseIds = opened.map(({ row }) => row.caseId);
    const caseworkers = await this.cases.assignedCaseworkersOf(tx, caseIds);
    await this.notifications.notifyEach(
      tx,
      opened.map(({ row }) => ({
        recipientUserIds: caseworkers.get(row.caseId) ?? [],
        input: { kind: 'escalation.raised', subjectType: 'escalation', subjectId: row.id, details: { caseReference: row.caseReference, trigger: row.trigger, level } },
      })),
    );
    await this.alerts.alertMany(
      tx,
      opened.map(({ row, input }) => ({
        type: StaffAlertType.EscalationOpened,
        data: { escalationId: row.id, caseReference: row.caseReference, trigger: row.trigger, level, priority: input.priority },
        dedupeKey: `escalation:${row.id}:${level}`,
      })),
    );
    const climbing = opened.filter(({ row }) => level < topLevelOf(row.trigger));
    const overrides = climbing.length > 0 ? await this.activations.overridesForCases(tx, climbing.map(({ row }) => row.caseId)) : new Map<string, never>();
    await this.outbox.recordMany(
      tx,
      climbing.flatMap(({ row, input }) => {
        const window = acknowledgeWindowMs(input.priority, level, overrides.get(row.caseId)?.acknowledgeWindowMinutes, this.processConfig.drillTimeCompression);
        return window === null ? [] : [{ job: JobName.EscalationStep, payload: { escalationId: row.id, level }, availableAt: new Date(row.levelChangedAt.getTime() + window), dedupeKey: stepKey(row.id, level) }];
      }),
    );
    return opened.map(({ row }) => row);
  }

  @JobHandler(JobName.EscalationStep)
  async step({ tx, payload }: JobContext): Promise<void> {
    const row = await this.repository.lockEscalation(tx, String(payload.escalationId));
    // Acknowledged, resolved, or already past this level: the climb is over or done.
    if (!row || row.state !== EscalationState.OPEN || row.level !== Number(payload.level) || row.level >= Number(topLevelOf(row.trigger))) return;
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
    await this.timeline.record(tx, { ...row, level }, EscalationEventKind.ESCALATED, actorLabel(systemActor(COMPONENT)), { from: row.level, to: level });
    await this.enterLevel(tx, { ...row, level, levelChangedAt: now }, facts.priority, StaffAlertType.EscalationClimbed);
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
      await this.timeline.record(tx, row, EscalationEventKind.ACKNOWLEDGED, staff.userId);
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
    const rows = await this.repository.page(
      { caseIds, coordinatedActivationIds, level: query.level, trigger: query.trigger, state: query.state, activationId: query.activationId },
      startAfter(query.cursor),
      query.limit,
    );
    return toPage(
      rows.map((row) => ({ ...row, createdAt: row.openedAt })),
      query.limit,
      toView,
    );
  }

  /** The escalation with its timeline: opened, each climb, acknowledgement, reassignment, resolution. */
  detail(ctx: RequestContext, id: string): Promise<EscalationDetailView> {
    return this.dataSource.transaction(async (tx) => {
      const row = await this.lockInScope(tx, ctx, id, 'read');
      return { ...toView(row), timeline: await this.timeline.of(tx, row.id) };
    });
  }

  /**
   * A coordinator hands an unresolved escalation to a coordinator or to a caseworker assigned to
   * the case (anyone else could not open the case). The climb goes on until someone acknowledges.
   */
  reassign(ctx: RequestContext, id: string, dto: ReassignEscalationDto): Promise<EscalationView> {
    const staff = staffOf(ctx);
    return this.dataSource.transaction(async (tx) => {
      const row = await this.lockInScope(tx, ctx, id);
      if (row.state === EscalationState.RESOLVED) throw new EscalationNotOpenException(row.state);
      const eligible =
        (await this.staff.activeIdsWithRole(tx, StaffRole.Coordinator)).includes(dto.assigneeId) ||
        ((await this.staff.activeIdsWithRole(tx, StaffRole.Caseworker)).includes(dto.assigneeId) && (await this.cases.assignedCaseworkerIds(tx, row.caseId)).includes(dto.assigneeId));
      if (!eligible) throw new EscalationAssigneeInvalidException();
      const changes = { assigneeId: dto.assigneeId };
      await this.repository.updateEscalation(tx, row.id, changes);
      await this.audit.record(tx, { actor: staff, action: 'escalation.reassigned', resourceType: 'escalation', resourceId: row.id, caseId: row.caseId, requestId: ctx.requestId, details: { trigger: row.trigger, level: row.level, from: row.assigneeId ?? 'none', to: dto.assigneeId } });
      await this.timeline.record(tx, row, EscalationEventKind.REASSIGNED, staff.userId, { from: row.assigneeId, to: dto.assigneeId });
      await this.notifications.notify(tx, [dto.assigneeId], { kind: 'escalation.assigned', subjectType: 'escalation', subjectId: row.id, details: { caseReference: row.caseReference, trigger: row.trigger, level: row.level } });
      return toView({ ...row, ...changes });
    });
  }

  /** Loads the escalation, then asks the case policy: out of scope answers like unknown (404, audited). */
  private async lockInScope(tx: EntityManager, ctx: RequestContext, id: string, action: 'read' | 'write' = 'write'): Promise<EscalationEntity> {
    const found = await this.repository.findEscalation(id, tx);
    if (!found) throw new RecordNotFoundException('escalation');
    try {
      await this.access.require(tx, ctx, found.caseReference, action);
    } catch (error) {
      if (error instanceof RecordNotFoundException) throw new RecordNotFoundException('escalation');
      throw error;
    }
    const row = await this.repository.lockEscalation(tx, id);
    if (!row) throw new RecordNotFoundException('escalation');
    return row;
  }

  private async close(tx: EntityManager, row: EscalationEntity, outcome: EscalationOutcome, actor: Actor, requestId: string | null): Promise<EscalationEntity> {
    const changes = { state: EscalationState.RESOLVED, outcome, resolvedAt: this.clock.now(), resolvedBy: actorLabel(actor) };
    await this.repository.updateEscalation(tx, row.id, changes);
    await this.audit.record(tx, { actor, action: 'escalation.resolved', resourceType: 'escalation', resourceId: row.id, caseId: row.caseId, requestId, details: { trigger: row.trigger, level: row.level, outcome } });
    await this.timeline.record(tx, row, EscalationEventKind.RESOLVED, actorLabel(actor), { outcome });
    return { ...row, ...changes };
  }

  /** Alerts the level's people and, below the top, records the step that climbs when the window ends. */
  private async enterLevel(tx: EntityManager, row: EscalationEntity, priority: CasePriority, alert: StaffAlertType): Promise<void> {
    const level = row.level as EscalationLevel;
    const caseworkers = () => this.cases.assignedCaseworkerIds(tx, row.caseId);
    const coordinators = () => this.staff.activeIdsWithRole(tx, StaffRole.Coordinator);
    let recipients: string[];
    if (level === EscalationLevel.CASEWORKER) recipients = await caseworkers();
    else if (level === EscalationLevel.COORDINATOR) recipients = await coordinators();
    else {
      recipients = [...(await caseworkers()), ...(await coordinators())];
      await this.cases.markLostContact(tx, row.caseId, systemActor(COMPONENT));
      // The field partners sharing the case are the ones who can go and look (spec 3.6): they get
      // the reference they already hold and codes, never more than the share itself shows.
      const agencyIds = await this.shares.agenciesSharing(tx, row.caseId, this.clock.now());
      if (agencyIds.length > 0) {
        await this.partnerEvents.publish(tx, {
          agencyIds,
          type: PartnerEventType.EscalationRaised,
          data: { escalationId: row.id, caseReference: row.caseReference, trigger: row.trigger, level, priority },
          dedupeKey: `escalation:${row.id}:level:${level}`,
        });
      }
    }
    await this.notifications.notify(tx, recipients, {
      kind: 'escalation.raised',
      subjectType: 'escalation',
      subjectId: row.id,
      details: { caseReference: row.caseReference, trigger: row.trigger, level },
    });
    // The alert channels (operations chat, gateways) hear the same thin facts: reference, codes, level.
    await this.alerts.alert(tx, {
      type: alert,
      data: { escalationId: row.id, caseReference: row.caseReference, trigger: row.trigger, level, priority },
      dedupeKey: `escalation:${row.id}:${level}`,
    });
    const climbs = level < topLevelOf(row.trigger);
    const overrides = climbs ? await this.activations.overridesForCase(tx, row.caseId) : null;
    const window = climbs ? acknowledgeWindowMs(priority, level, overrides?.acknowledgeWindowMinutes, this.processConfig.drillTimeCompression) : null;
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
  assigneeId: row.assigneeId,
});
