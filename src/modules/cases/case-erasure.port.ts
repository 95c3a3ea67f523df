import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/**
 * Port: a module that keeps protected values of a case in its own tables (journeys, check-ins)
 * nulls them when the case is erased, in the erasure's transaction. The shredded key already
 * makes them unreadable; nulling removes the ciphertext too, as the cases tables do.
 */
export abstract class CaseErasureParticipant {
  abstract eraseProtected(tx: EntityManager, caseId: string): Promise<void>;
}

/** Participants join at module init; erasure calls every one of them. */
@Injectable()
export class CaseErasureParticipants {
  private readonly participants: CaseErasureParticipant[] = [];

  join(participant: CaseErasureParticipant): void {
    this.participants.push(participant);
  }

  async eraseProtected(tx: EntityManager, caseId: string): Promise<void> {
    for (const participant of this.participants) await participant.eraseProtected(tx, caseId);
  }
}
