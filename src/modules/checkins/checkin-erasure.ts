import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { CaseErasureParticipant, CaseErasureParticipants } from '@modules/cases/case-erasure.port';
import { CheckinLinksRepository } from './checkin-links.repository';
import { CheckinsRepository } from './checkins.repository';

/** Nulls the check-in notes of an erased case and deletes its PINs and links (the cases module's erasure port). */
@Injectable()
export class CheckinErasure extends CaseErasureParticipant implements OnModuleInit {
  constructor(
    private readonly checkins: CheckinsRepository,
    private readonly participants: CaseErasureParticipants,
    private readonly links: CheckinLinksRepository,
  ) {
    super();
  }

  onModuleInit(): void {
    this.participants.join(this);
  }

  async eraseProtected(tx: EntityManager, caseId: string): Promise<void> {
    await this.checkins.eraseNotes(tx, caseId);
    await this.links.deleteForCase(tx, caseId);
  }
}
