import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { KeysetPosition } from '@common/pagination/keyset';
import { EscalationEntity } from './escalation.entity';
import type { EscalationState, EscalationTrigger } from './domain/escalation';

export interface EscalationFilter {
  level?: number;
  trigger?: EscalationTrigger;
  state?: EscalationState;
  activationId?: string;
  caseReference?: string;
  /** Null: every case (coordinators). */
  caseIds: string[] | null;
  /** Coordinators: only cases with no activation or of these (active) activations. */
  coordinatedActivationIds?: string[];
}

@Injectable()
export class EscalationsRepository {
  constructor(private readonly dataSource: DataSource) {}

  private m(tx?: EntityManager): EntityManager {
    return tx ?? this.dataSource.manager;
  }

  /** Many at once; returns the ids inserted (a case and trigger with an unresolved one is skipped, by the same index). */
  async insertEscalationsIfNone(tx: EntityManager, rows: EscalationEntity[]): Promise<Set<string>> {
    if (rows.length === 0) return new Set();
    const inserted: Array<{ id: string }> = await tx.query(
      `INSERT INTO escalations (id, case_id, case_reference, trigger, level, state, opened_at, opened_by, level_changed_at)
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::varchar[], $4::varchar[], $5::int[], $6::varchar[], $7::timestamptz[], $8::varchar[], $9::timestamptz[])
       ON CONFLICT (case_id, trigger) WHERE state <> 'RESOLVED' DO NOTHING
       RETURNING id`,
      [
        rows.map((row) => row.id),
        rows.map((row) => row.caseId),
        rows.map((row) => row.caseReference),
        rows.map((row) => row.trigger),
        rows.map((row) => row.level),
        rows.map((row) => row.state),
        rows.map((row) => row.openedAt),
        rows.map((row) => row.openedBy),
        rows.map((row) => row.levelChangedAt),
      ],
    );
    return new Set(inserted.map((row) => row.id));
  }

  findEscalation(id: string, tx?: EntityManager): Promise<EscalationEntity | null> {
    return this.m(tx).getRepository(EscalationEntity).findOne({ where: { id } });
  }

  lockEscalation(tx: EntityManager, id: string): Promise<EscalationEntity | null> {
    return tx.getRepository(EscalationEntity).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  /** Unresolved escalations of a case with this trigger, locked. */
  async lockUnresolved(tx: EntityManager, caseId: string, trigger: EscalationTrigger): Promise<EscalationEntity[]> {
    return tx
      .getRepository(EscalationEntity)
      .createQueryBuilder('e')
      .where('e.case_id = :caseId AND e.trigger = :trigger AND e.state <> :resolved', { caseId, trigger, resolved: 'RESOLVED' })
      .setLock('pessimistic_write')
      .getMany();
  }

  async updateEscalation(tx: EntityManager, id: string, changes: Partial<Omit<EscalationEntity, 'id'>>): Promise<void> {
    await tx.getRepository(EscalationEntity).update({ id }, changes);
  }

  page(filter: EscalationFilter, after: KeysetPosition | null, limit: number): Promise<EscalationEntity[]> {
    const query = this.dataSource.getRepository(EscalationEntity).createQueryBuilder('e');
    if (filter.caseIds) query.andWhere('e.case_id = ANY(:caseIds)', { caseIds: filter.caseIds });
    if (filter.coordinatedActivationIds) {
      query.andWhere('EXISTS (SELECT 1 FROM cases c WHERE c.id = e.case_id AND (c.activation_id IS NULL OR c.activation_id = ANY(:coordinated::uuid[])))', {
        coordinated: filter.coordinatedActivationIds,
      });
    }
    if (filter.level !== undefined) query.andWhere('e.level = :level', { level: filter.level });
    if (filter.trigger) query.andWhere('e.trigger = :trigger', { trigger: filter.trigger });
    if (filter.state) query.andWhere('e.state = :state', { state: filter.state });
    if (filter.activationId)
      query.andWhere('e.case_id IN (SELECT c.id FROM cases c WHERE c.activation_id = :activationId)', { activationId: filter.activationId });
    if (filter.caseReference)
      query.andWhere('e.case_id = (SELECT c.id FROM cases c WHERE c.reference = :caseReference)', { caseReference: filter.caseReference });
    if (after) query.andWhere('(e.opened_at, e.id) > (:at, :id)', { at: after.createdAt, id: after.id });
    return query
      .orderBy('e.opened_at', 'ASC')
      .addOrderBy('e.id', 'ASC')
      .limit(limit + 1)
      .getMany();
  }
}
