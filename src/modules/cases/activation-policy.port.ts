import type { EntityManager } from 'typeorm';
import type { CaseStage } from './domain/case-stage';
import type { TriageSlaOverrides } from './domain/triage';

/**
 * An activation's policy overrides (spec 3.7). Each may only shorten the standard value: the
 * people caught in a purge must never wait longer than anyone else, so a longer value yields the
 * standard one.
 */
export interface ActivationOverrides {
  /** Every check-in interval multiplied by this (0 < factor ≤ 1), rounded to whole minutes. */
  checkinIntervalFactor?: number;
  /** Explicit check-in interval in minutes per stage (every priority); wins over the factor for that stage. */
  checkinIntervalMinutes?: Partial<Record<CaseStage, number>>;
  /** Triage SLA in hours per priority. */
  triageSlaHours?: TriageSlaOverrides;
  /** How long each escalation level waits for an acknowledgement, in minutes (every priority). */
  acknowledgeWindowMinutes?: { caseworker?: number; coordinator?: number };
}

/**
 * Implemented by the activations module. Asked wherever a case's policy is computed (check-in
 * intervals, triage deadlines, acknowledge windows) and wherever a coordinator's scope is decided,
 * so those modules never import activations.
 */
export abstract class ActivationPolicy {
  /** The overrides of the case's active activation; null when it has none. */
  abstract overridesForCase(tx: EntityManager, caseId: string): Promise<ActivationOverrides | null>;
  /** The same for many cases (batch jobs): only cases with overrides appear in the map. */
  async overridesForCases(tx: EntityManager, caseIds: string[]): Promise<Map<string, ActivationOverrides>> {
    const found = new Map<string, ActivationOverrides>();
    for (const caseId of caseIds) {
      const overrides = await this.overridesForCase(tx, caseId);
      if (overrides) found.set(caseId, overrides);
    }
    return found;
  }
  /** Coordinators in charge of an activation while it is active; null when it is not (any coordinator then). */
  abstract coordinatorIds(tx: EntityManager, activationId: string): Promise<string[] | null>;
  /** The transit countries an active activation allows; null when it is not active or names none (the default list applies). */
  abstract transitCountries(activationId: string): Promise<string[] | null>;
  /** The active activations this staff member coordinates. */
  abstract coordinatedBy(userId: string, tx?: EntityManager): Promise<string[]>;
}
