import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { SystemStateEntity } from './system-state.entity';

@Injectable()
export class LockdownRepository {
  constructor(private readonly dataSource: DataSource) {}

  async read(tx?: EntityManager): Promise<SystemStateEntity> {
    const state = await (tx ?? this.dataSource.manager).getRepository(SystemStateEntity).findOneOrFail({ where: { id: 1 } });
    return state;
  }

  readForUpdate(tx: EntityManager): Promise<SystemStateEntity> {
    return tx.getRepository(SystemStateEntity).findOneOrFail({ where: { id: 1 }, lock: { mode: 'pessimistic_write' } });
  }

  async update(tx: EntityManager, changes: Partial<Omit<SystemStateEntity, 'id'>>): Promise<void> {
    await tx.getRepository(SystemStateEntity).update({ id: 1 }, changes);
  }

  async currentEpoch(): Promise<number> {
    const [row]: Array<{ credential_epoch: number }> = await this.dataSource.query(`SELECT credential_epoch FROM system_state WHERE id = 1`);
    return row?.credential_epoch ?? 0;
  }
}
