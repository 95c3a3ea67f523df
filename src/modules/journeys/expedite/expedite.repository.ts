import { Injectable } from '@nestjs/common';
import { In, type EntityManager } from 'typeorm';
import type { KeysetPosition } from '@common/pagination/keyset';
import { ExpediteRequestEntity, ExpediteResponseEntity } from './expedite.entity';

/** Expedited requests and answers. Queries only; a partner's lookups are always scoped by its agency. */
@Injectable()
export class ExpediteRepository {
  /** False when an undecided request of this application and agency exists (the unique index decides). */
  async insertRequest(tx: EntityManager, row: ExpediteRequestEntity): Promise<boolean> {
    const inserted = await tx.createQueryBuilder().insert().into(ExpediteRequestEntity).values(row).orIgnore().returning('id').execute();
    return (inserted.raw as unknown[]).length === 1;
  }

  forCase(tx: EntityManager, caseId: string): Promise<ExpediteRequestEntity[]> {
    return tx.getRepository(ExpediteRequestEntity).find({ where: { caseId }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  responsesOf(tx: EntityManager, requestIds: string[]): Promise<ExpediteResponseEntity[]> {
    if (requestIds.length === 0) return Promise.resolve([]);
    return tx.getRepository(ExpediteResponseEntity).find({ where: { requestId: In(requestIds) }, order: { respondedAt: 'ASC', id: 'ASC' } });
  }

  pageForAgency(tx: EntityManager, agencyId: string, after: KeysetPosition | null, limit: number): Promise<ExpediteRequestEntity[]> {
    // An erased case's requests are gone for the liaison too (its share is already shredded).
    const query = tx
      .getRepository(ExpediteRequestEntity)
      .createQueryBuilder('r')
      .where('r.agency_id = :agencyId', { agencyId })
      .andWhere('NOT EXISTS (SELECT 1 FROM cases c WHERE c.id = r.case_id AND c.erased_at IS NOT NULL)');
    if (after) query.andWhere('(r.created_at, r.id) > (:at, :id)', { at: after.createdAt, id: after.id });
    return query
      .orderBy('r.created_at', 'ASC')
      .addOrderBy('r.id', 'ASC')
      .limit(limit + 1)
      .getMany();
  }

  lockForAgency(tx: EntityManager, id: string, agencyId: string): Promise<ExpediteRequestEntity | null> {
    return tx.getRepository(ExpediteRequestEntity).findOne({ where: { id, agencyId }, lock: { mode: 'pessimistic_write' } });
  }

  findForAgency(tx: EntityManager, id: string, agencyId: string): Promise<ExpediteRequestEntity | null> {
    return tx.getRepository(ExpediteRequestEntity).findOne({ where: { id, agencyId } });
  }

  lock(tx: EntityManager, id: string): Promise<ExpediteRequestEntity | null> {
    return tx.getRepository(ExpediteRequestEntity).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  async updateRequest(tx: EntityManager, id: string, changes: Partial<Omit<ExpediteRequestEntity, 'id' | 'caseId' | 'agencyId'>>): Promise<void> {
    await tx.getRepository(ExpediteRequestEntity).update({ id }, changes);
  }

  async insertResponse(tx: EntityManager, row: ExpediteResponseEntity): Promise<void> {
    await tx.getRepository(ExpediteResponseEntity).insert(row);
  }

  /**
   * Undecided requests whose deadline has passed and that are not yet marked overdue; marks
   * them in the same statement, so each is returned once however often the tick runs.
   */
  async markOverdue(tx: EntityManager, now: Date, limit: number): Promise<Array<{ id: string; caseId: string }>> {
    const [rows]: [Array<{ id: string; case_id: string }>, number] = await tx.query(
      `UPDATE expedite_requests SET overdue_at = $1, updated_at = $1
       WHERE id IN (
         SELECT id FROM expedite_requests
         WHERE decided_at IS NULL AND overdue_at IS NULL AND deadline_at <= $1
         ORDER BY deadline_at LIMIT $2 FOR UPDATE SKIP LOCKED)
       RETURNING id, case_id`,
      [now, limit],
    );
    return rows.map((row) => ({ id: row.id, caseId: row.case_id }));
  }

  /** Case erasure: the person's share, override reasons, messages and documents go. */
  async eraseProtected(tx: EntityManager, caseId: string): Promise<void> {
    await tx.query(`UPDATE expedite_requests SET person_share_sealed = NULL, consent_override_reason_sealed = NULL WHERE case_id = $1`, [caseId]);
    await tx.query(`UPDATE expedite_responses SET message_sealed = NULL, document_sealed = NULL WHERE case_id = $1`, [caseId]);
  }
}
