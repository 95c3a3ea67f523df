import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { CasePriority, CaseStage } from '@modules/cases/domain/case-stage';
import { ScheduleStatus } from './checkin-records.entity';

export interface LockedSchedule {
  caseId: string;
  caseReference: string;
  version: number;
  status: ScheduleStatus;
  stage: CaseStage;
  priority: CasePriority;
  intervalMinutes: number | null;
  stageEnteredAt: Date;
  lastCheckinAt: Date | null;
  dueAt: Date | null;
  deadlineAt: Date | null;
}

export interface ScheduleChange {
  caseId: string;
  intervalMinutes: number;
  dueAt: Date;
  deadlineAt: Date;
}

/** Many schedules in one statement each: activation fan-out re-times thousands of cases at once. */
@Injectable()
export class CheckinSchedulesBulkRepository {
  /** The ACTIVE schedules of these cases, locked in id order (no deadlock between overlapping batches). */
  async lockActive(tx: EntityManager, caseIds: string[]): Promise<LockedSchedule[]> {
    if (caseIds.length === 0) return [];
    const rows: Array<{
      case_id: string;
      case_reference: string;
      version: number;
      status: ScheduleStatus;
      stage: CaseStage;
      priority: CasePriority;
      interval_minutes: number | null;
      stage_entered_at: Date;
      last_checkin_at: Date | null;
      due_at: Date | null;
      deadline_at: Date | null;
    }> = await tx.query(
      `SELECT case_id, case_reference, version, status, stage, priority, interval_minutes, stage_entered_at, last_checkin_at, due_at, deadline_at FROM checkin_schedules
       WHERE case_id = ANY($1::uuid[]) AND status = $2 ORDER BY case_id FOR UPDATE`,
      [caseIds, ScheduleStatus.ACTIVE],
    );
    return rows.map((row) => ({
      caseId: row.case_id,
      caseReference: row.case_reference,
      version: row.version,
      status: row.status,
      stage: row.stage,
      priority: row.priority,
      intervalMinutes: row.interval_minutes,
      stageEnteredAt: row.stage_entered_at,
      lastCheckinAt: row.last_checkin_at,
      dueAt: row.due_at,
      deadlineAt: row.deadline_at,
    }));
  }

  /** Applies the changes, each a new version; returns the new version of each case. */
  async applyChanges(tx: EntityManager, changes: ScheduleChange[], at: Date): Promise<Array<{ caseId: string; version: number; deadlineAt: Date }>> {
    if (changes.length === 0) return [];
    // An UPDATE answers [rows, count] through TypeORM.
    const [rows]: [Array<{ case_id: string; version: number; deadline_at: Date }>, number] = await tx.query(
      `UPDATE checkin_schedules s
       SET version = s.version + 1, interval_minutes = v.interval_minutes, due_at = v.due_at, deadline_at = v.deadline_at, updated_at = $5
       FROM unnest($1::uuid[], $2::int[], $3::timestamptz[], $4::timestamptz[]) AS v(case_id, interval_minutes, due_at, deadline_at)
       WHERE s.case_id = v.case_id
       RETURNING s.case_id, s.version, s.deadline_at`,
      [changes.map((c) => c.caseId), changes.map((c) => c.intervalMinutes), changes.map((c) => c.dueAt), changes.map((c) => c.deadlineAt), at],
    );
    return rows.map((row) => ({ caseId: row.case_id, version: row.version, deadlineAt: row.deadline_at }));
  }
}
