import { Inject, Injectable } from '@nestjs/common';
import { JourneysConfig } from '@config/journeys.config';
import { ActivationPolicy } from '@modules/cases/activation-policy.port';

/**
 * Which transit countries a case's relocation plan may use: the list of the case's active
 * activation when it names one (spec 3.2: "transit country allowed for the case's activation"),
 * else the configured default. Asked at plan creation and again by the stage guard, so a list
 * that changed since the plan was requested still counts.
 */
@Injectable()
export class TransitPolicy {
  constructor(
    @Inject(JourneysConfig) private readonly config: JourneysConfig,
    private readonly activations: ActivationPolicy,
  ) {}

  async allowedTransitCountries(caseRow: { activationId: string | null }): Promise<readonly string[]> {
    const own = caseRow.activationId ? await this.activations.transitCountries(caseRow.activationId) : null;
    return own ?? this.config.transitCountries;
  }

  async allows(caseRow: { activationId: string | null }, country: string): Promise<boolean> {
    return (await this.allowedTransitCountries(caseRow)).includes(country);
  }
}
