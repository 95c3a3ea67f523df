import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { KeysetPosition } from '@common/pagination/keyset';
import { prepared, queryPrepared } from '@infra/database/prepared';
import { ReferralEntity } from './referral.entity';

const INSERT_REFERRAL = prepared(
  'referral_insert',
  `INSERT INTO referrals (id, agency_id, case_id, status, status_version, created_at, status_changed_at)
   VALUES ($1, $2, $3, $4, $5, $6, $7)`,
);

/** Referrals. Queries only; every read is scoped to the agency that made the referral. */
@Injectable()
export class ReferralsRepository {
  /** One per intake: a prepared statement (docs/PERFORMANCE.md, referral-intake). */
  async insert(tx: EntityManager, row: ReferralEntity): Promise<void> {
    await queryPrepared(tx, INSERT_REFERRAL, [row.id, row.agencyId, row.caseId, row.status, row.statusVersion, row.createdAt, row.statusChangedAt]);
  }

  findOfAgency(tx: EntityManager, id: string, agencyId: string): Promise<ReferralEntity | null> {
    return tx.getRepository(ReferralEntity).findOne({ where: { id, agencyId } });
  }

  findByCase(tx: EntityManager, caseId: string): Promise<ReferralEntity | null> {
    return tx.getRepository(ReferralEntity).findOne({ where: { caseId }, lock: { mode: 'pessimistic_write' } });
  }

  async update(tx: EntityManager, id: string, changes: Partial<Omit<ReferralEntity, 'id'>>): Promise<void> {
    await tx.getRepository(ReferralEntity).update({ id }, changes);
  }

  listOfAgency(tx: EntityManager, agencyId: string, after: KeysetPosition | null, limit: number): Promise<ReferralEntity[]> {
    const query = tx.getRepository(ReferralEntity).createQueryBuilder('r').where('r.agency_id = :agencyId', { agencyId });
    if (after) query.andWhere('(r.created_at, r.id) > (:createdAt, :id)', after);
    return query
      .orderBy('r.created_at', 'ASC')
      .addOrderBy('r.id', 'ASC')
      .limit(limit + 1)
      .getMany();
  }
}
