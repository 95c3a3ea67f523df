import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Clock } from '@common/clock/clock';
import { JobName } from '@common/jobs/job-name';
import { ProcessConfig } from '@config/process.config';
import { OutboxService } from '@infra/outbox/outbox.service';
import { CheckinScheduler, type CaseScheduleFacts } from '@modules/cases/checkin-scheduler.port';
import type { CasePriority, CaseStage } from '@modules/cases/domain/case-stage';
import { CheckinScheduleEntity, ScheduleStatus } from './checkin-records.entity';
import { CheckinsRepository } from './checkins.repository';
import { nextDue } from './domain/checkin-policy';

interface ScheduledCase {
  caseId: string;
  reference: string;
  stage: CaseStage;
  priority: CasePriority;
}

export const deadlineKey = (caseId: string, version: number): string => `checkin.deadline:${caseId}:${version}`;

/**
 * Keeps one schedule row per case. Every recompute bumps the version and records the deadline of
 * that version as a delayed outbox event (deterministic dedupe key), so a superseded deadline
 * finds a newer version and does nothing.
 */
@Injectable()
export class CheckinScheduleService extends CheckinScheduler {
  constructor(
    private readonly repository: CheckinsRepository,
    private readonly outbox: OutboxService,
    private readonly clock: Clock,
    private readonly processConfig: ProcessConfig,
  ) {
    super();
  }

  /** A stage or priority change (called by the case journal in the change's transaction). */
  async recompute(tx: EntityManager, facts: CaseScheduleFacts): Promise<void> {
    const current = await this.repository.lockSchedule(tx, facts.caseId);
    const stageEnteredAt = facts.stageEntered || !current ? this.clock.now() : current.stageEnteredAt;
    await this.write(tx, facts, current, stageEnteredAt, current?.lastCheckinAt ?? null);
    if (facts.triageDueAt) {
      await this.outbox.record(tx, {
        job: JobName.TriageDeadline,
        payload: { caseId: facts.caseId, triageDueAt: facts.triageDueAt.toISOString() },
        availableAt: facts.triageDueAt,
        dedupeKey: `triage.deadline:${facts.caseId}:${facts.triageDueAt.getTime()}`,
      });
    }
  }

  /** A check-in: the interval restarts from it. */
  async checkedIn(tx: EntityManager, target: ScheduledCase, at: Date): Promise<CheckinScheduleEntity> {
    const current = await this.repository.lockSchedule(tx, target.caseId);
    return this.write(tx, target, current, current?.stageEnteredAt ?? at, at);
  }

  private async write(tx: EntityManager, target: ScheduledCase, current: CheckinScheduleEntity | null, stageEnteredAt: Date, lastCheckinAt: Date | null): Promise<CheckinScheduleEntity> {
    const version = (current?.version ?? 0) + 1;
    const from = lastCheckinAt && lastCheckinAt > stageEnteredAt ? lastCheckinAt : stageEnteredAt;
    const next = nextDue(from, target.stage, target.priority, await this.repository.policy(tx), this.processConfig.drillTimeCompression);
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
    if (next) {
      await this.outbox.record(tx, {
        job: JobName.CheckinDeadline,
        payload: { caseId: target.caseId, version },
        availableAt: next.deadlineAt,
        dedupeKey: deadlineKey(target.caseId, version),
      });
    }
    return row;
  }
}
