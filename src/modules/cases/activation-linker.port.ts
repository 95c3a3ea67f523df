import type { EntityManager } from 'typeorm';
import type { Actor } from '@common/access/principal';
import type { ActivationOverrides } from './activation-policy.port';
import type { TriageSlaOverrides } from './domain/triage';

/** The active activation an intake falls under. */
export interface IntakeActivation {
  activationId: string;
  triageSlaHours: TriageSlaOverrides | null;
  /** All its overrides, handed to the check-in schedule of the case (not read again). */
  overrides: ActivationOverrides;
}

export interface IntakeLink {
  activationId: string;
  caseId: string;
  reference: string;
  /** The case already has a caseworker (e.g. the one who opened it): the roster is not asked. */
  assigned: boolean;
  actor: Actor;
  requestId: string | null;
}

/**
 * Implemented by the activations module; called by intake (staff and partner referrals) in the
 * intake's transaction, so a case opened during an activation is linked, scheduled with its
 * overrides and assigned to its roster before the request answers.
 */
export abstract class ActivationLinker {
  /** The activation named by code if it is active, else the active one covering the origin country. */
  abstract match(tx: EntityManager, intake: { originCountry: string; activationCode?: string | null }): Promise<IntakeActivation | null>;
  /** Records the link and, when the case has no caseworker, assigns the least-loaded roster member with room. */
  abstract attach(tx: EntityManager, link: IntakeLink): Promise<void>;
}
