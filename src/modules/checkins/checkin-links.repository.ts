import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { CheckinLinkEntity, CheckinPinsEntity } from './checkin-links.entity';

/** Queries for check-in PINs and one-time links. */
@Injectable()
export class CheckinLinksRepository {
  constructor(private readonly dataSource: DataSource) {}

  private m(tx?: EntityManager): EntityManager {
    return tx ?? this.dataSource.manager;
  }

  findPins(caseId: string, tx?: EntityManager): Promise<CheckinPinsEntity | null> {
    return this.m(tx).getRepository(CheckinPinsEntity).findOneBy({ caseId });
  }

  async savePins(tx: EntityManager, row: CheckinPinsEntity): Promise<void> {
    await tx.getRepository(CheckinPinsEntity).upsert(row, ['caseId']);
  }

  async insertLink(tx: EntityManager, row: CheckinLinkEntity): Promise<void> {
    await tx.getRepository(CheckinLinkEntity).insert(row);
  }

  findLinkByHash(tokenHash: string, tx?: EntityManager): Promise<CheckinLinkEntity | null> {
    return this.m(tx).getRepository(CheckinLinkEntity).findOneBy({ tokenHash });
  }

  /** Locks the link row, so two submissions of one token are decided one after the other. */
  lockLinkByHash(tx: EntityManager, tokenHash: string): Promise<CheckinLinkEntity | null> {
    return tx.getRepository(CheckinLinkEntity).findOne({ where: { tokenHash }, lock: { mode: 'pessimistic_write' } });
  }

  async updateLink(tx: EntityManager, id: string, changes: Partial<Pick<CheckinLinkEntity, 'spentAt' | 'failedAttempts'>>): Promise<void> {
    await tx.getRepository(CheckinLinkEntity).update({ id }, changes);
  }

  /** An erased case keeps no way in: its PINs and links go. */
  async deleteForCase(tx: EntityManager, caseId: string): Promise<void> {
    await tx.getRepository(CheckinLinkEntity).delete({ caseId });
    await tx.getRepository(CheckinPinsEntity).delete({ caseId });
  }
}
