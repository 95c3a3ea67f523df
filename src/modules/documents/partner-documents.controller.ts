import { Controller, Get, Param, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Access } from '@common/access/access.decorator';
import { Permission } from '@common/access/permission';
import type { RequestContext } from '@common/access/request-context';
import { ApiProblemResponses } from '@infra/http/problem.view';
import { RecordIdParam } from '@infra/http/record-id.pipe';
import { Ctx } from '@modules/access/request-context.decorator';
import { CaseReferenceParam } from '@modules/cases/case-reference.pipe';
import { sendDocument } from './send-document';
import { DocumentsService } from './documents.service';
import { PartnerDocumentListView } from './dto/document.dto';

/** Partner side: the documents a coordinator or caseworker chose for the agency's active share. */
@ApiTags('partner cases')
@ApiBearerAuth()
@ApiProblemResponses(401, 403, 429)
@Controller('partner/v1/cases/:ref/documents')
export class PartnerDocumentsController {
  constructor(private readonly documents: DocumentsService) {}

  @Get()
  @Access(Permission.PartnerCasesRead)
  @ApiOperation({ summary: "The documents the agency's active share of the case includes (titles only; audited). No share, revoked or expired: 404." })
  @ApiOkResponse({ type: PartnerDocumentListView })
  @ApiProblemResponses(404)
  list(@Ctx() ctx: RequestContext, @Param('ref', new CaseReferenceParam()) reference: string): Promise<PartnerDocumentListView> {
    return this.documents.partnerList(ctx, reference);
  }

  @Get(':documentId/content')
  @Access(Permission.PartnerCasesRead)
  @ApiOperation({
    summary:
      'Download a shared document (audited): streamed, `Content-Disposition: attachment`, `Cache-Control: no-store`, the detected media type. A document not in the active share answers 404.',
  })
  @ApiProduces('application/pdf', 'image/jpeg', 'image/png', 'image/webp')
  @ApiOkResponse({ description: 'The document', schema: { type: 'string', format: 'binary' } })
  @ApiProblemResponses(404, 503)
  async download(
    @Ctx() ctx: RequestContext,
    @Param('ref', new CaseReferenceParam()) reference: string,
    @Param('documentId', new RecordIdParam('document')) id: string,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    return sendDocument(reply, await this.documents.partnerDownload(ctx, reference, id));
  }
}
