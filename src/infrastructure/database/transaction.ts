import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';

/** The transactional unit of work. Repositories take the `EntityManager` it hands out. */
@Injectable()
export class TransactionRunner {
  constructor(private readonly dataSource: DataSource) {}

  run<T>(work: (tx: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  /** Queries outside a transaction use the data source's own manager. */
  get manager(): EntityManager {
    return this.dataSource.manager;
  }
}
