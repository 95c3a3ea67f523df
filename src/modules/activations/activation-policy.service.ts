import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ActivationPolicy, type ActivationOverrides } from '@modules/cases/activation-policy.port';
import { ActivationsRepository } from './activations.repository';

/** The activations module's answer to "what policy applies to this case, and who coordinates it". */
@Injectable()
export class ActivationPolicyService extends ActivationPolicy {
  constructor(private readonly repository: ActivationsRepository) {
    super();
  }

  overridesForCase(tx: EntityManager, caseId: string): Promise<ActivationOverrides | null> {
    return this.repository.overridesForCase(tx, caseId);
  }

  override overridesForCases(tx: EntityManager, caseIds: string[]): Promise<Map<string, ActivationOverrides>> {
    return this.repository.overridesForCases(tx, caseIds);
  }

  coordinatorIds(tx: EntityManager, activationId: string): Promise<string[] | null> {
    return this.repository.activeCoordinators(tx, activationId);
  }

  async transitCountries(activationId: string): Promise<string[] | null> {
    const countries = await this.repository.activeTransitCountries(activationId);
    return countries && countries.length > 0 ? countries : null;
  }

  coordinatedBy(userId: string, tx?: EntityManager): Promise<string[]> {
    return this.repository.coordinatedBy(userId, tx);
  }
}
