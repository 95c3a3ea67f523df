import { Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { EntityManager } from 'typeorm';
import { systemActor } from '@common/access/principal';
import { Clock } from '@common/clock/clock';
import { JobName } from '@common/jobs/job-name';
import { ProcessConfig } from '@config/process.config';
import { OutboxService, type OutboxEventInput } from '@infra/outbox/outbox.service';
import { ActivationPolicy, type ActivationOverrides } from '@modules/cases/activation-policy.port';
import { CheckinScheduler, type CaseScheduleFacts } from '@modules/cases/checkin-scheduler.port';
import type { CasePriority, CaseStage } from '@modules/cases/domain/case-stage';
import { CheckinScheduleEntity, ScheduleStatus } from './checkin-records.entity';
import { CheckinSchedulesBulkRepository } from './checkin-schedules-bulk.repository';
import { CheckinsRepository } from './checkins.repository';
import { nextDue, withActivationOverrides } from './domain/checkin-policy';
import { EscalationLevel, EscalationTrigger } from '@modules/escalations/domain/escalation';
import { EscalationsService } from '@modules/escalations/escalations.service';

interface ScheduledCase {
  caseId: string;
  reference: string;
  stage: CaseStage;
  priority: CasePriority;
}

export const deadlineKey = (caseId: string, version: number): string => `checkin.deadline:${caseId}:${version}`;
export const triageDeadlineKey = (caseId: string, triageDueAt: Date): string => `triage.deadline:${caseId}:${triageDueAt.getTime()}`;

/** One case of a bulk re-time: its current triage deadline while untriaged (an event must exist for it). */
export interface RetimedCase {
  caseId: string;
  triageDueAt: Date | null;
}

/** A schedule about to be superseded: what deciding whether its deadline was missed needs. */
type SupersededSchedule = Pick<CheckinScheduleEntity, 'caseId' | 'caseReference' | 'version' | 'status' | 'priority' | 'deadlineAt'>;

/**
 * Keeps one schedule row per case. Every recompute bumps the version and records the deadline of
 * that version as a delayed outbox event (deterministic dedupe key), so a superseded deadline
 * finds a newer version and does nothing. A version superseded after its deadline passed while
 * its deadline job had not run yet (Redis lost, worker killed, job retrying) was missed all the
 * same: the superseding transaction opens its escalation (see `escalateMissed`).
 */
@Injectable()
export class CheckinScheduleService extends CheckinScheduler {
  constructor(
    private readonly repository: CheckinsRepository,
    private readonly outbox: OutboxService,
    private readonly clock: Clock,
    private readonly processConfig: ProcessConfig,
    private readonly activations: ActivationPolicy,
    private readonly bulk: CheckinSchedulesBulkRepository,
    // Escalations need the case facts, which reach this service through the case journal: looked
    // up when first needed rather than injected (a constructor cycle).
    private readonly modules: ModuleRef,
  ) {
    super();
  }

  /** A stage or priority change (called by the case journal in the change's transaction). */
  async recompute(tx: EntityManager, facts: CaseScheduleFacts): Promise<void> {
    // A case opened in this transaction has no schedule to lock; its activation's overrides came with it.
    const current = facts.opened ? null : await this.repository.lockSchedule(tx, facts.caseId);
    const stageEnteredAt = facts.stageEntered || !current ? this.clock.now() : current.stageEnteredAt;
    const overrides = facts.opened ? facts.opened.activationOverrides : await this.activations.overridesForCase(tx, facts.caseId);
    const { deadline } = await this.write(tx, facts, current, stageEnteredAt, current?.lastCheckinAt ?? null, overrides);
    const triage: OutboxEventInput | null = facts.triageDueAt
      ? {
          job: JobName.TriageDeadline,
          payload: { caseId: facts.caseId, triageDueAt: facts.triageDueAt.toISOString() },
          availableAt: facts.triageDueAt,
          dedupeKey: triageDeadlineKey(facts.caseId, facts.triageDueAt),
        }
      : null;
    // Both deadlines in one statement.
    const events = [deadline, triage].filter((event): event is OutboxEventInput => event !== null);
    if (events.length > 0) await this.outbox.recordMany(tx, events);
  }

  /** A check-in: the interval restarts from it. */
  async checkedIn(tx: EntityManager, target: ScheduledCase, at: Date): Promise<CheckinScheduleEntity> {
    const current = await this.repository.lockSchedule(tx, target.caseId);
    const { row, deadline } = await this.write(
      tx,
      target,
      current,
      current?.stageEnteredAt ?? at,
      at,
      await this.activations.overridesForCase(tx, target.caseId),
    );
    if (deadline) await this.outbox.record(tx, deadline);
    return row;
  }

  /**
   * Re-times many cases at once under a policy (an activation's overrides, or null for the
   * standard table), consistently with `recompute`: same anchor, same `nextDue`, a new version and
   * its deadline event per changed schedule — two statements and one bulk outbox insert for the
   * whole batch. A schedule the policy leaves as it is keeps its version, so running a batch twice
   * changes nothing. Returns how many schedules changed.
   */
  async rescheduleMany(tx: EntityManager, cases: RetimedCase[], overrides: ActivationOverrides | null): Promise<number> {
    if (cases.length === 0) return 0;
    const now = this.clock.now();
    const policy = withActivationOverrides(await this.repository.policy(tx), overrides);
    const changes = [];
    const locked = await this.bulk.lockActive(
      tx,
      cases.map((c) => c.caseId),
    );
    for (const schedule of locked) {
      const from = schedule.lastCheckinAt && schedule.lastCheckinAt > schedule.stageEnteredAt ? schedule.lastCheckinAt : schedule.stageEnteredAt;
      const next = nextDue(from, schedule.stage, schedule.priority, policy, this.processConfig.drillTimeCompression);
      if (!next || (next.intervalMinutes === schedule.intervalMinutes && next.dueAt.getTime() === schedule.dueAt?.getTime())) continue;
      changes.push({ caseId: schedule.caseId, intervalMinutes: next.intervalMinutes, dueAt: next.dueAt, deadlineAt: next.deadlineAt });
    }
    const changing = new Set(changes.map((change) => change.caseId));
    await this.escalateMissed(
      tx,
      locked.filter((schedule) => changing.has(schedule.caseId)),
    );
    const applied = await this.bulk.applyChanges(tx, changes, now);
    await this.outbox.recordMany(tx, [
      ...applied.map((row) => ({
        job: JobName.CheckinDeadline,
        payload: { caseId: row.caseId, version: row.version },
        availableAt: row.deadlineAt,
        dedupeKey: deadlineKey(row.caseId, row.version),
      })),
      ...cases
        .filter((c): c is RetimedCase & { triageDueAt: Date } => c.triageDueAt !== null)
        .map((c) => ({
          job: JobName.TriageDeadline,
          payload: { caseId: c.caseId, triageDueAt: c.triageDueAt.toISOString() },
          availableAt: c.triageDueAt,
          dedupeKey: triageDeadlineKey(c.caseId, c.triageDueAt),
        })),
    ]);
    return applied.length;
  }

  /** Writes the schedule's new version; returns it with its deadline event, for the caller to record. */
  private async write(
    tx: EntityManager,
    target: ScheduledCase,
    current: CheckinScheduleEntity | null,
    stageEnteredAt: Date,
    lastCheckinAt: Date | null,
    overrides: ActivationOverrides | null,
  ): Promise<{ row: CheckinScheduleEntity; deadline: OutboxEventInput | null }> {
    const version = (current?.version ?? 0) + 1;
    const from = lastCheckinAt && lastCheckinAt > stageEnteredAt ? lastCheckinAt : stageEnteredAt;
    const policy = withActivationOverrides(await this.repository.policy(tx), overrides);
    const next = nextDue(from, target.stage, target.priority, policy, this.processConfig.drillTimeCompression);
    // A case that stays scheduled: the version it replaces may have missed its deadline (a closed
    // case is no longer watched, as its late deadline job would also find).
    if (current && next) await this.escalateMissed(tx, [current]);
    const row: CheckinScheduleEntity = {
      caseId: target.caseId,
      caseReference: target.reference,
      version,
      status: next ? ScheduleStatus.ACTIVE : ScheduleStatus.CLOSED,
      stage: target.stage,
      priority: target.priority,
      intervalMinutes: next?.intervalMinutes ?? null,
      stageEnteredAt,
      lastCheckinAt,
      dueAt: next?.dueAt ?? null,
      deadlineAt: next?.deadlineAt ?? null,
      updatedAt: this.clock.now(),
    };
    await this.repository.saveSchedule(tx, row);
    const deadline = next
      ? {
          job: JobName.CheckinDeadline,
          payload: { caseId: target.caseId, version },
          availableAt: next.deadlineAt,
          dedupeKey: deadlineKey(target.caseId, version),
        }
      : null;
    return { row, deadline };
  }

  /**
   * Before schedules (locked by the caller) get a new version: each ACTIVE one whose deadline has
   * passed and whose deadline job has not finished was missed while current — the job, delayed by
   * a fault, would find the new version and do nothing. Its MISSED_CHECKIN escalation opens here,
   * in the superseding transaction (a check-in then resolves it as CONTACT_RESTORED at once).
   * Exactly once: the job decides under the same schedule lock, and a finished job has decided
   * (opened it, or found one open).
   */
  private async escalateMissed(tx: EntityManager, schedules: SupersededSchedule[]): Promise<void> {
    const now = this.clock.now();
    // A check-in at the deadline's very instant meets it (the deadline is missed only once it is past).
    const overdue = schedules.filter((s) => s.status === ScheduleStatus.ACTIVE && s.deadlineAt !== null && s.deadlineAt.getTime() < now.getTime());
    if (overdue.length === 0) return;
    const unfinished = await this.outbox.unfinished(
      tx,
      overdue.map((s) => deadlineKey(s.caseId, s.version)),
    );
    const missed = overdue.filter((s) => unfinished.has(deadlineKey(s.caseId, s.version)));
    if (missed.length === 0) return;
    await this.modules.get(EscalationsService, { strict: false }).openMany(
      tx,
      missed.map((s) => ({
        caseId: s.caseId,
        reference: s.caseReference,
        priority: s.priority,
        trigger: EscalationTrigger.MISSED_CHECKIN,
        level: EscalationLevel.CASEWORKER,
        actor: systemActor('checkins'),
      })),
    );
  }
}
