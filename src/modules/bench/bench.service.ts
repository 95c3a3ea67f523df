import { Injectable } from '@nestjs/common';
import { RecordNotFoundException } from '@common/access/access.exception';
import { BenchRepository } from './bench.repository';

export interface BenchCaseView {
  reference: string;
  stage: string;
  priority: string;
  createdAt: string;
}

@Injectable()
export class BenchService {
  constructor(private readonly repository: BenchRepository) {}

  async findCase(reference: string): Promise<BenchCaseView> {
    const row = await this.repository.findCase(reference);
    if (!row) throw new RecordNotFoundException('case');
    return { reference: row.reference, stage: row.stage, priority: row.priority, createdAt: row.createdAt.toISOString() };
  }
}
