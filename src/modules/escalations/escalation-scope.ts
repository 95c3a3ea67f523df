import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { RecordNotFoundException } from '@common/access/access.exception';
import type { RequestContext } from '@common/access/request-context';
import { StaffRole } from '@common/access/roles';
import { StaffDirectory } from '@common/access/staff-directory';
import { CaseAccessService } from '@modules/cases/case-access.service';
import { CaseFactsService } from '@modules/cases/case-facts.service';
import type { EscalationEntity } from './escalation.entity';
import { EscalationsRepository } from './escalations.repository';

/** Staff reach an escalation through its case: the one check for every staff route on one, and who may hold one. */
@Injectable()
export class EscalationScope {
  constructor(
    private readonly repository: EscalationsRepository,
    private readonly access: CaseAccessService,
    private readonly staff: StaffDirectory,
    private readonly cases: CaseFactsService,
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

  /** An active coordinator, or an active caseworker assigned to the case (anyone else could not open it). */
  async mayBeAssigned(tx: EntityManager, caseId: string, assigneeId: string): Promise<boolean> {
    return (
      (await this.staff.activeIdsWithRole(tx, StaffRole.Coordinator)).includes(assigneeId) ||
      ((await this.staff.activeIdsWithRole(tx, StaffRole.Caseworker)).includes(assigneeId) &&
        (await this.cases.assignedCaseworkerIds(tx, caseId)).includes(assigneeId))
    );
  }
}
