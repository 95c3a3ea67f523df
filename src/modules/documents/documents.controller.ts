import { Controller, Delete, Get, HttpCode, Param, Post, Put, Query, Req, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Access } from '@common/access/access.decorator';
import { Permission } from '@common/access/permission';
import type { RequestContext } from '@common/access/request-context';
import type { Page } from '@common/pagination/keyset';
import { PageQueryDto } from '@common/pagination/page-query.dto';
import { ApiProblemResponses } from '@infra/http/problem.view';
import { RecordIdParam } from '@infra/http/record-id.pipe';
import { Ctx } from '@modules/access/request-context.decorator';
import { CaseReferenceParam } from '@modules/cases/case-reference.pipe';
import { DocumentListView, DocumentUploadBody, DocumentView } from './dto/document.dto';
import { DocumentsService } from './documents.service';
import { sendDocument } from './send-document';
import { readUpload } from './upload';

const REF = 'ref';
const ID = 'documentId';
const documentId = () => new RecordIdParam('document');
const TOO_LARGE = { status: 413, description: 'The file is larger than `DOCUMENT_MAX_BYTES` (problem `document-too-large`); nothing was kept' };
const NOT_ALLOWED = {
  status: 415,
  description:
    'Not multipart/form-data, or content that is not PDF, JPEG, PNG or WebP by its magic bytes (problem `document-type-not-allowed`; HEIC is refused)',
};

/** Case documents (staff): upload, list, download, replace, delete. */
@ApiTags('documents')
@ApiBearerAuth()
@ApiProblemResponses(401, 403, 404)
@Controller('api/v1/cases/:ref/documents')
export class DocumentsController {
  constructor(private readonly documents: DocumentsService) {}

  @Post()
  @Access(Permission.CaseWork)
  @ApiOperation({ summary: 'Upload a document (multipart: fields, then `file`); streamed, encrypted in segments under the case key, image metadata removed' })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ type: DocumentUploadBody })
  @ApiCreatedResponse({ type: DocumentView })
  @ApiProblemResponses(400, 422, 503)
  @ApiResponse(TOO_LARGE)
  @ApiResponse(NOT_ALLOWED)
  async upload(@Ctx() ctx: RequestContext, @Param(REF, new CaseReferenceParam()) reference: string, @Req() request: FastifyRequest): Promise<DocumentView> {
    return this.documents.upload(ctx, reference, await readUpload(request, this.documents.maxBytes));
  }

  @Get()
  @Access(Permission.CaseWork)
  @ApiOperation({ summary: "The case's documents with titles, notes and file names opened (audited)" })
  @ApiOkResponse({ type: DocumentListView })
  @ApiProblemResponses(400)
  list(@Ctx() ctx: RequestContext, @Param(REF, new CaseReferenceParam()) reference: string, @Query() query: PageQueryDto): Promise<Page<DocumentView>> {
    return this.documents.list(ctx, reference, query);
  }

  @Get(':documentId/content')
  @Access(Permission.CaseWork)
  @ApiOperation({
    summary:
      'Download a document (audited): streamed, `Content-Disposition: attachment`, `Cache-Control: no-store`, the detected media type. A stored segment that fails its integrity check answers 503 `document-unreadable`, or cuts the transfer short if found mid-stream.',
  })
  @ApiProduces('application/pdf', 'image/jpeg', 'image/png', 'image/webp')
  @ApiOkResponse({ description: 'The document', schema: { type: 'string', format: 'binary' } })
  @ApiProblemResponses(503)
  async download(
    @Ctx() ctx: RequestContext,
    @Param(REF, new CaseReferenceParam()) reference: string,
    @Param(ID, documentId()) id: string,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    return sendDocument(reply, await this.documents.download(ctx, reference, id));
  }

  @Put(':documentId')
  @Access(Permission.CaseWork)
  @ApiOperation({ summary: 'Replace a document (multipart, as the upload): new content and fields, version + 1; the old content is deleted' })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ type: DocumentUploadBody })
  @ApiOkResponse({ type: DocumentView })
  @ApiProblemResponses(400, 422, 503)
  @ApiResponse(TOO_LARGE)
  @ApiResponse(NOT_ALLOWED)
  async replace(
    @Ctx() ctx: RequestContext,
    @Param(REF, new CaseReferenceParam()) reference: string,
    @Param(ID, documentId()) id: string,
    @Req() request: FastifyRequest,
  ): Promise<DocumentView> {
    return this.documents.replace(ctx, reference, id, await readUpload(request, this.documents.maxBytes));
  }

  @Delete(':documentId')
  @HttpCode(204)
  @Access(Permission.CaseWork)
  @ApiOperation({ summary: 'Delete a document: its row at once, its stored content by a retried job' })
  @ApiNoContentResponse({ description: 'Deleted' })
  remove(@Ctx() ctx: RequestContext, @Param(REF, new CaseReferenceParam()) reference: string, @Param(ID, documentId()) id: string): Promise<void> {
    return this.documents.remove(ctx, reference, id);
  }
}
