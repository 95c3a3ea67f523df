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
    await this.enterLevels(
      tx,
      opened.map(({ row, input }) => ({ row, priority: input.priority })),
      StaffAlertType.EscalationOpened,
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
    await this.enterLevels(tx, [{ row: { ...row, level, levelChangedAt: now }, priority: facts.priority }], StaffAlertType.EscalationClimbed);
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
      { caseIds, coordinatedActivationIds, level: query.level, trigger: query.trigger, state: query.state, activationId: query.activationId, caseReference: query.caseReference },
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

  /**
   * Enters each row's level: an inbox notice to the level's people (caseworkers of the case at 1,
   * coordinators at 2, both at 3), a staff alert, at 3 the LOST_CONTACT flag and the sharing
   * partners' `escalation.raised`, and below the top the step that climbs when the acknowledge
   * window ends. Set-based but for level 3 (rare: duress, a climb, a manual top-level opening),
   * whose flag and partner event are written per case.
   */
  private async enterLevels(tx: EntityManager, entries: LevelEntry[], alert: StaffAlertType): Promise<void> {
    if (entries.length === 0) return;
    const toCaseworkers = entries.filter(({ row }) => levelOf(row) !== EscalationLevel.COORDINATOR);
    const toCoordinators = entries.some(({ row }) => levelOf(row) !== EscalationLevel.CASEWORKER);
    const caseworkers = toCaseworkers.length > 0 ? await this.cases.assignedCaseworkersOf(tx, unique(toCaseworkers.map(({ row }) => row.caseId))) : new Map<string, string[]>();
    const coordinators = toCoordinators ? await this.staff.activeIdsWithRole(tx, StaffRole.Coordinator) : [];
    const recipientsOf = (row: EscalationEntity): string[] => {
      if (levelOf(row) === EscalationLevel.CASEWORKER) return caseworkers.get(row.caseId) ?? [];
      if (levelOf(row) === EscalationLevel.COORDINATOR) return coordinators;
      return [...(caseworkers.get(row.caseId) ?? []), ...coordinators];
    };
    for (const entry of entries) if (levelOf(entry.row) >= EscalationLevel.FIELD_PARTNER) await this.raiseToField(tx, entry);
    await this.notifications.notifyEach(
      tx,
      entries.map(({ row }) => ({
        recipientUserIds: recipientsOf(row),
        input: { kind: 'escalation.raised', subjectType: 'escalation', subjectId: row.id, details: { caseReference: row.caseReference, trigger: row.trigger, level: row.level } },
      })),
    );
    // The alert channels (operations chat, gateways) hear the same thin facts: reference, codes, level.
    await this.alerts.alertMany(
      tx,
      entries.map(({ row, priority }) => ({
        type: alert,
        data: { escalationId: row.id, caseReference: row.caseReference, trigger: row.trigger, level: row.level, priority },
        dedupeKey: `escalation:${row.id}:${row.level}`,
      })),
    );
    const climbing = entries.filter(({ row }) => levelOf(row) < topLevelOf(row.trigger));
    if (climbing.length === 0) return;
    const overrides = await this.activations.overridesForCases(tx, unique(climbing.map(({ row }) => row.caseId)));
    await this.outbox.recordMany(
      tx,
      climbing.flatMap(({ row, priority }) => {
        const level = levelOf(row);
        const window = acknowledgeWindowMs(priority, level, overrides.get(row.caseId)?.acknowledgeWindowMinutes, this.processConfig.drillTimeCompression);
        return window === null ? [] : [{ job: JobName.EscalationStep, payload: { escalationId: row.id, level }, availableAt: new Date(row.levelChangedAt.getTime() + window), dedupeKey: stepKey(row.id, level) }];
      }),
    );
  }

  /** The top level: the case is flagged LOST_CONTACT and the field partners sharing it are told. */
  private async raiseToField(tx: EntityManager, { row, priority }: LevelEntry): Promise<void> {
    await this.cases.markLostContact(tx, row.caseId, systemActor(COMPONENT));
    // The field partners sharing the case are the ones who can go and look (spec 3.6): they get
    // the reference they already hold and codes, never more than the share itself shows.
    const agencyIds = await this.shares.agenciesSharing(tx, row.caseId, this.clock.now());
    if (agencyIds.length === 0) return;
    await this.partnerEvents.publish(tx, {
      agencyIds,
      type: PartnerEventType.EscalationRaised,
      data: { escalationId: row.id, caseReference: row.caseReference, trigger: row.trigger, level: row.level, priority },
      dedupeKey: `escalation:${row.id}:level:${row.level}`,
    });
  }
}

interface LevelEntry {
  row: EscalationEntity;
  priority: CasePriority;
}

const unique = (ids: string[]): string[] => [...new Set(ids)];

/** The entity stores the level as a number. */
const levelOf = (row: EscalationEntity): EscalationLevel => row.level;

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
