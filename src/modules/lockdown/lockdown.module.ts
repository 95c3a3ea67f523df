import { Global, Module } from '@nestjs/common';
import { CredentialEpoch } from '@common/access/credential-epoch';
import { LockdownController } from './lockdown.controller';
import { LockdownRepository } from './lockdown.repository';
import { LockdownService } from './lockdown.service';

/** Global: sessions and API keys check the credential epoch it keeps. */
@Global()
@Module({
  controllers: [LockdownController],
  providers: [LockdownService, LockdownRepository, { provide: CredentialEpoch, useExisting: LockdownService }],
  exports: [LockdownService, CredentialEpoch],
})
export class LockdownModule {}
