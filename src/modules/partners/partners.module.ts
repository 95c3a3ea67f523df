import { Global, Module } from '@nestjs/common';
import { AgencyDirectory } from '@common/access/agency-directory';
import { ApiKeyAuthenticator } from '@modules/access/authenticators';
import { PartnerApiKeyAuthenticator } from './api-key.authenticator';
import { PartnerAgencyDirectory } from './partner-agency-directory';
import { PartnerSelfController } from './partner-self.controller';
import { PartnersController } from './partners.controller';
import { PartnersRepository } from './partners.repository';
import { PartnersService } from './partners.service';

/**
 * Partner agencies and API keys. Global so the access guard (in AccessModule) finds the API key
 * authenticator; it exports that and the agency directory (other modules address agencies by id).
 */
@Global()
@Module({
  controllers: [PartnersController, PartnerSelfController],
  providers: [
    PartnersRepository,
    PartnersService,
    PartnerApiKeyAuthenticator,
    { provide: ApiKeyAuthenticator, useExisting: PartnerApiKeyAuthenticator },
    { provide: AgencyDirectory, useClass: PartnerAgencyDirectory },
    // Replaced by lockdown's system-state epoch.
  ],
  exports: [ApiKeyAuthenticator, AgencyDirectory],
})
export class PartnersModule {}
