import { Body, Controller, Get, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Idempotent } from '@infra/http/idempotency/idempotent.decorator';
import { Access } from '@common/access/access.decorator';
import { Permission } from '@common/access/permission';
import type { RequestContext } from '@common/access/request-context';
import type { Page } from '@common/pagination/keyset';
import { RecordIdParam } from '@infra/http/record-id.pipe';
import { ApiProblemResponses } from '@infra/http/problem.view';
import { Ctx } from '@modules/access/request-context.decorator';
import { CaseReferenceParam } from '@modules/cases/case-reference.pipe';
import { sendDocument } from '@modules/documents/send-document';
import {
  CreateExpediteRequestDto,
  ExpediteResponseDto,
  ExpediteResponseView,
  PartnerExpediteQueryDto,
  PartnerExpediteRequestPage,
  type PartnerExpediteRequestView,
} from './dto/expedite.dto';
import { ExpediteService } from './expedite.service';
import { PartnerExpediteService } from './partner-expedite.service';
import { ExpediteRequestView } from './dto/expedite.views';

const REF = 'ref';

@ApiTags('journeys')
@ApiBearerAuth()
@Controller('api/v1/cases/:ref')
export class ExpediteController {
  constructor(private readonly expedite: ExpediteService) {}

  @Post('resettlement-applications/:applicationId/expedite-requests')
  @Access(Permission.ExpediteRequest)
  @ApiOperation({
    summary:
      "Ask a GOVERNMENT liaison for expedited protection of an EMERGENCY case's application, with a deadline and a chosen share of the person (sealed for that agency)",
  })
  @ApiCreatedResponse({ type: ExpediteRequestView })
  @ApiProblemResponses(409, 422)
  create(
    @Ctx() ctx: RequestContext,
    @Param(REF, new CaseReferenceParam()) reference: string,
    @Param('applicationId', new RecordIdParam('resettlement application')) applicationId: string,
    @Body() body: CreateExpediteRequestDto,
  ): Promise<ExpediteRequestView> {
    return this.expedite.create(ctx, reference, applicationId, body);
  }

  @Get('expedite-requests')
  @Access(Permission.CaseWork)
  @ApiOperation({ summary: "The case's expedited requests and the liaisons' answers, late ones marked (audited)" })
  @ApiOkResponse({ type: [ExpediteRequestView] })
  list(@Ctx() ctx: RequestContext, @Param(REF, new CaseReferenceParam()) reference: string): Promise<ExpediteRequestView[]> {
    return this.expedite.listForCase(ctx, reference);
  }
}

/** The receiving state's side: only requests addressed to the calling agency exist for it. */
@ApiTags('partner')
@ApiBearerAuth()
@ApiProblemResponses(401, 403, 429)
@Controller('partner/v1/expedite-requests')
export class PartnerExpediteController {
  constructor(private readonly expedite: PartnerExpediteService) {}

  @Get()
  @Access(Permission.PartnerExpediteRespond)
  @ApiOperation({ summary: 'Expedited requests addressed to my agency, with the person details shared for it (every read audited), keyset-paginated' })
  @ApiOkResponse({ type: PartnerExpediteRequestPage })
  @ApiProblemResponses(400)
  list(@Ctx() ctx: RequestContext, @Query() query: PartnerExpediteQueryDto): Promise<Page<PartnerExpediteRequestView>> {
    return this.expedite.partnerList(ctx, query);
  }

  @Get(':id/documents/:documentId/content')
  @Access(Permission.PartnerExpediteRespond)
  @ApiOperation({
    summary:
      'Download a case document sent with the request (audited): streamed, `Content-Disposition: attachment`, `Cache-Control: no-store`, the detected media type. Not sent with this request, or the request is not yours: 404.',
  })
  @ApiProduces('application/pdf', 'image/jpeg', 'image/png', 'image/webp')
  @ApiOkResponse({ description: 'The document', schema: { type: 'string', format: 'binary' } })
  @ApiProblemResponses(404, 503)
  async document(
    @Ctx() ctx: RequestContext,
    @Param('id', new RecordIdParam('expedite request')) id: string,
    @Param('documentId', new RecordIdParam('document')) documentId: string,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    return sendDocument(reply, await this.expedite.partnerDocument(ctx, id, documentId));
  }

  @Post(':id/responses')
  @Access(Permission.PartnerExpediteRespond)
  // The answer echoes the sealed message and document: they are never kept in the idempotency store.
  @Idempotent({ withhold: ['message', 'document'] })
  @ApiOperation({ summary: 'Answer: ACKNOWLEDGED, MORE_INFORMATION_NEEDED (message), GRANTED (document, sealed) or REFUSED (reason); a decision is final' })
  @ApiCreatedResponse({ type: ExpediteResponseView })
  @ApiProblemResponses(400, 404, 409, 413, 415, 422)
  respond(
    @Ctx() ctx: RequestContext,
    @Param('id', new RecordIdParam('expedite request')) id: string,
    @Body() body: ExpediteResponseDto,
  ): Promise<ExpediteResponseView> {
    return this.expedite.respond(ctx, id, body);
  }
}
