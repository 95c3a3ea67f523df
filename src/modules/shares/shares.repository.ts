import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { KeysetPosition } from '@common/pagination/keyset';
import { CaseShareEntity, ServiceUpdateEntity } from './case-share.entity';

/** Case shares and partner service updates. Queries only. */
@Injectable()
export class SharesRepository {
  async insertShare(tx: EntityManager, row: CaseShareEntity): Promise<void> {
    await tx.getRepository(CaseShareEntity).insert(row);
  }

  /** The agency's active share of the case, if any (one at most: creation supersedes). */
  async activeShare(tx: EntityManager, caseId: string, agencyId: string, now: Date): Promise<CaseShareEntity | null> {
    return tx
      .getRepository(CaseShareEntity)
      .createQueryBuilder('s')
      .where('s.case_id = :caseId AND s.agency_id = :agencyId AND s.revoked_at IS NULL AND s.expires_at > :now', { caseId, agencyId, now })
      .orderBy('s.created_at', 'DESC')
      .getOne();
  }

  async agenciesSharing(tx: EntityManager, caseId: string, now: Date): Promise<string[]> {
    // A share grants nothing once consent to sharing is withdrawn or the case erased: tell no one then.
    const rows: Array<{ agency_id: string }> = await tx.query(
      `SELECT DISTINCT s.agency_id FROM case_shares s JOIN cases c ON c.id = s.case_id
       WHERE s.case_id = $1 AND s.revoked_at IS NULL AND s.expires_at > $2 AND c.consent_sharing AND c.erased_at IS NULL ORDER BY s.agency_id`,
      [caseId, now],
    );
    return rows.map((row) => row.agency_id);
  }

  /** The references of those cases the agency holds an active share of (as `agenciesSharing` counts one), by case id. */
  async sharedReferences(tx: EntityManager, caseIds: readonly string[], agencyId: string, now: Date): Promise<Map<string, string>> {
    if (caseIds.length === 0) return new Map();
    const rows: Array<{ id: string; reference: string }> = await tx.query(
      `SELECT c.id, c.reference FROM cases c
       WHERE c.id = ANY($1::uuid[]) AND c.consent_sharing AND c.erased_at IS NULL
         AND EXISTS (SELECT 1 FROM case_shares s WHERE s.case_id = c.id AND s.agency_id = $2 AND s.revoked_at IS NULL AND s.expires_at > $3)`,
      [caseIds, agencyId, now],
    );
    return new Map(rows.map((row) => [row.id, row.reference]));
  }

  /** Ends every active share of the case with the agency (a new one supersedes them). */
  async revokeActive(tx: EntityManager, caseId: string, agencyId: string, now: Date, by: string): Promise<string[]> {
    const [rows] = await tx.query<[Array<{ id: string }>, number]>(
      `UPDATE case_shares SET revoked_at = $3, revoked_by = $4 WHERE case_id = $1 AND agency_id = $2 AND revoked_at IS NULL AND expires_at > $3 RETURNING id`,
      [caseId, agencyId, now, by],
    );
    return rows.map((row) => row.id);
  }

  findShare(tx: EntityManager, caseId: string, shareId: string, forUpdate = false): Promise<CaseShareEntity | null> {
    return tx
      .getRepository(CaseShareEntity)
      .findOne({ where: { id: shareId, caseId }, ...(forUpdate ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
  }

  async markRevoked(tx: EntityManager, shareId: string, at: Date, by: string): Promise<void> {
    await tx.getRepository(CaseShareEntity).update({ id: shareId }, { revokedAt: at, revokedBy: by });
  }

  sharesOfCase(tx: EntityManager, caseId: string, after: KeysetPosition | null, limit: number): Promise<CaseShareEntity[]> {
    const query = tx.getRepository(CaseShareEntity).createQueryBuilder('s').where('s.case_id = :caseId', { caseId });
    if (after) query.andWhere('(s.created_at, s.id) > (:createdAt, :id)', after);
    return query
      .orderBy('s.created_at', 'ASC')
      .addOrderBy('s.id', 'ASC')
      .limit(limit + 1)
      .getMany();
  }

  /** The agency's active shares with their case references, oldest first. */
  async activeSharesOfAgency(
    tx: EntityManager,
    agencyId: string,
    now: Date,
    after: KeysetPosition | null,
    limit: number,
  ): Promise<Array<CaseShareEntity & { reference: string }>> {
    const params: unknown[] = [agencyId, now, limit + 1];
    const keyset = after ? ` AND (s.created_at, s.id) > ($4, $5)` : '';
    if (after) params.push(after.createdAt, after.id);
    const rows: Array<{
      id: string;
      case_id: string;
      agency_id: string;
      fields: string[];
      purpose: string;
      created_by: string;
      created_at: Date;
      expires_at: Date;
      revoked_at: Date | null;
      revoked_by: string | null;
      reference: string;
    }> = await tx.query(
      `SELECT s.*, c.reference FROM case_shares s JOIN cases c ON c.id = s.case_id
       WHERE s.agency_id = $1 AND s.revoked_at IS NULL AND s.expires_at > $2 AND c.erased_at IS NULL AND c.consent_sharing${keyset}
       ORDER BY s.created_at, s.id LIMIT $3`,
      params,
    );
    return rows.map((row) => ({
      id: row.id,
      caseId: row.case_id,
      agencyId: row.agency_id,
      fields: row.fields as CaseShareEntity['fields'],
      purpose: row.purpose as CaseShareEntity['purpose'],
      createdBy: row.created_by,
      createdAt: row.created_at,
      expiresAt: row.expires_at,
      revokedAt: row.revoked_at,
      revokedBy: row.revoked_by,
      reference: row.reference,
    }));
  }

  async insertServiceUpdate(tx: EntityManager, row: ServiceUpdateEntity): Promise<void> {
    await tx.getRepository(ServiceUpdateEntity).insert(row);
  }

  serviceUpdates(tx: EntityManager, caseId: string, after: KeysetPosition | null, limit: number): Promise<ServiceUpdateEntity[]> {
    const query = tx.getRepository(ServiceUpdateEntity).createQueryBuilder('u').where('u.case_id = :caseId', { caseId });
    if (after) query.andWhere('(u.created_at, u.id) > (:createdAt, :id)', after);
    return query
      .orderBy('u.created_at', 'ASC')
      .addOrderBy('u.id', 'ASC')
      .limit(limit + 1)
      .getMany();
  }

  /** Erasure: the notes are sealed under the shredded key anyway; drop them with the case content. */
  async eraseServiceUpdateNotes(tx: EntityManager, caseId: string): Promise<void> {
    await tx.getRepository(ServiceUpdateEntity).update({ caseId }, { noteSealed: null });
  }
}
