import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Actor } from '@common/access/principal';
import { Clock } from '@common/clock/clock';
import { CaseErasureParticipants } from './case-erasure.port';
import { CaseJournal } from './case-journal';
import { CaseSealer } from './case-sealer';
import type { CaseEntity } from './case.entity';
import { CasesRepository } from './cases.repository';
import { CaseStage, ClosureReason } from './domain/case-stage';

/**
 * Crypto-shredding, the one implementation for an erasure on request and one for retention: the
 * case's data key is deleted, every protected value nulled (here and in each erasure
 * participant), an open case closed, and ERASED journaled.
 */
@Injectable()
export class CaseShredder {
  constructor(
    private readonly cases: CasesRepository,
    private readonly sealer: CaseSealer,
    private readonly participants: CaseErasureParticipants,
    private readonly journal: CaseJournal,
    private readonly clock: Clock,
  ) {}

  async shred(
    tx: EntityManager,
    row: CaseEntity,
    actor: Actor,
    requestId: string | null,
    reason: string,
    request: { requestId: string; requestedBy: string } | null = null,
  ): Promise<Date> {
    const now = this.clock.now();
    await this.sealer.shred(tx, row.id);
    await this.cases.eraseProtected(tx, row.id, now);
    await this.participants.eraseProtected(tx, row.id);
    const closing = row.stage !== CaseStage.CLOSED;
    if (closing)
      await this.cases.updateCase(tx, row.id, { stage: CaseStage.CLOSED, previousStage: row.stage, closureReason: ClosureReason.WITHDRAWN, closedAt: now });
    await this.journal.record(tx, actor, requestId, row, {
      kind: 'ERASED',
      fromStage: closing ? row.stage : null,
      toStage: closing ? CaseStage.CLOSED : null,
      auditAction: 'case.erased',
      details: { reason, ...(request ?? {}) },
    });
    return now;
  }
}
