import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { KeysetPosition } from '@common/pagination/keyset';
import type { StoredDataKey } from '@infra/crypto/data-key.service';
import { prepared, queryPrepared } from '@infra/database/prepared';
import {
  CaseAssignmentEntity,
  CaseErasureRequestEntity,
  CaseHistoryEntity,
  CaseNoteEntity,
  TriageAssessmentEntity,
  type CaseDuplicateCandidateEntity,
  type DuplicateDecision,
} from './case-records.entity';
import { CaseEntity } from './case.entity';
import type { MatchingKeyKind } from './identity';
import { caseListQuery, type CaseListFilter } from './case-list.query';

/**
 * The facts the access policy decides on, loaded one way for every case route (`findAccessFacts`)
 * and the audited read (`findForRead`): the case, its assignments, the staff reader's live
 * break-glass grant.
 */
export interface CaseAccessFacts {
  row: CaseEntity;
  assignedCaseworkerIds: string[];
  breakGlassUntil: Date | null;
}

/** What `findForRead` returns: the access facts and the key to open the case with. */
export interface CaseReadFacts extends CaseAccessFacts {
  /** Null when the case's key was shredded (an erased case). */
  storedKey: StoredDataKey | null;
  duplicateCandidates: Array<{ reference: string; reasons: string[] }>;
  /** A triage assessment exists (a stage guard the read reports). */
  hasTriageAssessment: boolean;
  /** Closed as a duplicate: the reference of the case it duplicates. */
  duplicateOf: string | null;
}

/** One row of a list page: plain fields, what a caseload table shows, and what opens the name. */
export interface CaseListRow extends Pick<
  CaseEntity,
  | 'id'
  | 'reference'
  | 'stage'
  | 'priority'
  | 'flags'
  | 'originCountry'
  | 'currentCountry'
  | 'activationId'
  | 'possibleDuplicate'
  | 'triageDueAt'
  | 'triagedAt'
  | 'createdAt'
  | 'updatedAt'
  | 'personSealed'
> {
  /** Null without names, or when the key was shredded. */
  storedKey: StoredDataKey | null;
  assignedCaseworkerIds: string[];
  /** The running schedule's due time and deadline; null when none runs. */
  checkinDueAt: Date | null;
  checkinDeadlineAt: Date | null;
  /** Escalations not yet resolved. */
  openEscalations: number;
  /** The open safe-country stay: host country and days of lawful stay left (null: no rule known). */
  stay: { country: string; daysLeft: number | null } | null;
}

export type { CaseListFilter } from './case-list.query';

/** The case file and what hangs off it. Queries only. */
@Injectable()
export class CasesRepository {
  constructor(private readonly dataSource: DataSource) {}

  private m(tx?: EntityManager): EntityManager {
    return tx ?? this.dataSource.manager;
  }

  /**
   * Inserts a new case unless its reference is already taken (false: the caller draws another).
   * The unique index decides, in one prepared statement instead of a check and an insert — and a
   * concurrent intake that drew the same reference is waited for rather than failing this one.
   */
  async insertCaseUnlessReferenceTaken(tx: EntityManager, row: CaseEntity, selfAssigned?: { userId: string; assignedAt: Date }): Promise<boolean> {
    const values = CASE_PROPERTIES.map((property) => row[property]);
    // The opener's own assignment rides along in the same statement (one round trip less per intake).
    const rows = selfAssigned
      ? await queryPrepared<unknown[]>(tx, INSERT_CASE_SELF_ASSIGNED, [...values, selfAssigned.userId, selfAssigned.assignedAt])
      : await queryPrepared<unknown[]>(tx, INSERT_CASE, values);
    return rows.length === 1;
  }

  /**
   * The hot path of every case route: explicit SQL and a plain mapper, because the query builder
   * and entity hydration cost more CPU than the round trip (see docs/PERFORMANCE.md).
   */
  async findByReference(reference: string, tx?: EntityManager, forUpdate = false): Promise<CaseEntity | null> {
    const rows: CaseRow[] = await this.m(tx).query(`SELECT ${CASE_COLUMNS} FROM cases WHERE reference = $1${forUpdate ? ' FOR UPDATE' : ''}`, [reference]);
    return rows[0] ? toCaseEntity(rows[0]) : null;
  }

  /**
   * The access facts in one prepared statement (the case row, locked for update when asked, its
   * assignments and the reader's live break-glass grant), in the caller's transaction.
   */
  async findAccessFacts(tx: EntityManager, reference: string, staffUserId: string | null, now: Date, forUpdate = false): Promise<CaseAccessFacts | null> {
    const rows = await queryPrepared<Array<CaseRow & AccessExtras>>(tx, forUpdate ? CASE_ACCESS_FACTS_FOR_UPDATE : CASE_ACCESS_FACTS, [
      reference,
      staffUserId,
      now,
    ]);
    return rows[0] ? toAccessFacts(rows[0]) : null;
  }

  /**
   * Everything an audited read needs, in one prepared statement: the case row, its assignments,
   * the reader's live break-glass grant, the case's wrapped data key and the open duplicate
   * candidates. One round trip instead of six (docs/PERFORMANCE.md); it reads the access and key
   * tables only as those modules' own queries would, and decides nothing.
   */
  async findForRead(reference: string, staffUserId: string | null, now: Date): Promise<CaseReadFacts | null> {
    const rows = await queryPrepared<Array<CaseRow & ReadExtras>>(this.dataSource.manager, CASE_FOR_READ, [reference, staffUserId, now]);
    const row = rows[0];
    if (!row) return null;
    return {
      ...toAccessFacts(row),
      storedKey:
        row.read_wrapped_key && row.read_key_version !== null && row.read_kek_id !== null
          ? { keyVersion: row.read_key_version, kekId: row.read_kek_id, wrappedKey: row.read_wrapped_key }
          : null,
      duplicateCandidates: row.read_duplicates,
      hasTriageAssessment: row.read_has_triage,
      duplicateOf: row.read_duplicate_of,
    };
  }

  findById(id: string, tx?: EntityManager): Promise<CaseEntity | null> {
    return this.m(tx).getRepository(CaseEntity).findOne({ where: { id } });
  }

  async updateCase(tx: EntityManager, id: string, changes: Partial<Omit<CaseEntity, 'id'>>): Promise<void> {
    await tx.getRepository(CaseEntity).update({ id }, changes);
  }

  async assignedCaseworkerIds(caseId: string, tx?: EntityManager): Promise<string[]> {
    const rows: Array<{ user_id: string }> = await this.m(tx).query(`SELECT user_id FROM case_assignments WHERE case_id = $1 ORDER BY assigned_at, user_id`, [
      caseId,
    ]);
    return rows.map((row) => row.user_id);
  }

  async assignedCaseworkersOf(tx: EntityManager, caseIds: string[]): Promise<Map<string, string[]>> {
    const found = new Map<string, string[]>();
    if (caseIds.length === 0) return found;
    const rows: Array<{ case_id: string; user_id: string }> = await tx.query(
      `SELECT case_id, user_id FROM case_assignments WHERE case_id = ANY($1::uuid[]) ORDER BY case_id, assigned_at, user_id`,
      [caseIds],
    );
    for (const row of rows) found.set(row.case_id, [...(found.get(row.case_id) ?? []), row.user_id]);
    return found;
  }

  async caseIdsAssignedTo(tx: EntityManager, userId: string): Promise<string[]> {
    const rows: Array<{ case_id: string }> = await tx.query(`SELECT case_id FROM case_assignments WHERE user_id = $1`, [userId]);
    return rows.map((row) => row.case_id);
  }

  async assign(tx: EntityManager, rows: CaseAssignmentEntity[]): Promise<void> {
    if (rows.length === 0) return;
    await tx.createQueryBuilder().insert().into(CaseAssignmentEntity).values(rows).orIgnore().execute();
  }

  async unassign(tx: EntityManager, caseId: string, userIds: string[]): Promise<void> {
    if (userIds.length === 0) return;
    await tx.query(`DELETE FROM case_assignments WHERE case_id = $1 AND user_id = ANY($2::uuid[])`, [caseId, userIds]);
  }

  /**
   * One page of the case list, newest first by creation (keyset on created_at, id), with what a
   * caseload table shows beside each case and what the service needs to show its name: the
   * sealed identity group and the case's wrapped data key (one unwrap per case, no extra round
   * trip). The page is chosen first (LIMIT in the inner query), then each of its rows picks up
   * its assignments, running check-in schedule, unresolved escalations and open safe-country
   * stay; those tables are read as their own modules' queries would (like `findForRead` reads
   * access and key tables), and nothing is decided here. One statement; each filter
   * combination is a prepared statement of its own (parsed and planned once per connection).
   */
  async listPage(filter: CaseListFilter, after: KeysetPosition | null, limit: number, now: Date): Promise<CaseListRow[]> {
    const { text, values } = caseListQuery(filter, after, limit, now);
    const statement = prepared(`case_list_${createHash('sha256').update(text).digest('hex').slice(0, 24)}`, text);
    const rows = await queryPrepared<RawListRow[]>(this.dataSource.manager, statement, values);
    return rows.map((row) => ({
      id: row.id,
      reference: row.reference,
      stage: row.stage,
      priority: row.priority,
      flags: row.flags,
      originCountry: row.origin_country,
      currentCountry: row.current_country,
      activationId: row.activation_id,
      possibleDuplicate: row.possible_duplicate,
      triageDueAt: row.triage_due_at,
      triagedAt: row.triaged_at,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
      personSealed: row.person_sealed,
      storedKey:
        row.wrapped_key && row.key_version !== null && row.kek_id !== null
          ? { keyVersion: row.key_version, kekId: row.kek_id, wrappedKey: row.wrapped_key }
          : null,
      assignedCaseworkerIds: row.assigned_ids,
      checkinDueAt: row.checkin_due_at,
      checkinDeadlineAt: row.checkin_deadline_at,
      openEscalations: row.open_escalations,
      stay: row.stay_country ? { country: row.stay_country, daysLeft: row.stay_days_left } : null,
    }));
  }

  async insertNote(tx: EntityManager, note: CaseNoteEntity): Promise<void> {
    await tx.getRepository(CaseNoteEntity).insert(note);
  }

  notes(caseId: string, after: KeysetPosition | null, limit: number, tx?: EntityManager): Promise<CaseNoteEntity[]> {
    const query = this.m(tx).getRepository(CaseNoteEntity).createQueryBuilder('n').where('n.case_id = :caseId', { caseId });
    if (after) query.andWhere('(n.created_at, n.id) > (:createdAt, :id)', after);
    return query
      .orderBy('n.created_at', 'ASC')
      .addOrderBy('n.id', 'ASC')
      .take(limit + 1)
      .getMany();
  }

  /** Every case change writes one: a prepared statement (docs/PERFORMANCE.md, referral-intake). */
  async insertHistory(tx: EntityManager, entry: CaseHistoryEntity): Promise<void> {
    await queryPrepared(tx, INSERT_HISTORY, [
      entry.id,
      entry.caseId,
      entry.occurredAt,
      entry.actorType,
      entry.actorId,
      entry.kind,
      entry.fromStage,
      entry.toStage,
      JSON.stringify(entry.details),
      entry.detailsSealed,
    ]);
  }

  history(caseId: string, after: KeysetPosition | null, limit: number): Promise<CaseHistoryEntity[]> {
    const query = this.dataSource.getRepository(CaseHistoryEntity).createQueryBuilder('h').where('h.case_id = :caseId', { caseId });
    if (after) query.andWhere('(h.occurred_at, h.id) > (:createdAt, :id)', after);
    return query
      .orderBy('h.occurred_at', 'ASC')
      .addOrderBy('h.id', 'ASC')
      .take(limit + 1)
      .getMany();
  }

  /**
   * Stores a case's blind-index digests and finds the other live cases sharing any of them (at
   * most 20), each with all its digests — one prepared statement where there were three. The
   * SELECT runs on the statement's snapshot, so it never sees the rows its own CTE inserts (the
   * case is excluded anyway) and sees exactly what a separate lookup after the INSERT would.
   */
  async storeMatchKeysAndFindSharing(
    tx: EntityManager,
    caseId: string,
    digests: Array<{ kind: MatchingKeyKind; value: string }>,
  ): Promise<Array<{ caseId: string; reference: string; keys: Array<{ kind: MatchingKeyKind; value: string }> }>> {
    if (digests.length === 0) return [];
    const rows = await queryPrepared<Array<{ id: string; reference: string; keys: Array<{ kind: MatchingKeyKind; value: string }> }>>(
      tx,
      STORE_MATCH_KEYS_AND_FIND_SHARING,
      [caseId, digests.map((digest) => digest.kind), digests.map((digest) => digest.value)],
    );
    return rows.map((row) => ({ caseId: row.id, reference: row.reference, keys: row.keys }));
  }

  /** New pairs only: a pair already known in either direction (decided or not) is never flagged again. */
  async insertDuplicateCandidates(tx: EntityManager, rows: CaseDuplicateCandidateEntity[]): Promise<void> {
    if (rows.length === 0) return;
    await tx.query(
      `INSERT INTO case_duplicate_candidates (case_id, candidate_case_id, reasons, flagged_at)
       SELECT r.case_id, r.candidate_case_id, ARRAY(SELECT json_array_elements_text(r.reasons)), r.flagged_at
       FROM json_to_recordset($1::json) AS r(case_id uuid, candidate_case_id uuid, reasons json, flagged_at timestamptz)
       WHERE NOT EXISTS (SELECT 1 FROM case_duplicate_candidates x
                         WHERE (x.case_id = r.case_id AND x.candidate_case_id = r.candidate_case_id)
                            OR (x.case_id = r.candidate_case_id AND x.candidate_case_id = r.case_id))
       ON CONFLICT DO NOTHING`,
      [
        JSON.stringify(
          rows.map((row) => ({ case_id: row.caseId, candidate_case_id: row.candidateCaseId, reasons: row.reasons, flagged_at: row.flaggedAt.toISOString() })),
        ),
      ],
    );
  }

  async flagPossibleDuplicates(tx: EntityManager, caseIds: string[]): Promise<void> {
    await tx.query(`UPDATE cases SET possible_duplicate = true WHERE id = ANY($1::uuid[]) AND NOT possible_duplicate`, [caseIds]);
  }

  /** The flag follows the open pairs: set while a case has an undecided candidate that is not erased, cleared otherwise. */
  async refreshPossibleDuplicate(tx: EntityManager, caseIds: string[]): Promise<void> {
    await tx.query(
      `UPDATE cases c SET possible_duplicate = EXISTS (
         SELECT 1 FROM case_duplicate_candidates d JOIN cases o ON o.id = CASE WHEN d.case_id = c.id THEN d.candidate_case_id ELSE d.case_id END
         WHERE (d.case_id = c.id OR d.candidate_case_id = c.id) AND d.resolved_at IS NULL AND o.erased_at IS NULL)
       WHERE c.id = ANY($1::uuid[])`,
      [caseIds],
    );
  }

  /** The pair of these two cases, whichever was flagged first (locked for its decision with `forUpdate`). */
  async lockDuplicatePair(tx: EntityManager, a: string, b: string, forUpdate: boolean): Promise<CaseDuplicateCandidateEntity | null> {
    const rows: Array<{
      case_id: string;
      candidate_case_id: string;
      reasons: string[];
      flagged_at: Date;
      resolved_at: Date | null;
      decision: DuplicateDecision | null;
      decided_by: string | null;
      closed_case_id: string | null;
    }> = await tx.query(
      `SELECT case_id, candidate_case_id, reasons, flagged_at, resolved_at, decision, decided_by, closed_case_id FROM case_duplicate_candidates
         WHERE (case_id = $1 AND candidate_case_id = $2) OR (case_id = $2 AND candidate_case_id = $1)${forUpdate ? ' FOR UPDATE' : ''}`,
      [a, b],
    );
    const row = rows[0];
    return row
      ? {
          caseId: row.case_id,
          candidateCaseId: row.candidate_case_id,
          reasons: row.reasons,
          flaggedAt: row.flagged_at,
          resolvedAt: row.resolved_at,
          decision: row.decision,
          decidedBy: row.decided_by,
          closedCaseId: row.closed_case_id,
        }
      : null;
  }

  async decideDuplicatePair(
    tx: EntityManager,
    pair: Pick<CaseDuplicateCandidateEntity, 'caseId' | 'candidateCaseId'>,
    decision: DuplicateDecision,
    decidedBy: string,
    at: Date,
    closedCaseId: string | null,
  ): Promise<void> {
    await tx.query(
      `UPDATE case_duplicate_candidates SET decision = $3, decided_by = $4, resolved_at = $5, closed_case_id = $6 WHERE case_id = $1 AND candidate_case_id = $2`,
      [pair.caseId, pair.candidateCaseId, decision, decidedBy, at, closedCaseId],
    );
  }

  async insertTriage(tx: EntityManager, row: TriageAssessmentEntity): Promise<void> {
    await tx.getRepository(TriageAssessmentEntity).insert(row);
  }

  async hasTriage(caseId: string, tx?: EntityManager): Promise<boolean> {
    return (await this.m(tx).getRepository(TriageAssessmentEntity).count({ where: { caseId } })) > 0;
  }

  latestTriage(caseId: string, tx?: EntityManager): Promise<TriageAssessmentEntity | null> {
    return this.m(tx)
      .getRepository(TriageAssessmentEntity)
      .findOne({ where: { caseId }, order: { assessedAt: 'DESC' } });
  }

  /** Erasure: every protected value of the case, wherever it lives, goes. */
  async eraseProtected(tx: EntityManager, caseId: string, at: Date): Promise<void> {
    await tx.query(
      `UPDATE cases SET person_sealed = NULL, contact_sealed = NULL, location_sealed = NULL, narrative_sealed = NULL,
         sogiesc_sealed = NULL, health_sealed = NULL, documents_sealed = NULL, dependants_sealed = NULL,
         flags = '{}', erased_at = $2, updated_at = $2 WHERE id = $1`,
      [caseId, at],
    );
    await tx.query(`DELETE FROM case_notes WHERE case_id = $1`, [caseId]);
    await tx.query(`DELETE FROM case_match_keys WHERE case_id = $1`, [caseId]);
    await tx.query(`UPDATE triage_assessments SET override_reason_sealed = NULL, factors_sealed = NULL, factors = NULL WHERE case_id = $1`, [caseId]);
    await tx.query(
      `UPDATE case_history SET details_sealed = NULL, details = CASE kind WHEN 'TRIAGED' THEN details - 'factors' - 'score' WHEN 'FLAGS_CHANGED' THEN details - 'before' - 'after' ELSE details END
        WHERE case_id = $1 AND (details_sealed IS NOT NULL OR (kind = 'TRIAGED' AND details ? 'factors') OR (kind = 'FLAGS_CHANGED' AND details ? 'after'))`,
      [caseId],
    );
  }

  /** The case's erasure request waiting for a second coordinator, if any (call with the case row locked). */
  pendingErasureRequest(tx: EntityManager, caseId: string): Promise<CaseErasureRequestEntity | null> {
    return tx.getRepository(CaseErasureRequestEntity).findOne({ where: { caseId, status: 'REQUESTED' } });
  }

  async insertErasureRequest(tx: EntityManager, row: CaseErasureRequestEntity): Promise<void> {
    await tx.getRepository(CaseErasureRequestEntity).insert(row);
  }

  async closeErasureRequest(
    tx: EntityManager,
    id: string,
    status: 'CONFIRMED' | 'WITHDRAWN' | 'EXPIRED',
    decidedBy: string | null,
    decidedAt: Date,
  ): Promise<void> {
    await tx.getRepository(CaseErasureRequestEntity).update({ id }, { status, decidedBy, decidedAt });
  }

  /** Triage rows still holding their factors in clear (written before they were sealed). */
  clearTriageFactors(tx: EntityManager, limit: number): Promise<Array<{ id: string; caseId: string; factors: string[] }>> {
    return tx.query(`SELECT id, case_id AS "caseId", factors FROM triage_assessments WHERE factors IS NOT NULL ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED`, [
      limit,
    ]);
  }

  async setTriageFactorsSealed(tx: EntityManager, id: string, sealed: Buffer): Promise<void> {
    await tx.query(`UPDATE triage_assessments SET factors_sealed = $2, factors = NULL WHERE id = $1`, [id, sealed]);
  }

  /** History entries still holding risk codes in clear (TRIAGED factors and score, FLAGS_CHANGED flags). */
  clearCodeHistory(
    tx: EntityManager,
    limit: number,
  ): Promise<Array<{ id: string; caseId: string; kind: string; details: Record<string, string | number | boolean | string[] | null> }>> {
    return tx.query(
      `SELECT id, case_id AS "caseId", kind, details FROM case_history
        WHERE (kind = 'TRIAGED' AND details ? 'factors') OR (kind = 'FLAGS_CHANGED' AND details ? 'after')
        ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED`,
      [limit],
    );
  }

  async setHistoryDetails(tx: EntityManager, id: string, details: Record<string, string | number | boolean | string[] | null>, sealed: Buffer): Promise<void> {
    await tx.query(`UPDATE case_history SET details = $2::jsonb, details_sealed = $3 WHERE id = $1`, [id, JSON.stringify(details), sealed]);
  }

  /** Closed cases past retention, not on legal hold, not yet erased. */
  async dueForRetention(before: Date, limit: number): Promise<string[]> {
    const rows: Array<{ id: string }> = await this.dataSource.query(
      `SELECT id FROM cases WHERE stage = 'CLOSED' AND closed_at < $1 AND NOT legal_hold AND erased_at IS NULL ORDER BY closed_at LIMIT $2`,
      [before, limit],
    );
    return rows.map((row) => row.id);
  }
}

/** The columns of `cases`, in SQL, and their mapping to the entity (kept in one place). */
const CASE_FIELDS = {
  id: 'id',
  reference: 'reference',
  stage: 'stage',
  previousStage: 'previous_stage',
  priority: 'priority',
  flags: 'flags',
  originCountry: 'origin_country',
  currentCountry: 'current_country',
  activationId: 'activation_id',
  referringAgencyId: 'referring_agency_id',
  consentServices: 'consent_services',
  consentSharing: 'consent_sharing',
  consentResettlement: 'consent_resettlement',
  consentMethod: 'consent_method',
  consentObtainedAt: 'consent_obtained_at',
  consentRecordedBy: 'consent_recorded_by',
  consentRecordedAt: 'consent_recorded_at',
  verification: 'verification',
  triageDueAt: 'triage_due_at',
  triagedAt: 'triaged_at',
  possibleDuplicate: 'possible_duplicate',
  dependantsCount: 'dependants_count',
  closureReason: 'closure_reason',
  closedAt: 'closed_at',
  legalHold: 'legal_hold',
  erasedAt: 'erased_at',
  createdAt: 'created_at',
  updatedAt: 'updated_at',
  personSealed: 'person_sealed',
  contactSealed: 'contact_sealed',
  locationSealed: 'location_sealed',
  narrativeSealed: 'narrative_sealed',
  sogiescSealed: 'sogiesc_sealed',
  healthSealed: 'health_sealed',
  documentsSealed: 'documents_sealed',
  dependantsSealed: 'dependants_sealed',
} as const satisfies Record<keyof CaseEntity, string>;

type CaseRow = { [K in keyof typeof CASE_FIELDS as (typeof CASE_FIELDS)[K]]: CaseEntity[K] };

const CASE_COLUMNS = Object.values(CASE_FIELDS).join(', ');
const CASE_PROPERTIES = Object.keys(CASE_FIELDS) as Array<keyof CaseEntity>;

const INSERT_CASE = prepared(
  'case_insert',
  `INSERT INTO cases (${CASE_COLUMNS}) VALUES (${CASE_PROPERTIES.map((_, i) => `$${i + 1}`).join(', ')})
   ON CONFLICT (reference) DO NOTHING
   RETURNING id`,
);

/** The same, with the opening caseworker's assignment (nothing is assigned when the reference is taken). */
const INSERT_CASE_SELF_ASSIGNED = prepared(
  'case_insert_self_assigned',
  `WITH inserted AS (
     INSERT INTO cases (${CASE_COLUMNS}) VALUES (${CASE_PROPERTIES.map((_, i) => `$${i + 1}`).join(', ')})
     ON CONFLICT (reference) DO NOTHING
     RETURNING id
   ), assigned AS (
     INSERT INTO case_assignments (case_id, user_id, assigned_at, assigned_by)
     SELECT id, $${CASE_PROPERTIES.length + 1}::uuid, $${CASE_PROPERTIES.length + 2}::timestamptz, $${CASE_PROPERTIES.length + 1}::varchar FROM inserted
     ON CONFLICT DO NOTHING
   )
   SELECT id FROM inserted`,
);

interface AccessExtras {
  read_assigned_ids: string[];
  read_break_glass_until: Date | null;
}

interface ReadExtras extends AccessExtras {
  read_break_glass_until: Date | null;
  read_key_version: number | null;
  read_kek_id: string | null;
  read_wrapped_key: Buffer | null;
  read_duplicates: Array<{ reference: string; reasons: string[] }>;
  read_has_triage: boolean;
  read_duplicate_of: string | null;
}

type RawListRow = Pick<
  CaseRow,
  | 'id'
  | 'reference'
  | 'stage'
  | 'priority'
  | 'flags'
  | 'origin_country'
  | 'current_country'
  | 'activation_id'
  | 'possible_duplicate'
  | 'triage_due_at'
  | 'triaged_at'
  | 'created_at'
  | 'updated_at'
  | 'person_sealed'
> & {
  key_version: number | null;
  kek_id: string | null;
  wrapped_key: Buffer | null;
  assigned_ids: string[];
  checkin_due_at: Date | null;
  checkin_deadline_at: Date | null;
  open_escalations: number;
  stay_country: string | null;
  stay_days_left: number | null;
};

/** The access facts' columns ($1 the reference, $2 the staff reader or null, $3 now); the access and read statements share them. */
const ACCESS_FACT_COLUMNS = `${Object.values(CASE_FIELDS)
  .map((column) => `c.${column}`)
  .join(', ')},
     ARRAY(SELECT a.user_id::text FROM case_assignments a WHERE a.case_id = c.id ORDER BY a.assigned_at, a.user_id) AS read_assigned_ids,
     (SELECT max(g.expires_at) FROM break_glass_grants g WHERE g.user_id = $2::uuid AND g.case_id = c.id AND g.expires_at > $3) AS read_break_glass_until`;

const CASE_ACCESS_FACTS = prepared('case_access_facts', `SELECT ${ACCESS_FACT_COLUMNS} FROM cases c WHERE c.reference = $1`);
const CASE_ACCESS_FACTS_FOR_UPDATE = prepared(
  'case_access_facts_for_update',
  `SELECT ${ACCESS_FACT_COLUMNS} FROM cases c WHERE c.reference = $1 FOR UPDATE OF c`,
);

const CASE_FOR_READ = prepared(
  'case_for_read',
  `SELECT ${ACCESS_FACT_COLUMNS},
     k.key_version AS read_key_version, k.kek_id AS read_kek_id, k.wrapped_key AS read_wrapped_key,
     COALESCE((SELECT json_agg(json_build_object('reference', o.reference, 'reasons', d.reasons) ORDER BY d.flagged_at)
               FROM case_duplicate_candidates d JOIN cases o ON o.id = CASE WHEN d.case_id = c.id THEN d.candidate_case_id ELSE d.case_id END
               WHERE (d.case_id = c.id OR d.candidate_case_id = c.id) AND d.resolved_at IS NULL AND o.erased_at IS NULL), '[]'::json) AS read_duplicates,
     (SELECT o.reference FROM case_duplicate_candidates d JOIN cases o ON o.id = CASE WHEN d.case_id = c.id THEN d.candidate_case_id ELSE d.case_id END
      WHERE (d.case_id = c.id OR d.candidate_case_id = c.id) AND d.closed_case_id = c.id LIMIT 1) AS read_duplicate_of,
     EXISTS (SELECT 1 FROM triage_assessments t WHERE t.case_id = c.id) AS read_has_triage
   FROM cases c
   LEFT JOIN data_keys k ON k.owner_type = 'case' AND k.owner_id = c.id
   WHERE c.reference = $1`,
);

const INSERT_HISTORY = prepared(
  'case_history_insert',
  `INSERT INTO case_history (id, case_id, occurred_at, actor_type, actor_id, kind, from_stage, to_stage, details, details_sealed)
   VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb, $10)`,
);

const STORE_MATCH_KEYS_AND_FIND_SHARING = prepared(
  'case_match_keys_store_and_find_sharing',
  `WITH stored AS (
     INSERT INTO case_match_keys (case_id, kind, digest)
     SELECT $1::uuid, d.kind, d.digest FROM unnest($2::varchar[], $3::varchar[]) AS d(kind, digest)
     ON CONFLICT DO NOTHING
   )
   SELECT c.id, c.reference,
     COALESCE((SELECT json_agg(json_build_object('kind', o.kind, 'value', o.digest)) FROM case_match_keys o WHERE o.case_id = c.id), '[]'::json) AS keys
   FROM cases c
   WHERE c.erased_at IS NULL AND c.id <> $1::uuid
     AND EXISTS (SELECT 1 FROM case_match_keys k WHERE k.case_id = c.id AND k.digest = ANY($3::varchar[]))
   LIMIT 20`,
);

function toAccessFacts(row: CaseRow & AccessExtras): CaseAccessFacts {
  return { row: toCaseEntity(row), assignedCaseworkerIds: row.read_assigned_ids, breakGlassUntil: row.read_break_glass_until };
}

function toCaseEntity(row: CaseRow): CaseEntity {
  const entity = {} as Record<keyof CaseEntity, unknown>;
  for (const [property, column] of Object.entries(CASE_FIELDS) as Array<[keyof CaseEntity, keyof CaseRow]>) entity[property] = row[column];
  return entity as CaseEntity;
}
