import { Injectable } from '@nestjs/common';
import { In, type EntityManager } from 'typeorm';
import type { KeysetPosition } from '@common/pagination/keyset';
import { CaseDocumentEntity, DocumentBlobEntity, SharedDocumentEntity } from './document.entity';

/** TypeORM answers an UPDATE … RETURNING on PostgreSQL with [rows, count]. */
function returned(result: unknown): Array<{ id: string }> {
  const rows: unknown = Array.isArray(result) && Array.isArray(result[0]) ? result[0] : result;
  return rows as Array<{ id: string }>;
}

export type GrantType = 'share' | 'expedite';

/** Document metadata, streams and grants. Every method joins the caller's transaction. */
@Injectable()
export class DocumentsRepository {
  async insertBlob(tx: EntityManager, row: DocumentBlobEntity): Promise<void> {
    await tx.getRepository(DocumentBlobEntity).insert(row);
  }

  findBlob(tx: EntityManager, id: string): Promise<DocumentBlobEntity | null> {
    return tx.getRepository(DocumentBlobEntity).findOneBy({ id });
  }

  async markStored(tx: EntityManager, id: string, segments: number, sizeBytes: number): Promise<boolean> {
    const rows = returned(
      await tx.query(`UPDATE document_blobs SET status = 'STORED', segments = $2, size_bytes = $3 WHERE id = $1 AND status = 'UPLOADING' RETURNING id`, [
        id,
        segments,
        sizeBytes,
      ]),
    );
    return rows.length === 1;
  }

  /** Returns the ids that were not discarded already. */
  async markDiscarded(tx: EntityManager, ids: string[], at: Date): Promise<string[]> {
    if (ids.length === 0) return [];
    const rows = returned(
      await tx.query(`UPDATE document_blobs SET status = 'DISCARDED', discarded_at = $2 WHERE id = ANY($1::uuid[]) AND status <> 'DISCARDED' RETURNING id`, [
        ids,
        at,
      ]),
    );
    return rows.map((row) => row.id);
  }

  async abandonedUploads(tx: EntityManager, before: Date, limit: number): Promise<string[]> {
    const rows: Array<{ id: string }> = await tx.query(
      `SELECT id FROM document_blobs WHERE status = 'UPLOADING' AND created_at < $1 ORDER BY created_at LIMIT $2 FOR UPDATE SKIP LOCKED`,
      [before, limit],
    );
    return rows.map((row) => row.id);
  }

  async blobIdsOfCase(tx: EntityManager, caseId: string): Promise<string[]> {
    const rows: Array<{ id: string }> = await tx.query(`SELECT id FROM document_blobs WHERE case_id = $1 AND status <> 'DISCARDED'`, [caseId]);
    return rows.map((row) => row.id);
  }

  async deleteBlob(tx: EntityManager, id: string): Promise<void> {
    await tx.getRepository(DocumentBlobEntity).delete({ id });
  }

  async insertDocument(tx: EntityManager, row: CaseDocumentEntity): Promise<void> {
    await tx.getRepository(CaseDocumentEntity).insert(row);
  }

  findDocument(tx: EntityManager, caseId: string, id: string, forUpdate = false): Promise<CaseDocumentEntity | null> {
    const query = tx.getRepository(CaseDocumentEntity).createQueryBuilder('d').where('d.id = :id AND d.case_id = :caseId', { id, caseId });
    if (forUpdate) query.setLock('pessimistic_write');
    return query.getOne();
  }

  documents(tx: EntityManager, caseId: string, after: KeysetPosition | null, limit: number, only?: string[]): Promise<CaseDocumentEntity[]> {
    const query = tx.getRepository(CaseDocumentEntity).createQueryBuilder('d').where('d.case_id = :caseId', { caseId });
    if (only) query.andWhere('d.id = ANY(:only)', { only });
    if (after) query.andWhere('(d.created_at, d.id) > (:createdAt, :id)', after);
    return query
      .orderBy('d.created_at', 'ASC')
      .addOrderBy('d.id', 'ASC')
      .take(limit + 1)
      .getMany();
  }

  async existing(tx: EntityManager, caseId: string, ids: string[]): Promise<string[]> {
    if (ids.length === 0) return [];
    const rows = await tx.getRepository(CaseDocumentEntity).find({ select: { id: true }, where: { caseId, id: In(ids) } });
    return rows.map((row) => row.id);
  }

  async updateDocument(tx: EntityManager, id: string, patch: Partial<CaseDocumentEntity>): Promise<void> {
    await tx.getRepository(CaseDocumentEntity).update({ id }, patch);
  }

  async deleteDocument(tx: EntityManager, id: string): Promise<void> {
    await tx.getRepository(SharedDocumentEntity).delete({ documentId: id });
    await tx.getRepository(CaseDocumentEntity).delete({ id });
  }

  async deleteDocumentsOfCase(tx: EntityManager, caseId: string): Promise<void> {
    await tx.getRepository(SharedDocumentEntity).delete({ caseId });
    await tx.getRepository(CaseDocumentEntity).delete({ caseId });
  }

  async grant(tx: EntityManager, grantType: GrantType, grantId: string, caseId: string, documentIds: string[]): Promise<void> {
    if (documentIds.length === 0) return;
    await tx.getRepository(SharedDocumentEntity).insert(documentIds.map((documentId) => ({ grantType, grantId, documentId, caseId })));
  }

  async grantedByGrant(tx: EntityManager, grantType: GrantType, grantIds: string[]): Promise<Map<string, string[]>> {
    const granted = new Map<string, string[]>(grantIds.map((id) => [id, []]));
    if (grantIds.length === 0) return granted;
    const rows = await tx.getRepository(SharedDocumentEntity).find({ where: { grantType, grantId: In(grantIds) }, order: { documentId: 'ASC' } });
    for (const row of rows) granted.get(row.grantId)?.push(row.documentId);
    return granted;
  }
}
