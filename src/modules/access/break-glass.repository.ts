import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { BreakGlassGrantEntity } from './break-glass-grant.entity';

@Injectable()
export class BreakGlassRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insert(tx: EntityManager, grant: BreakGlassGrantEntity): Promise<void> {
    await tx.getRepository(BreakGlassGrantEntity).insert(grant);
  }

  /** The latest expiry of the user's grants on the case that are still running, or null. */
  async activeUntil(userId: string, caseId: string, now: Date, tx?: EntityManager): Promise<Date | null> {
    const [row]: Array<{ until: Date | null }> = await (tx ?? this.dataSource.manager).query(
      `SELECT max(expires_at) AS until FROM break_glass_grants WHERE user_id = $1 AND case_id = $2 AND expires_at > $3`,
      [userId, caseId, now],
    );
    return row?.until ?? null;
  }
}
