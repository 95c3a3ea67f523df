import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { CaseErasureParticipant, CaseErasureParticipants } from '@modules/cases/case-erasure.port';
import { CheckinsRepository } from './checkins.repository';

/** Nulls the check-in notes of an erased case (the cases module's erasure port). */
@Injectable()
export class CheckinErasure extends CaseErasureParticipant implements OnModuleInit {
  constructor(
    private readonly checkins: CheckinsRepository,
    private readonly participants: CaseErasureParticipants,
  ) {
    super();
  }

  onModuleInit(): void {
    this.participants.join(this);
  }

  eraseProtected(tx: EntityManager, caseId: string): Promise<void> {
    return this.checkins.eraseNotes(tx, caseId);
  }
}
