import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { KeysetPosition } from '@common/pagination/keyset';
import { ReferralEntity } from './referral.entity';

/** Referrals. Queries only; every read is scoped to the agency that made the referral. */
@Injectable()
export class ReferralsRepository {
  async insert(tx: EntityManager, row: ReferralEntity): Promise<void> {
    await tx.getRepository(ReferralEntity).insert(row);
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
    return query.orderBy('r.created_at', 'ASC').addOrderBy('r.id', 'ASC').limit(limit + 1).getMany();
  }
}
