import { Global, Module } from '@nestjs/common';
import { CasesModule } from '@modules/cases/cases.module';
import { DocumentsModule } from '@modules/documents/documents.module';
import { CaseShares } from '@modules/cases/case-shares.port';
import { CaseSharesProvider } from './case-shares.provider';
import { PartnerCasesController } from './partner-cases.controller';
import { PartnerCasesService } from './partner-cases.service';
import { SharesController } from './shares.controller';
import { SharesRepository } from './shares.repository';
import { SharesService } from './shares.service';

/**
 * Need-to-know shares of cases with partner agencies, and what partners do on shared cases.
 * Global for the port it implements (`CaseShares`: the access policy's share grant, and the
 * agencies sharing a case, for any module that must tell them something).
 */
@Global()
@Module({
  imports: [CasesModule, DocumentsModule],
  controllers: [SharesController, PartnerCasesController],
  providers: [SharesRepository, SharesService, PartnerCasesService, CaseSharesProvider, { provide: CaseShares, useExisting: CaseSharesProvider }],
  exports: [CaseShares],
})
export class SharesModule {}
