import { Global, Module } from '@nestjs/common';
import { ApiKeyAuthenticator } from '@modules/access/authenticators';
import { PartnerApiKeyAuthenticator } from './api-key.authenticator';
import { PartnerSelfController } from './partner-self.controller';
import { PartnersController } from './partners.controller';
import { PartnersRepository } from './partners.repository';
import { PartnersService } from './partners.service';

/**
 * Partner agencies and API keys. Global so the access guard (in AccessModule) finds the API key
 * authenticator; nothing else is exported.
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
  ],
  exports: [ApiKeyAuthenticator],
})
export class PartnersModule {}
