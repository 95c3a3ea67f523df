import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** The plain columns the peer route answers with (no sealed column is ever returned). */
export interface BenchCaseRow {
  id: string;
  reference: string;
  stage: string;
  priority: string;
  createdAt: Date;
}

@Injectable()
export class BenchRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * What a typical NestJS CRUD route does: `findOne` by key through a TypeORM repository, with
   * entity hydration. The entity is named, not imported: it stays private to the cases module.
   */
  findCase(reference: string): Promise<BenchCaseRow | null> {
    return this.dataSource.getRepository<BenchCaseRow>('CaseEntity').findOne({ where: { reference } });
  }
}
