import { Module } from '@nestjs/common';
import { CasesModule } from '@modules/cases/cases.module';
import { DocumentPurgeHandler } from './document-purge.handler';
import { DocumentStreams } from './document-streams.service';
import { DocumentsController } from './documents.controller';
import { DocumentsRepository } from './documents.repository';
import { DocumentsService } from './documents.service';
import { PartnerDocumentsController } from './partner-documents.controller';
import { DocumentStores } from './storage/document-stores';

@Module({
  imports: [CasesModule],
  controllers: [DocumentsController, PartnerDocumentsController],
  providers: [DocumentsService, DocumentStreams, DocumentPurgeHandler, DocumentsRepository, DocumentStores],
  exports: [DocumentsService, DocumentStreams],
})
export class DocumentsModule {}
