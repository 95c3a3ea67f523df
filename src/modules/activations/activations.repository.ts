import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { KeysetPosition } from '@common/pagination/keyset';
import { prepared, queryPrepared } from '@infra/database/prepared';
import type { ActivationOverrides } from '@modules/cases/activation-policy.port';
import { ActivationEntity, ActivationRosterEntity, ActivationStatus } from './activation.entity';

/** Per-run counters a fan-out chunk adds to the activation. */
export interface FanoutCounts {
  linked: number;
  rescheduled: number;
  assigned: number;
  unplaced: number;
  failed: number;
  released: number;
}

export interface DashboardFigures {
  byStageAndPriority: Array<{ stage: string; priority: string; count: number }>;
  overdueCheckins: number;
  openEscalations: Array<{ level: number; trigger: string; count: number }>;
  triageSlaBreaches: number;
  caseload: Array<{ userId: string; caseloadCap: number; openCases: number; activationCases: number }>;
  heldCases: number;
  unassignedHeldCases: number;
}

@Injectable()
export class ActivationsRepository {
  constructor(private readonly dataSource: DataSource) {}

  private m(tx?: EntityManager): EntityManager {
    return tx ?? this.dataSource.manager;
  }

  async insert(tx: EntityManager, row: ActivationEntity, roster: ActivationRosterEntity[]): Promise<void> {
    await tx.getRepository(ActivationEntity).insert(row);
    if (roster.length > 0) await tx.getRepository(ActivationRosterEntity).insert(roster);
  }

  async codeTaken(tx: EntityManager, code: string): Promise<boolean> {
    return (await tx.getRepository(ActivationEntity).count({ where: { code } })) > 0;
  }

  /** Active activations sharing any of these origin countries. */
  async activeOverlapping(tx: EntityManager, originCountries: string[]): Promise<string[]> {
    const rows: Array<{ code: string }> = await tx.query(
      `SELECT code FROM activations WHERE status = 'ACTIVE' AND origin_countries && $1::text[] ORDER BY code`,
      [originCountries],
    );
    return rows.map((row) => row.code);
  }

  findByCode(code: string, tx?: EntityManager): Promise<ActivationEntity | null> {
    return this.m(tx).getRepository(ActivationEntity).findOne({ where: { code } });
  }

  lockByCode(tx: EntityManager, code: string): Promise<ActivationEntity | null> {
    return tx.getRepository(ActivationEntity).findOne({ where: { code }, lock: { mode: 'pessimistic_write' } });
  }

  lock(tx: EntityManager, id: string): Promise<ActivationEntity | null> {
    return tx.getRepository(ActivationEntity).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  async update(tx: EntityManager, id: string, changes: Partial<Omit<ActivationEntity, 'id'>>): Promise<void> {
    await tx.getRepository(ActivationEntity).update({ id }, changes);
  }

  /** Newest first, keyset on (started_at, id). */
  page(after: KeysetPosition | null, limit: number, status?: ActivationStatus): Promise<ActivationEntity[]> {
    const query = this.dataSource.getRepository(ActivationEntity).createQueryBuilder('a');
    if (status) query.andWhere('a.status = :status', { status });
    if (after) query.andWhere('(a.started_at, a.id) < (:createdAt, :id)', after);
    return query
      .orderBy('a.started_at', 'DESC')
      .addOrderBy('a.id', 'DESC')
      .take(limit + 1)
      .getMany();
  }

  roster(activationId: string, tx?: EntityManager): Promise<ActivationRosterEntity[]> {
    return this.m(tx)
      .getRepository(ActivationRosterEntity)
      .find({ where: { activationId }, order: { userId: 'ASC' } });
  }

  async replaceRoster(tx: EntityManager, activationId: string, roster: ActivationRosterEntity[]): Promise<void> {
    await tx.getRepository(ActivationRosterEntity).delete({ activationId });
    if (roster.length > 0) await tx.getRepository(ActivationRosterEntity).insert(roster);
  }

  /** The overrides of the case's active activation (one indexed lookup on the hot schedule path). */
  async overridesForCase(tx: EntityManager, caseId: string): Promise<ActivationOverrides | null> {
    const rows: Array<{ overrides: ActivationOverrides }> = await tx.query(
      `SELECT a.overrides FROM cases c JOIN activations a ON a.id = c.activation_id AND a.status = 'ACTIVE' WHERE c.id = $1`,
      [caseId],
    );
    return rows[0]?.overrides ?? null;
  }

  /** The same for many cases in one statement; cases without an active activation are left out. */
  async overridesForCases(tx: EntityManager, caseIds: string[]): Promise<Map<string, ActivationOverrides>> {
    if (caseIds.length === 0) return new Map();
    const rows: Array<{ case_id: string; overrides: ActivationOverrides }> = await tx.query(
      `SELECT c.id AS case_id, a.overrides FROM cases c JOIN activations a ON a.id = c.activation_id AND a.status = 'ACTIVE' WHERE c.id = ANY($1::uuid[])`,
      [caseIds],
    );
    return new Map(rows.map((row) => [row.case_id, row.overrides]));
  }

  async activeCoordinators(tx: EntityManager, activationId: string): Promise<string[] | null> {
    const rows: Array<{ coordinator_ids: string[] }> = await tx.query(`SELECT coordinator_ids FROM activations WHERE id = $1 AND status = 'ACTIVE'`, [
      activationId,
    ]);
    return rows[0]?.coordinator_ids ?? null;
  }

  async activeTransitCountries(activationId: string): Promise<string[] | null> {
    const rows: Array<{ transit_countries: string[] }> = await this.dataSource.query(
      `SELECT transit_countries FROM activations WHERE id = $1 AND status = 'ACTIVE'`,
      [activationId],
    );
    return rows[0]?.transit_countries ?? null;
  }

  async coordinatedBy(userId: string, tx?: EntityManager): Promise<string[]> {
    const rows: Array<{ id: string }> = await this.m(tx).query(`SELECT id FROM activations WHERE status = 'ACTIVE' AND $1::uuid = ANY(coordinator_ids)`, [
      userId,
    ]);
    return rows.map((row) => row.id);
  }

  /**
   * The active activation named by code, else the earliest-started active one covering the
   * country: one prepared statement on every intake (the table holds a handful of rows).
   */
  async activeForIntake(tx: EntityManager, originCountry: string, code: string | null): Promise<{ id: string; overrides: ActivationOverrides } | null> {
    const rows = await queryPrepared<Array<{ id: string; overrides: ActivationOverrides }>>(tx, ACTIVE_FOR_INTAKE, [originCountry, code]);
    return rows[0] ?? null;
  }

  async insertLinks(tx: EntityManager, activationId: string, caseIds: string[], via: string, generation: number, at: Date): Promise<void> {
    if (caseIds.length === 0) return;
    await tx.query(
      `INSERT INTO activation_cases (activation_id, case_id, linked_at, linked_via, policy_generation)
       SELECT $1, id, $4, $3, $5 FROM unnest($2::uuid[]) AS id ON CONFLICT DO NOTHING`,
      [activationId, caseIds, via, at, generation],
    );
  }

  /** Lower bounds of id ranges of at most `size` cases this activation holds. */
  async heldBoundaries(tx: EntityManager, activationId: string, size: number): Promise<{ total: number; lowerBounds: string[] }> {
    const rows: Array<{ case_id: string; total: string }> = await tx.query(
      `SELECT case_id, total::text FROM (
         SELECT case_id, row_number() OVER (ORDER BY case_id) AS n, count(*) OVER () AS total
         FROM activation_cases WHERE activation_id = $1 AND released_at IS NULL
       ) ranked WHERE (n - 1) % $2 = 0 ORDER BY case_id`,
      [activationId, size],
    );
    return { total: rows[0] ? Number(rows[0].total) : 0, lowerBounds: rows.map((row) => row.case_id) };
  }

  async heldInRange(tx: EntityManager, activationId: string, lo: string, hi: string | null): Promise<string[]> {
    const rows: Array<{ case_id: string }> = await tx.query(
      `SELECT case_id FROM activation_cases WHERE activation_id = $1 AND released_at IS NULL
         AND case_id >= $2::uuid AND ($3::uuid IS NULL OR case_id < $3::uuid) ORDER BY case_id`,
      [activationId, lo, hi],
    );
    return rows.map((row) => row.case_id);
  }

  async markApplied(tx: EntityManager, activationId: string, caseIds: string[], generation: number): Promise<void> {
    if (caseIds.length === 0) return;
    await tx.query(`UPDATE activation_cases SET policy_generation = $3 WHERE activation_id = $1 AND case_id = ANY($2::uuid[])`, [
      activationId,
      caseIds,
      generation,
    ]);
  }

  async markReleased(tx: EntityManager, activationId: string, caseIds: string[], at: Date): Promise<void> {
    if (caseIds.length === 0) return;
    await tx.query(`UPDATE activation_cases SET released_at = $3 WHERE activation_id = $1 AND case_id = ANY($2::uuid[]) AND released_at IS NULL`, [
      activationId,
      caseIds,
      at,
    ]);
  }

  /** Claims a chunk of a run; false when it was done before (a repeated chunk then does nothing). */
  async claimChunk(tx: EntityManager, activationId: string, generation: number, chunk: number, at: Date): Promise<boolean> {
    const rows: unknown[] = await tx.query(
      `INSERT INTO activation_fanout_chunks (activation_id, generation, chunk, done_at, counts) VALUES ($1, $2, $3, $4, '{}')
       ON CONFLICT DO NOTHING RETURNING chunk`,
      [activationId, generation, chunk, at],
    );
    return rows.length === 1;
  }

  async recordChunkCounts(tx: EntityManager, activationId: string, generation: number, chunk: number, counts: FanoutCounts): Promise<void> {
    await tx.query(`UPDATE activation_fanout_chunks SET counts = $4 WHERE activation_id = $1 AND generation = $2 AND chunk = $3`, [
      activationId,
      generation,
      chunk,
      JSON.stringify(counts),
    ]);
  }

  /** Adds a chunk's counts; the run is finished when every chunk has reported. Returns whether it now is. */
  async addCounts(tx: EntityManager, activationId: string, counts: FanoutCounts, at: Date): Promise<boolean> {
    const [rows]: [Array<{ finished: boolean }>, number] = await tx.query(
      `UPDATE activations SET
         fanout_linked = fanout_linked + $2, fanout_rescheduled = fanout_rescheduled + $3, fanout_assigned = fanout_assigned + $4,
         fanout_unplaced = fanout_unplaced + $5, fanout_failed = fanout_failed + $6, fanout_released = fanout_released + $7,
         fanout_chunks_done = fanout_chunks_done + 1,
         fanout_finished_at = CASE WHEN fanout_chunks_done + 1 >= fanout_chunks_total THEN $8::timestamptz ELSE NULL END,
         updated_at = $8
       WHERE id = $1 RETURNING fanout_finished_at IS NOT NULL AS finished`,
      [activationId, counts.linked, counts.rescheduled, counts.assigned, counts.unplaced, counts.failed, counts.released, at],
    );
    return rows[0]?.finished ?? false;
  }

  /**
   * The dashboard in five aggregate statements over the cases the activation holds (or held, once
   * stood down), each driven by an index: `activation_cases` primary key, `checkin_schedules` and
   * `escalations_case_idx` by case, `case_assignments_user_idx` for the roster.
   */
  async dashboard(activationId: string, held: boolean, roster: string[], now: Date): Promise<DashboardFigures> {
    const scope = held ? `SELECT id AS case_id FROM cases WHERE activation_id = $1` : `SELECT case_id FROM activation_cases WHERE activation_id = $1`;
    const db = this.dataSource;
    const [stages, overdue, escalations, caseload, unassigned] = await Promise.all([
      db.query<Array<{ stage: string; priority: string; count: number; breaches: number }>>(
        `SELECT c.stage, c.priority, count(*)::int AS count,
                count(*) FILTER (WHERE c.triaged_at IS NULL AND c.triage_due_at < $2 AND c.stage <> 'CLOSED')::int AS breaches
         FROM (${scope}) s JOIN cases c ON c.id = s.case_id WHERE c.erased_at IS NULL GROUP BY c.stage, c.priority ORDER BY c.stage, c.priority`,
        [activationId, now],
      ),
      db.query<Array<{ n: number }>>(
        `SELECT count(*)::int AS n FROM (${scope}) s JOIN checkin_schedules k ON k.case_id = s.case_id WHERE k.status = 'ACTIVE' AND k.due_at < $2`,
        [activationId, now],
      ),
      db.query<Array<{ level: number; trigger: string; count: number }>>(
        `SELECT e.level, e.trigger, count(*)::int AS count FROM (${scope}) s JOIN escalations e ON e.case_id = s.case_id
         WHERE e.state <> 'RESOLVED' GROUP BY e.level, e.trigger ORDER BY e.level, e.trigger`,
        [activationId],
      ),
      db.query<Array<{ user_id: string; open_cases: number; activation_cases: number }>>(
        `SELECT a.user_id, count(*) FILTER (WHERE c.stage <> 'CLOSED')::int AS open_cases,
                count(*) FILTER (WHERE c.stage <> 'CLOSED' AND c.activation_id = $1)::int AS activation_cases
         FROM case_assignments a JOIN cases c ON c.id = a.case_id AND c.erased_at IS NULL
         WHERE a.user_id = ANY($2::uuid[]) GROUP BY a.user_id`,
        [activationId, roster],
      ),
      held
        ? db.query<Array<{ n: number }>>(
            `SELECT count(*)::int AS n FROM cases c WHERE c.activation_id = $1 AND c.stage <> 'CLOSED'
               AND NOT EXISTS (SELECT 1 FROM case_assignments a WHERE a.case_id = c.id)`,
            [activationId],
          )
        : Promise.resolve([{ n: 0 }]),
    ]);
    const loads = new Map(caseload.map((row) => [row.user_id, row]));
    return {
      byStageAndPriority: stages.map(({ stage, priority, count }) => ({ stage, priority, count })),
      overdueCheckins: overdue[0]?.n ?? 0,
      openEscalations: escalations,
      triageSlaBreaches: stages.reduce((sum, row) => sum + row.breaches, 0),
      caseload: roster.map((userId) => ({
        userId,
        caseloadCap: 0,
        openCases: loads.get(userId)?.open_cases ?? 0,
        activationCases: loads.get(userId)?.activation_cases ?? 0,
      })),
      heldCases: stages.reduce((sum, row) => sum + row.count, 0),
      unassignedHeldCases: unassigned[0]?.n ?? 0,
    };
  }
}

const ACTIVE_FOR_INTAKE = prepared(
  'activation_active_for_intake',
  `SELECT id, overrides FROM activations
   WHERE status = 'ACTIVE' AND (code = $2::varchar OR $1::text = ANY(origin_countries))
   ORDER BY (code = $2::varchar) IS TRUE DESC, started_at
   LIMIT 1`,
);
