import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access } from '@common/access/access.decorator';
import { Permission } from '@common/access/permission';
import type { RequestContext } from '@common/access/request-context';
import type { Page } from '@common/pagination/keyset';
import { PageQueryDto } from '@common/pagination/page-query.dto';
import { Idempotent } from '@infra/http/idempotency/idempotent.decorator';
import { ApiProblemResponses } from '@infra/http/problem.view';
import { Ctx } from '@modules/access/request-context.decorator';
import { CaseReferenceParam } from '@modules/cases/case-reference.pipe';
import { PartnerCaseListView, PartnerCaseView, PartnerCheckinDto, PartnerCheckinView, ServiceUpdateDto, ServiceUpdateReceiptView } from './dto/share.dto';
import { PartnerCasesService } from './partner-cases.service';

const REF = 'ref';

/** Cases shared with the calling agency: only active shares, only the shared fields. */
@ApiTags('partner')
@ApiBearerAuth()
@ApiProblemResponses(401, 403, 429)
@Controller('partner/v1/cases')
export class PartnerCasesController {
  constructor(private readonly cases: PartnerCasesService) {}

  @Get()
  @Access(Permission.PartnerCasesRead)
  @ApiOperation({ summary: 'Cases actively shared with my agency, with the shared fields only (audited)' })
  @ApiOkResponse({ type: PartnerCaseListView })
  @ApiProblemResponses(400)
  list(@Ctx() ctx: RequestContext, @Query() query: PageQueryDto): Promise<Page<PartnerCaseView>> {
    return this.cases.list(ctx, query);
  }

  @Get(':ref')
  @Access(Permission.PartnerCasesRead)
  @ApiOperation({ summary: 'A case shared with my agency: the shared fields only (404 once the share ends; audited)' })
  @ApiOkResponse({ type: PartnerCaseView })
  @ApiProblemResponses(404)
  read(@Ctx() ctx: RequestContext, @Param(REF, new CaseReferenceParam()) reference: string): Promise<PartnerCaseView> {
    return this.cases.read(ctx, reference);
  }

  @Post(':ref/check-ins')
  @Idempotent()
  @Access(Permission.PartnerCheckinsWrite)
  @ApiOperation({ summary: 'Record a check-in with the person (restarts the schedule, resolves missed-check-in escalations)' })
  @ApiCreatedResponse({ type: PartnerCheckinView })
  @ApiProblemResponses(400, 404, 413, 415)
  checkin(@Ctx() ctx: RequestContext, @Param(REF, new CaseReferenceParam()) reference: string, @Body() body: PartnerCheckinDto): Promise<PartnerCheckinView> {
    return this.cases.recordCheckin(ctx, reference, body);
  }

  @Post(':ref/service-updates')
  @Idempotent()
  @Access(Permission.PartnerServicesWrite)
  @ApiOperation({ summary: 'Report a service given to the person (typed; the note is encrypted and seen by staff on the case)' })
  @ApiCreatedResponse({ type: ServiceUpdateReceiptView })
  @ApiProblemResponses(400, 404, 413, 415)
  serviceUpdate(
    @Ctx() ctx: RequestContext,
    @Param(REF, new CaseReferenceParam()) reference: string,
    @Body() body: ServiceUpdateDto,
  ): Promise<ServiceUpdateReceiptView> {
    return this.cases.recordServiceUpdate(ctx, reference, body);
  }
}
