import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { DataKeyOwner } from './data-key';

export interface DataKeyRow {
  ownerType: string;
  ownerId: string;
  keyVersion: number;
  kekId: string;
  wrappedKey: Buffer;
}

interface RawRow {
  owner_type: string;
  owner_id: string;
  key_version: number;
  kek_id: string;
  wrapped_key: Buffer;
}

const toRow = (r: RawRow): DataKeyRow => ({
  ownerType: r.owner_type,
  ownerId: r.owner_id,
  keyVersion: r.key_version,
  kekId: r.kek_id,
  wrappedKey: r.wrapped_key,
});

const COLUMNS = 'owner_type, owner_id, key_version, kek_id, wrapped_key';

@Injectable()
export class DataKeyRepository {
  /** False when the owner already has a key (the caller's transaction stays usable). */
  async insert(tx: EntityManager, row: DataKeyRow, createdAt: Date): Promise<boolean> {
    const inserted: unknown[] = await tx.query(
      `INSERT INTO data_keys (owner_type, owner_id, key_version, kek_id, wrapped_key, created_at)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (owner_type, owner_id) DO NOTHING
       RETURNING owner_id`,
      [row.ownerType, row.ownerId, row.keyVersion, row.kekId, row.wrappedKey, createdAt],
    );
    return inserted.length === 1;
  }

  async find(tx: EntityManager, owner: DataKeyOwner): Promise<DataKeyRow | null> {
    const rows: RawRow[] = await tx.query(`SELECT ${COLUMNS} FROM data_keys WHERE owner_type = $1 AND owner_id = $2`, [owner.type, owner.id]);
    return rows[0] ? toRow(rows[0]) : null;
  }

  async delete(tx: EntityManager, owner: DataKeyOwner): Promise<boolean> {
    const result: [unknown[], number] = await tx.query(`DELETE FROM data_keys WHERE owner_type = $1 AND owner_id = $2`, [owner.type, owner.id]);
    return result[1] > 0;
  }

  /** Locks a batch of keys not wrapped under `kekId`; concurrent rotations skip each other's rows. */
  async claimNotWrappedUnder(tx: EntityManager, kekId: string, limit: number): Promise<DataKeyRow[]> {
    const rows: RawRow[] = await tx.query(
      `SELECT ${COLUMNS} FROM data_keys
       WHERE kek_id <> $1
       ORDER BY owner_type, owner_id
       LIMIT $2 FOR UPDATE SKIP LOCKED`,
      [kekId, limit],
    );
    return rows.map(toRow);
  }

  async updateWrapping(tx: EntityManager, row: Pick<DataKeyRow, 'ownerType' | 'ownerId' | 'kekId' | 'wrappedKey'>, rotatedAt: Date): Promise<void> {
    await tx.query(`UPDATE data_keys SET kek_id = $3, wrapped_key = $4, rotated_at = $5 WHERE owner_type = $1 AND owner_id = $2`, [
      row.ownerType,
      row.ownerId,
      row.kekId,
      row.wrappedKey,
      rotatedAt,
    ]);
  }

  async countByKek(tx: EntityManager): Promise<Array<{ kekId: string; count: number }>> {
    const rows: Array<{ kek_id: string; count: number }> = await tx.query(
      `SELECT kek_id, count(*)::int AS count FROM data_keys GROUP BY kek_id ORDER BY kek_id`,
    );
    return rows.map((r) => ({ kekId: r.kek_id, count: r.count }));
  }
}
