import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { CasePriority, CaseStage } from './domain/case-stage';

/** What an activation's fan-out needs to know of a case: plain columns only. */
export interface ActivationCaseFacts {
  id: string;
  reference: string;
  stage: CaseStage;
  priority: CasePriority;
  createdAt: Date;
  triagedAt: Date | null;
  triageDueAt: Date | null;
}

interface FactsRow {
  id: string;
  reference: string;
  stage: CaseStage;
  priority: CasePriority;
  created_at: Date;
  triaged_at: Date | null;
  triage_due_at: Date | null;
}

const toFacts = (row: FactsRow): ActivationCaseFacts => ({
  id: row.id,
  reference: row.reference,
  stage: row.stage,
  priority: row.priority,
  createdAt: row.created_at,
  triagedAt: row.triaged_at,
  triageDueAt: row.triage_due_at,
});

const FACT_COLUMNS = 'id, reference, stage, priority, created_at, triaged_at, triage_due_at';

/** An open, live case: what an activation may hold. */
const OPEN = `stage <> 'CLOSED' AND erased_at IS NULL`;

/**
 * Set-based statements for activation fan-out: one statement per chunk and step, never one
 * round trip per case (10,000 cases must move in seconds).
 */
@Injectable()
export class CaseActivationRepository {
  /** Lower bounds of id ranges of at most `size` open cases from these countries that no activation holds. */
  async linkableBoundaries(tx: EntityManager, originCountries: string[], size: number): Promise<{ total: number; lowerBounds: string[] }> {
    const rows: Array<{ id: string; total: string }> = await tx.query(
      `SELECT id, total::text FROM (
         SELECT id, row_number() OVER (ORDER BY id) AS n, count(*) OVER () AS total
         FROM cases WHERE origin_country = ANY($1::text[]) AND activation_id IS NULL AND ${OPEN}
       ) ranked WHERE (n - 1) % $2 = 0 ORDER BY id`,
      [originCountries, size],
    );
    return { total: rows[0] ? Number(rows[0].total) : 0, lowerBounds: rows.map((row) => row.id) };
  }

  /** Links the open, unheld cases of the range; returns only those this statement linked. */
  async linkRange(tx: EntityManager, activationId: string, originCountries: string[], lo: string, hi: string | null, at: Date): Promise<ActivationCaseFacts[]> {
    // An UPDATE answers [rows, count] through TypeORM.
    const [rows]: [FactsRow[], number] = await tx.query(
      `UPDATE cases SET activation_id = $1, updated_at = $5
       WHERE id >= $3::uuid AND ($4::uuid IS NULL OR id < $4::uuid)
         AND origin_country = ANY($2::text[]) AND activation_id IS NULL AND ${OPEN}
       RETURNING ${FACT_COLUMNS}`,
      [activationId, originCountries, lo, hi, at],
    );
    return rows.map(toFacts);
  }

  async countLinkable(tx: EntityManager, originCountries: string[], lo: string, hi: string | null): Promise<number> {
    const rows: Array<{ n: number }> = await tx.query(
      `SELECT count(*)::int AS n FROM cases WHERE id >= $2::uuid AND ($3::uuid IS NULL OR id < $3::uuid)
         AND origin_country = ANY($1::text[]) AND activation_id IS NULL AND ${OPEN}`,
      [originCountries, lo, hi],
    );
    return rows[0]?.n ?? 0;
  }

  /** Clears the link of the cases this activation holds; returns the ids released. */
  async release(tx: EntityManager, activationId: string, caseIds: string[], at: Date): Promise<string[]> {
    if (caseIds.length === 0) return [];
    const [rows]: [Array<{ id: string }>, number] = await tx.query(
      `UPDATE cases SET activation_id = NULL, updated_at = $3 WHERE id = ANY($2::uuid[]) AND activation_id = $1 RETURNING id`,
      [activationId, caseIds, at],
    );
    return rows.map((row) => row.id);
  }

  async facts(tx: EntityManager, caseIds: string[]): Promise<ActivationCaseFacts[]> {
    if (caseIds.length === 0) return [];
    const rows: FactsRow[] = await tx.query(`SELECT ${FACT_COLUMNS} FROM cases WHERE id = ANY($1::uuid[]) AND erased_at IS NULL`, [caseIds]);
    return rows.map(toFacts);
  }

  async setTriageDeadlines(tx: EntityManager, changes: Array<{ caseId: string; triageDueAt: Date }>): Promise<void> {
    if (changes.length === 0) return;
    await tx.query(`UPDATE cases c SET triage_due_at = v.due FROM unnest($1::uuid[], $2::timestamptz[]) AS v(id, due) WHERE c.id = v.id`, [
      changes.map((change) => change.caseId),
      changes.map((change) => change.triageDueAt),
    ]);
  }

  /** Of these cases, the open ones with no caseworker, in id order (deterministic placement). */
  async unassigned(tx: EntityManager, caseIds: string[]): Promise<string[]> {
    if (caseIds.length === 0) return [];
    const rows: Array<{ id: string }> = await tx.query(
      `SELECT c.id FROM cases c WHERE c.id = ANY($1::uuid[]) AND c.stage <> 'CLOSED' AND c.erased_at IS NULL
         AND NOT EXISTS (SELECT 1 FROM case_assignments a WHERE a.case_id = c.id) ORDER BY c.id`,
      [caseIds],
    );
    return rows.map((row) => row.id);
  }

  /** Open cases each of these caseworkers holds, whatever activation they belong to. */
  async openCaseloads(tx: EntityManager, userIds: string[]): Promise<Map<string, number>> {
    const loads = new Map(userIds.map((id) => [id, 0]));
    if (userIds.length === 0) return loads;
    const rows: Array<{ user_id: string; n: number }> = await tx.query(
      `SELECT a.user_id, count(*)::int AS n FROM case_assignments a JOIN cases c ON c.id = a.case_id
       WHERE a.user_id = ANY($1::uuid[]) AND c.stage <> 'CLOSED' AND c.erased_at IS NULL GROUP BY a.user_id`,
      [userIds],
    );
    for (const row of rows) loads.set(row.user_id, row.n);
    return loads;
  }

  /** Inserts the assignments that do not exist yet; returns the case ids actually assigned. */
  async assignMany(
    tx: EntityManager,
    pairs: Array<{ caseId: string; userId: string }>,
    assignedBy: string,
    at: Date,
  ): Promise<Array<{ caseId: string; userId: string }>> {
    if (pairs.length === 0) return [];
    const rows: Array<{ case_id: string; user_id: string }> = await tx.query(
      `INSERT INTO case_assignments (case_id, user_id, assigned_at, assigned_by)
       SELECT v.case_id, v.user_id, $3, $4 FROM unnest($1::uuid[], $2::uuid[]) AS v(case_id, user_id)
       ON CONFLICT DO NOTHING RETURNING case_id, user_id`,
      [pairs.map((pair) => pair.caseId), pairs.map((pair) => pair.userId), at, assignedBy],
    );
    return rows.map((row) => ({ caseId: row.case_id, userId: row.user_id }));
  }

  /** One history entry per case, same kind and details (codes and ids only). */
  async insertHistory(
    tx: EntityManager,
    caseIds: string[],
    entry: { kind: string; actorType: string; actorId: string | null; at: Date; details: Record<string, string | number | boolean | null> },
    perCase?: Map<string, Record<string, string>>,
  ): Promise<void> {
    if (caseIds.length === 0) return;
    const details = caseIds.map((id) => JSON.stringify({ ...entry.details, ...(perCase?.get(id) ?? {}) }));
    await tx.query(
      `INSERT INTO case_history (id, case_id, occurred_at, actor_type, actor_id, kind, details)
       SELECT gen_random_uuid(), v.case_id, $2, $3, $4, $5, v.details FROM unnest($1::uuid[], $6::jsonb[]) AS v(case_id, details)`,
      [caseIds, entry.at, entry.actorType, entry.actorId, entry.kind, details],
    );
  }
}
