import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { EscalationEventEntity } from './escalation-event.entity';

/** The escalation timeline's rows. Queries only. */
@Injectable()
export class EscalationEventsRepository {
  async insert(tx: EntityManager, row: EscalationEventEntity): Promise<void> {
    await tx.getRepository(EscalationEventEntity).insert(row);
  }

  async insertMany(tx: EntityManager, rows: EscalationEventEntity[]): Promise<void> {
    if (rows.length > 0) await tx.getRepository(EscalationEventEntity).insert(rows);
  }

  of(tx: EntityManager, escalationId: string): Promise<EscalationEventEntity[]> {
    return tx.getRepository(EscalationEventEntity).find({ where: { escalationId }, order: { occurredAt: 'ASC', id: 'ASC' } });
  }
}
