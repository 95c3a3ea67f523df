import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { RecordNotFoundException } from '@common/access/access.exception';
import type { RequestContext } from '@common/access/request-context';
import { CaseAccessService } from '@modules/cases/case-access.service';
import type { EscalationEntity } from './escalation.entity';
import { EscalationsRepository } from './escalations.repository';

/** Staff reach an escalation through its case: the one check for every staff route on one. */
@Injectable()
export class EscalationScope {
  constructor(
    private readonly repository: EscalationsRepository,
    private readonly access: CaseAccessService,
  ) {}

  /** Loads the escalation, then asks the case policy: out of scope answers like unknown (404, audited). */
  async lock(tx: EntityManager, ctx: RequestContext, id: string, action: 'read' | 'write' = 'write'): Promise<EscalationEntity> {
    const found = await this.repository.findEscalation(id, tx);
    if (!found) throw new RecordNotFoundException('escalation');
    try {
      await this.access.require(tx, ctx, found.caseReference, action);
    } catch (error) {
      if (error instanceof RecordNotFoundException) throw new RecordNotFoundException('escalation');
      throw error;
    }
    const row = await this.repository.lockEscalation(tx, id);
    if (!row) throw new RecordNotFoundException('escalation');
    return row;
  }
}
