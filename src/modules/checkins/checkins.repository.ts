import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { KeysetPosition } from '@common/pagination/keyset';
import { prepared, queryPrepared } from '@infra/database/prepared';
import { CasePriority } from '@modules/cases/domain/case-stage';
import { CheckinEntity, CheckinPolicyEntity, CheckinScheduleEntity, EscalationEntity } from './checkin-records.entity';
import { DEFAULT_CHECKIN_POLICY, SCHEDULED_STAGES, type CheckinPolicy, type ScheduledStage } from './domain/checkin-policy';
import type { EscalationState, EscalationTrigger } from './domain/escalation';

export interface EscalationFilter {
  level?: number;
  trigger?: EscalationTrigger;
  state?: EscalationState;
  activationId?: string;
  caseReference?: string;
  /** Null: every case (coordinators). */
  caseIds: string[] | null;
  /** Coordinators: only cases with no activation or of these (active) activations. */
  coordinatedActivationIds?: string[];
}

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
    const rows = (await queryPrepared<Array<{ stage: string; priority: CasePriority; interval_minutes: number }>>(this.m(tx), POLICY_ROWS, [])).map((row) => ({ stage: row.stage, priority: row.priority, intervalMinutes: row.interval_minutes }));
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
  async checkinsOf(tx: EntityManager, caseId: string, after: KeysetPosition | null, limit: number): Promise<Array<Omit<CheckinEntity, 'noteSealed' | 'caseId'>>> {
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

  /** False when an unresolved escalation of this case and trigger exists (the unique index decides). */
  async insertEscalationIfNone(tx: EntityManager, row: EscalationEntity): Promise<boolean> {
    const inserted: unknown[] = await tx.query(
      `INSERT INTO escalations (id, case_id, case_reference, trigger, level, state, opened_at, opened_by, level_changed_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT (case_id, trigger) WHERE state <> 'RESOLVED' DO NOTHING
       RETURNING id`,
      [row.id, row.caseId, row.caseReference, row.trigger, row.level, row.state, row.openedAt, row.openedBy, row.levelChangedAt],
    );
    return inserted.length === 1;
  }

  /** Many at once; returns the ids inserted (a case and trigger with an unresolved one is skipped, by the same index). */
  async insertEscalationsIfNone(tx: EntityManager, rows: EscalationEntity[]): Promise<Set<string>> {
    if (rows.length === 0) return new Set();
    const inserted: Array<{ id: string }> = await tx.query(
      `INSERT INTO escalations (id, case_id, case_reference, trigger, level, state, opened_at, opened_by, level_changed_at)
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::varchar[], $4::varchar[], $5::int[], $6::varchar[], $7::timestamptz[], $8::varchar[], $9::timestamptz[])
       ON CONFLICT (case_id, trigger) WHERE state <> 'RESOLVED' DO NOTHING
       RETURNING id`,
      [
        rows.map((row) => row.id),
        rows.map((row) => row.caseId),
        rows.map((row) => row.caseReference),
        rows.map((row) => row.trigger),
        rows.map((row) => row.level),
        rows.map((row) => row.state),
        rows.map((row) => row.openedAt),
        rows.map((row) => row.openedBy),
        rows.map((row) => row.levelChangedAt),
      ],
    );
    return new Set(inserted.map((row) => row.id));
  }

  findEscalation(id: string, tx?: EntityManager): Promise<EscalationEntity | null> {
    return this.m(tx).getRepository(EscalationEntity).findOne({ where: { id } });
  }

  lockEscalation(tx: EntityManager, id: string): Promise<EscalationEntity | null> {
    return tx.getRepository(EscalationEntity).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  /** Unresolved escalations of a case with this trigger, locked. */
  async lockUnresolved(tx: EntityManager, caseId: string, trigger: EscalationTrigger): Promise<EscalationEntity[]> {
    return tx
      .getRepository(EscalationEntity)
      .createQueryBuilder('e')
      .where('e.case_id = :caseId AND e.trigger = :trigger AND e.state <> :resolved', { caseId, trigger, resolved: 'RESOLVED' })
      .setLock('pessimistic_write')
      .getMany();
  }

  async updateEscalation(tx: EntityManager, id: string, changes: Partial<Omit<EscalationEntity, 'id'>>): Promise<void> {
    await tx.getRepository(EscalationEntity).update({ id }, changes);
  }

  page(filter: EscalationFilter, after: KeysetPosition | null, limit: number): Promise<EscalationEntity[]> {
    const query = this.dataSource.getRepository(EscalationEntity).createQueryBuilder('e');
    if (filter.caseIds) query.andWhere('e.case_id = ANY(:caseIds)', { caseIds: filter.caseIds });
    if (filter.coordinatedActivationIds) {
      query.andWhere('EXISTS (SELECT 1 FROM cases c WHERE c.id = e.case_id AND (c.activation_id IS NULL OR c.activation_id = ANY(:coordinated::uuid[])))', {
        coordinated: filter.coordinatedActivationIds,
      });
    }
    if (filter.level !== undefined) query.andWhere('e.level = :level', { level: filter.level });
    if (filter.trigger) query.andWhere('e.trigger = :trigger', { trigger: filter.trigger });
    if (filter.state) query.andWhere('e.state = :state', { state: filter.state });
    if (filter.activationId) query.andWhere('e.case_id IN (SELECT c.id FROM cases c WHERE c.activation_id = :activationId)', { activationId: filter.activationId });
    if (filter.caseReference) query.andWhere('e.case_id = (SELECT c.id FROM cases c WHERE c.reference = :caseReference)', { caseReference: filter.caseReference });
    if (after) query.andWhere('(e.opened_at, e.id) > (:at, :id)', { at: after.createdAt, id: after.id });
    return query.orderBy('e.opened_at', 'ASC').addOrderBy('e.id', 'ASC').limit(limit + 1).getMany();
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
