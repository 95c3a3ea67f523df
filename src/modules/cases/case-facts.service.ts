import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Actor } from '@common/access/principal';
import { Clock } from '@common/clock/clock';
import { CaseJournal } from './case-journal';
import { CasesRepository } from './cases.repository';
import { CaseFlag, type CasePriority, type CaseStage } from './domain/case-stage';

/** The plain facts of a case other modules act on (no protected content). */
export interface CaseFacts {
  id: string;
  reference: string;
  stage: CaseStage;
  priority: CasePriority;
  flags: CaseFlag[];
  triageDueAt: Date | null;
  triagedAt: Date | null;
  erased: boolean;
}

/** Read and flag cases for other modules (escalations), inside their transaction. */
@Injectable()
export class CaseFactsService {
  constructor(
    private readonly cases: CasesRepository,
    private readonly journal: CaseJournal,
    private readonly clock: Clock,
  ) {}

  async find(tx: EntityManager, caseId: string): Promise<CaseFacts | null> {
    const row = await this.cases.findById(caseId, tx);
    if (!row) return null;
    return {
      id: row.id,
      reference: row.reference,
      stage: row.stage,
      priority: row.priority,
      flags: row.flags,
      triageDueAt: row.triageDueAt,
      triagedAt: row.triagedAt,
      erased: row.erasedAt !== null,
    };
  }

  assignedCaseworkerIds(tx: EntityManager, caseId: string): Promise<string[]> {
    return this.cases.assignedCaseworkerIds(caseId, tx);
  }

  /** The assigned caseworkers of many cases (batch jobs); a case with none is absent from the map. */
  assignedCaseworkersOf(tx: EntityManager, caseIds: string[]): Promise<Map<string, string[]>> {
    return this.cases.assignedCaseworkersOf(tx, caseIds);
  }

  caseIdsAssignedTo(tx: EntityManager, userId: string): Promise<string[]> {
    return this.cases.caseIdsAssignedTo(tx, userId);
  }

  /** Sets LOST_CONTACT (escalation level 3), with its history and audit entry; no-op if set. */
  async markLostContact(tx: EntityManager, caseId: string, actor: Actor): Promise<void> {
    const row = await this.cases.findById(caseId, tx);
    if (!row || row.flags.includes(CaseFlag.LOST_CONTACT)) return;
    const flags = [...row.flags, CaseFlag.LOST_CONTACT].sort();
    await this.cases.updateCase(tx, caseId, { flags, updatedAt: this.clock.now() });
    await this.journal.record(tx, actor, null, row, {
      kind: 'FLAGS_CHANGED',
      auditAction: 'case.flags_changed',
      details: {},
      sealedDetails: { before: row.flags, after: flags },
    });
  }
}
