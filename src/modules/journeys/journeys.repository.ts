import { Injectable } from '@nestjs/common';
import { DataSource, In, Not, type EntityManager } from 'typeorm';
import { MovementLegStatus, RelocationPlanStatus } from './domain/journey-status';
import { MovementLegEntity, RelocationPlanEntity, SafeCountryStayEntity, StayRuleEntity } from './journey-records.entity';
import { ResettlementApplicationEntity, ResettlementMilestoneEntity } from './resettlement/resettlement.entity';

/** Plans, legs, stays and stay rules. Queries only; every lookup of a child row is scoped by its case. */
@Injectable()
export class JourneysRepository {
  constructor(private readonly dataSource: DataSource) {}

  private m(tx?: EntityManager): EntityManager {
    return tx ?? this.dataSource.manager;
  }

  async insertPlan(tx: EntityManager, row: RelocationPlanEntity): Promise<void> {
    await tx.getRepository(RelocationPlanEntity).insert(row);
  }

  findPlan(tx: EntityManager, caseId: string, id: string): Promise<RelocationPlanEntity | null> {
    return tx.getRepository(RelocationPlanEntity).findOne({ where: { id, caseId }, lock: { mode: 'pessimistic_write' } });
  }

  async updatePlan(tx: EntityManager, id: string, changes: Partial<Omit<RelocationPlanEntity, 'id' | 'caseId'>>): Promise<void> {
    await tx.getRepository(RelocationPlanEntity).update({ id }, changes);
  }

  plans(caseId: string, tx?: EntityManager): Promise<RelocationPlanEntity[]> {
    return this.m(tx)
      .getRepository(RelocationPlanEntity)
      .find({ where: { caseId }, order: { requestedAt: 'ASC', id: 'ASC' } });
  }

  /** The case's current plan: the latest one its requester has not withdrawn. */
  currentPlan(tx: EntityManager, caseId: string): Promise<RelocationPlanEntity | null> {
    return tx.getRepository(RelocationPlanEntity).findOne({
      where: { caseId, status: Not(RelocationPlanStatus.WITHDRAWN) },
      order: { requestedAt: 'DESC', id: 'DESC' },
    });
  }

  async insertLeg(tx: EntityManager, row: MovementLegEntity): Promise<void> {
    await tx.getRepository(MovementLegEntity).insert(row);
  }

  findLeg(tx: EntityManager, caseId: string, id: string): Promise<MovementLegEntity | null> {
    return tx.getRepository(MovementLegEntity).findOne({ where: { id, caseId }, lock: { mode: 'pessimistic_write' } });
  }

  async updateLeg(tx: EntityManager, id: string, changes: Partial<Omit<MovementLegEntity, 'id' | 'caseId'>>): Promise<void> {
    await tx.getRepository(MovementLegEntity).update({ id }, changes);
  }

  legs(caseId: string, tx?: EntityManager): Promise<MovementLegEntity[]> {
    return this.m(tx)
      .getRepository(MovementLegEntity)
      .find({ where: { caseId }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  /** A leg has left and was not aborted: the person is on the move or has arrived. */
  async departureRecorded(tx: EntityManager, caseId: string): Promise<boolean> {
    return (await tx.getRepository(MovementLegEntity).count({ where: { caseId, status: In([MovementLegStatus.UNDERWAY, MovementLegStatus.COMPLETED]) } })) > 0;
  }

  async insertStay(tx: EntityManager, row: SafeCountryStayEntity): Promise<void> {
    await tx.getRepository(SafeCountryStayEntity).insert(row);
  }

  findStay(tx: EntityManager, caseId: string, id: string): Promise<SafeCountryStayEntity | null> {
    return tx.getRepository(SafeCountryStayEntity).findOne({ where: { id, caseId }, lock: { mode: 'pessimistic_write' } });
  }

  async updateStay(tx: EntityManager, id: string, changes: Partial<Omit<SafeCountryStayEntity, 'id' | 'caseId'>>): Promise<void> {
    await tx.getRepository(SafeCountryStayEntity).update({ id }, changes);
  }

  stays(caseId: string, tx?: EntityManager): Promise<SafeCountryStayEntity[]> {
    return this.m(tx)
      .getRepository(SafeCountryStayEntity)
      .find({ where: { caseId }, order: { entryDate: 'ASC', id: 'ASC' } });
  }

  /** The stay not yet ended (at most one: arrival is refused while one is open). */
  openStay(tx: EntityManager, caseId: string): Promise<SafeCountryStayEntity | null> {
    return tx
      .getRepository(SafeCountryStayEntity)
      .createQueryBuilder('s')
      .where('s.case_id = :caseId AND s.exit_date IS NULL', { caseId })
      .orderBy('s.entry_date', 'DESC')
      .addOrderBy('s.id', 'DESC')
      .getOne();
  }

  /** Case erasure: every sealed journey value of the case goes. */
  async eraseProtected(tx: EntityManager, caseId: string): Promise<void> {
    await tx.query(`UPDATE relocation_plans SET notes_sealed = NULL WHERE case_id = $1`, [caseId]);
    await tx.query(`UPDATE safe_country_stays SET accommodation_location_sealed = NULL WHERE case_id = $1`, [caseId]);
    await tx.query(`UPDATE resettlement_applications SET consent_override_reason_sealed = NULL WHERE case_id = $1`, [caseId]);
    await tx.query(`UPDATE resettlement_milestones SET note_sealed = NULL WHERE case_id = $1`, [caseId]);
  }

  /**
   * Open stays with a known allowance and at most `threshold` days left on `today` (entry day
   * counts as day one, as in the stay clock). Allowed days were copied at arrival, so editing a
   * stay rule later does not move these.
   */
  async staysWithinDays(
    tx: EntityManager,
    today: string,
    threshold: number,
    limit: number,
  ): Promise<Array<{ id: string; caseId: string; daysRemaining: number }>> {
    const rows: Array<{ id: string; case_id: string; days_remaining: number }> = await tx.query(
      `SELECT id, case_id, allowed_days - ($1::date - entry_date) AS days_remaining
         FROM safe_country_stays
        WHERE exit_date IS NULL AND allowed_days IS NOT NULL AND allowed_days - ($1::date - entry_date) <= $2
        ORDER BY entry_date, id
        LIMIT $3`,
      [today, threshold, limit],
    );
    return rows.map((row) => ({ id: row.id, caseId: row.case_id, daysRemaining: Number(row.days_remaining) }));
  }

  async insertApplication(tx: EntityManager, row: ResettlementApplicationEntity): Promise<void> {
    await tx.getRepository(ResettlementApplicationEntity).insert(row);
  }

  findApplication(tx: EntityManager, caseId: string, id: string): Promise<ResettlementApplicationEntity | null> {
    return tx.getRepository(ResettlementApplicationEntity).findOne({ where: { id, caseId }, lock: { mode: 'pessimistic_write' } });
  }

  async updateApplication(tx: EntityManager, id: string, changes: Partial<Omit<ResettlementApplicationEntity, 'id' | 'caseId'>>): Promise<void> {
    await tx.getRepository(ResettlementApplicationEntity).update({ id }, changes);
  }

  applications(caseId: string, tx?: EntityManager): Promise<ResettlementApplicationEntity[]> {
    return this.m(tx)
      .getRepository(ResettlementApplicationEntity)
      .find({ where: { caseId }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  async insertMilestone(tx: EntityManager, row: ResettlementMilestoneEntity): Promise<void> {
    await tx.getRepository(ResettlementMilestoneEntity).insert(row);
  }

  milestones(caseId: string, tx?: EntityManager): Promise<ResettlementMilestoneEntity[]> {
    return this.m(tx)
      .getRepository(ResettlementMilestoneEntity)
      .find({ where: { caseId }, order: { occurredOn: 'ASC', id: 'ASC' } });
  }

  stayRule(tx: EntityManager, nationality: string, hostCountry: string): Promise<StayRuleEntity | null> {
    return tx.getRepository(StayRuleEntity).findOne({ where: { nationality, hostCountry } });
  }

  stayRules(): Promise<StayRuleEntity[]> {
    return this.dataSource.getRepository(StayRuleEntity).find({ order: { nationality: 'ASC', hostCountry: 'ASC' } });
  }

  async upsertStayRule(tx: EntityManager, row: StayRuleEntity): Promise<void> {
    await tx.getRepository(StayRuleEntity).upsert(row, ['nationality', 'hostCountry']);
  }
}
