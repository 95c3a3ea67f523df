import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { KeysetPosition } from '@common/pagination/keyset';
import { prepared, queryPrepared } from '@infra/database/prepared';
import { CasePriority } from '@modules/cases/domain/case-stage';
import { CheckinEntity, CheckinPolicyEntity, CheckinScheduleEntity } from './checkin-records.entity';
import { DEFAULT_CHECKIN_POLICY, SCHEDULED_STAGES, type CheckinPolicy, type ScheduledStage } from './domain/checkin-policy';

interface ScheduleRow {
  case_id: string;
  case_reference: string;
  version: number;
  status: CheckinScheduleEntity['status'];
  stage: CheckinScheduleEntity['stage'];
  priority: CheckinScheduleEntity['priority'];
  interval_minutes: number | null;
  stage_entered_at: Date;
  last_checkin_at: Date | null;
  due_at: Date | null;
  deadline_at: Date | null;
  updated_at: Date;
}

const POLICY_ROWS = prepared('checkin_policy_rows', `SELECT stage, priority, interval_minutes FROM checkin_policy`);

const LOCK_SCHEDULE = prepared(
  'checkin_schedule_lock',
  `SELECT case_id, case_reference, version, status, stage, priority, interval_minutes, stage_entered_at, last_checkin_at, due_at, deadline_at, updated_at
   FROM checkin_schedules WHERE case_id = $1 FOR UPDATE`,
);

@Injectable()
export class CheckinsRepository {
  constructor(private readonly dataSource: DataSource) {}

  private m(tx?: EntityManager): EntityManager {
    return tx ?? this.dataSource.manager;
  }

  /** The interval table; a row missing from the database falls back to the spec default. */
  async policy(tx?: EntityManager): Promise<CheckinPolicy> {
    // Prepared: read on every schedule write, intake included.
    const rows = (await queryPrepared<Array<{ stage: string; priority: CasePriority; interval_minutes: number }>>(this.m(tx), POLICY_ROWS, [])).map((row) => ({
      stage: row.stage,
      priority: row.priority,
      intervalMinutes: row.interval_minutes,
    }));
    const policy = structuredClone(DEFAULT_CHECKIN_POLICY);
    for (const row of rows) {
      if ((SCHEDULED_STAGES as readonly string[]).includes(row.stage) && (Object.values(CasePriority) as string[]).includes(row.priority)) {
        policy[row.stage as ScheduledStage][row.priority] = row.intervalMinutes;
      }
    }
    return policy;
  }

  async savePolicyRows(tx: EntityManager, rows: CheckinPolicyEntity[]): Promise<void> {
    if (rows.length > 0) await tx.getRepository(CheckinPolicyEntity).upsert(rows, ['stage', 'priority']);
  }

  /** Every schedule change starts here: prepared, and mapped by hand rather than by the query builder. */
  async lockSchedule(tx: EntityManager, caseId: string): Promise<CheckinScheduleEntity | null> {
    const rows = await queryPrepared<ScheduleRow[]>(tx, LOCK_SCHEDULE, [caseId]);
    return rows[0] ? toSchedule(rows[0]) : null;
  }

  /** Many schedules locked at once (a batch of deadlines), in key order so two batches never deadlock. */
  async lockSchedules(tx: EntityManager, caseIds: string[]): Promise<CheckinScheduleEntity[]> {
    if (caseIds.length === 0) return [];
    const rows: ScheduleRow[] = await tx.query(
      `SELECT case_id, case_reference, version, status, stage, priority, interval_minutes, stage_entered_at, last_checkin_at, due_at, deadline_at, updated_at
       FROM checkin_schedules WHERE case_id = ANY($1::uuid[]) ORDER BY case_id FOR UPDATE`,
      [caseIds],
    );
    return rows.map(toSchedule);
  }

  findSchedule(caseId: string, tx?: EntityManager): Promise<CheckinScheduleEntity | null> {
    return this.m(tx).getRepository(CheckinScheduleEntity).findOne({ where: { caseId } });
  }

  async saveSchedule(tx: EntityManager, row: CheckinScheduleEntity): Promise<void> {
    await tx.getRepository(CheckinScheduleEntity).upsert(row, ['caseId']);
  }

  /** Erasure: check-in notes of the case lose their ciphertext (its key is already shredded). */
  async eraseNotes(tx: EntityManager, caseId: string): Promise<void> {
    await tx.query(`UPDATE checkins SET note_sealed = NULL WHERE case_id = $1 AND note_sealed IS NOT NULL`, [caseId]);
  }

  /** A case's check-ins, newest first (keyset on occurred_at, id); the note is not read. */
  async checkinsOf(
    tx: EntityManager,
    caseId: string,
    after: KeysetPosition | null,
    limit: number,
  ): Promise<Array<Omit<CheckinEntity, 'noteSealed' | 'caseId'>>> {
    const rows: Array<{ id: string; channel: string; source: string; recorded_by: string; occurred_at: Date }> = await tx.query(
      `SELECT id, channel, source, recorded_by, occurred_at FROM checkins WHERE case_id = $1
       ${after ? 'AND (occurred_at, id) < ($3, $4)' : ''} ORDER BY occurred_at DESC, id DESC LIMIT $2`,
      after ? [caseId, limit + 1, after.createdAt, after.id] : [caseId, limit + 1],
    );
    return rows.map((row) => ({ id: row.id, channel: row.channel, source: row.source, recordedBy: row.recorded_by, occurredAt: row.occurred_at }));
  }

  async insertCheckin(tx: EntityManager, row: CheckinEntity): Promise<void> {
    await tx.getRepository(CheckinEntity).insert(row);
  }
}

const toSchedule = (row: ScheduleRow): CheckinScheduleEntity => ({
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
  updatedAt: row.updated_at,
});
