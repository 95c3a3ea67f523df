import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { CaseErasureParticipant, CaseErasureParticipants } from '@modules/cases/case-erasure.port';
import { ExpediteRepository } from './expedite.repository';

/** Nulls the expedite requests' and answers' ciphertext of an erased case (the cases module's erasure port). */
@Injectable()
export class ExpediteErasure extends CaseErasureParticipant implements OnModuleInit {
  constructor(
    private readonly expedite: ExpediteRepository,
    private readonly participants: CaseErasureParticipants,
  ) {
    super();
  }

  onModuleInit(): void {
    this.participants.join(this);
  }

  async eraseProtected(tx: EntityManager, caseId: string): Promise<void> {
    await this.expedite.eraseProtected(tx, caseId);
  }
}
