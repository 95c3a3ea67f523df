import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/**
 * Read-only SQL for the staff member's workspace (who am I, what waits for me): plain columns
 * only — ids, references, stages, timestamps — never a sealed field.
 */
@Injectable()
export class WorkspaceRepository {
  constructor(private readonly dataSource: DataSource) {}

  async activationsCoordinatedBy(userId: string): Promise<Array<{ id: string; code: string }>> {
    return this.dataSource.query(`SELECT id, code FROM activations WHERE status = 'ACTIVE' AND $1 = ANY(coordinator_ids) ORDER BY started_at, id`, [userId]);
  }
}
