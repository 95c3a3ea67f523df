import type { EntityManager } from 'typeorm';

/**
 * Port: a module that keeps protected values of a case in its own tables (journeys) nulls them
 * when the case is erased, in the erasure's transaction. The shredded key already makes them
 * unreadable; nulling removes the ciphertext too, as the cases tables do.
 */
export abstract class CaseErasureParticipant {
  abstract eraseProtected(tx: EntityManager, caseId: string): Promise<void>;
}
