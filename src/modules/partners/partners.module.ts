import { Global, Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { AgencyDirectory } from '@common/access/agency-directory';
import { ApiKeyAuthenticator } from '@modules/access/authenticators';
import { PartnerApiKeyAuthenticator } from './api-key.authenticator';
import { PartnerAgencyDirectory } from './partner-agency-directory';
import { PartnerRateLimitInterceptor } from './partner-rate-limit.interceptor';
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
    // Replaced by lockdown's system-state epoch.
    PartnerAgencyDirectory,
    { provide: AgencyDirectory, useExisting: PartnerAgencyDirectory },
    { provide: APP_INTERCEPTOR, useClass: PartnerRateLimitInterceptor },
  ],
  exports: [ApiKeyAuthenticator, AgencyDirectory],
})
export class PartnersModule {}
