import type { EntityManager } from 'typeorm';
import type { CaseFieldGroup } from '@modules/access/case-access.policy';

/**
 * What the case module needs to know about partner shares, implemented by the shares module so
 * nothing here reads its tables: the grant an agency holds on a case (fed to the access policy),
 * and which agencies hold one (to tell them things, e.g. `escalation.raised` at level 3).
 * "Active" means unrevoked and unexpired at `now`.
 */
export abstract class CaseShares {
  /** The union of the agency's active shares of the case, as field groups; null when it holds none. */
  abstract activeGrant(tx: EntityManager, caseId: string, agencyId: string, now: Date): Promise<{ fieldGroups: CaseFieldGroup[] } | null>;

  /** The id of the agency's active share of the case (the newest); null when it holds none. */
  abstract activeShareId(tx: EntityManager, caseId: string, agencyId: string, now: Date): Promise<string | null>;

  /**
   * Of these cases, the ones the agency may open now — an active share, consent to sharing, not
   * erased (the partner case routes' own test) — with their references, by case id.
   */
  abstract sharedReferences(tx: EntityManager, caseIds: readonly string[], agencyId: string, now: Date): Promise<Map<string, string>>;

  /** Agencies holding an active share of the case. */
  abstract agenciesSharing(tx: EntityManager, caseId: string, now: Date): Promise<string[]>;
}
