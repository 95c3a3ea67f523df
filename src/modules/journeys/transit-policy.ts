import { Inject, Injectable } from '@nestjs/common';
import { JourneysConfig } from '@config/journeys.config';

/**
 * Which transit countries a case's relocation plan may use. Activations will bring their own list
 * (spec 3.2: "transit country allowed for the case's activation"); until that module exists every
 * case gets the configured default. Asked at plan creation and again by the stage guard, so a
 * list that changed since the plan was requested still counts.
 */
@Injectable()
export class TransitPolicy {
  constructor(@Inject(JourneysConfig) private readonly config: JourneysConfig) {}

  // `activationId` is unused until activations exist; it is the seam their list will plug into.
  allowedTransitCountries(caseRow: { activationId: string | null }): Promise<readonly string[]> {
    void caseRow.activationId;
    return Promise.resolve(this.config.transitCountries);
  }

  async allows(caseRow: { activationId: string | null }, country: string): Promise<boolean> {
    return (await this.allowedTransitCountries(caseRow)).includes(country);
  }
}
