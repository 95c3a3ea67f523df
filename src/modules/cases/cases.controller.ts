import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access } from '@common/access/access.decorator';
import { ApiProblemResponses } from '@infra/http/problem.view';
import { Permission } from '@common/access/permission';
import type { RequestContext } from '@common/access/request-context';
import type { Page } from '@common/pagination/keyset';
import { PageQueryDto } from '@common/pagination/page-query.dto';
import { Ctx } from '@modules/access/request-context.decorator';
import { CaseErasureService } from './case-erasure.service';
import { CaseLifecycleService, type TriageResult } from './case-lifecycle.service';
import { CaseNotesService } from './case-notes.service';
import { CaseReferenceParam } from './case-reference.pipe';
import { CaseTeamService } from './case-team.service';
import type { CaseDetail, CaseHistoryView } from './case-view';
import { CaseListService } from './case-list.service';
import { CasesService, type IntakeResult } from './cases.service';
import {
  AssignDto,
  BreakGlassDto,
  ConsentUpdateDto,
  EraseConfirmationDto,
  EraseDto,
  FlagsDto,
  IntakeDto,
  LegalHoldDto,
  NoteDto,
  TransitionDto,
  TriageDto,
  VerificationDto,
} from './dto/case-commands.dto';
import { CaseListQueryDto, CaseSearchDto } from './dto/case-list-query.dto';
import { CaseListPageView, type CaseListItemView } from './dto/case-list.view';
import {
  AssignView,
  BreakGlassView,
  CaseDetailView,
  CaseHistoryPage,
  CaseStateView,
  EraseView,
  ErasureRequestView,
  IntakeResultView,
  NotePage,
  NoteView,
  TriageResultView,
} from './dto/cases.views';

const REF = 'ref';

@ApiTags('cases')
@ApiBearerAuth()
@Controller('api/v1/cases')
export class CasesController {
  constructor(
    private readonly cases: CasesService,
    private readonly listing: CaseListService,
    private readonly lifecycle: CaseLifecycleService,
    private readonly team: CaseTeamService,
    private readonly notes: CaseNotesService,
    private readonly erasure: CaseErasureService,
  ) {}

  @Post()
  @Access(Permission.CaseWork)
  @ApiOperation({ summary: 'Intake: open a case (protected fields encrypted; duplicates flagged by blind index)' })
  @ApiCreatedResponse({ type: IntakeResultView })
  @ApiProblemResponses(422)
  intake(@Ctx() ctx: RequestContext, @Body() body: IntakeDto): Promise<IntakeResult> {
    return this.cases.intake(ctx, body);
  }

  @Get()
  @Access(Permission.CaseWork)
  @ApiOperation({
    summary:
      'List cases in my scope with filters and keyset pagination: names where my role may see them (each shown name audited), next check-in, open escalations, days left in the safe country',
  })
  @ApiOkResponse({ type: CaseListPageView })
  @ApiProblemResponses(400, 401, 403)
  list(@Ctx() ctx: RequestContext, @Query() query: CaseListQueryDto): Promise<Page<CaseListItemView>> {
    return this.listing.list(ctx, query);
  }

  @Post('search')
  @HttpCode(200)
  @Access(Permission.CaseWork)
  @ApiOperation({
    summary:
      'Find cases in my scope by name, in any script or spelling (blind indexes; the term is in the body so it never reaches a URL or a log; audited without the term)',
  })
  @ApiOkResponse({ type: CaseListPageView })
  @ApiProblemResponses(400, 401, 403, 415)
  search(@Ctx() ctx: RequestContext, @Body() body: CaseSearchDto): Promise<Page<CaseListItemView>> {
    return this.listing.search(ctx, body);
  }

  @Get(':ref')
  @Access(Permission.CaseWork)
  @ApiOperation({ summary: 'Read a case (audited; only the field groups my role may see)' })
  @ApiOkResponse({ type: CaseDetailView })
  read(@Ctx() ctx: RequestContext, @Param(REF, new CaseReferenceParam()) reference: string): Promise<CaseDetail> {
    return this.cases.read(ctx, reference);
  }

  @Get(':ref/history')
  @Access(Permission.CaseWork)
  @ApiOperation({ summary: "The case's timeline" })
  @ApiOkResponse({ type: CaseHistoryPage })
  history(@Ctx() ctx: RequestContext, @Param(REF, new CaseReferenceParam()) reference: string, @Query() query: PageQueryDto): Promise<Page<CaseHistoryView>> {
    return this.cases.history(ctx, reference, query);
  }

  @Post(':ref/transitions')
  @HttpCode(200)
  @Access(Permission.CaseWork)
  @ApiOperation({ summary: 'Move the case to another stage (409 naming the guard when refused)' })
  @ApiOkResponse({ type: CaseStateView })
  @ApiProblemResponses(409)
  transition(@Ctx() ctx: RequestContext, @Param(REF, new CaseReferenceParam()) reference: string, @Body() body: TransitionDto): Promise<CaseStateView> {
    return this.lifecycle.transition(ctx, reference, body);
  }

  @Post(':ref/triage')
  @HttpCode(200)
  @Access(Permission.CaseWork)
  @ApiOperation({ summary: 'Record a triage assessment (suggested priority; override with a reason)' })
  @ApiOkResponse({ type: TriageResultView })
  @ApiProblemResponses(409, 422)
  triage(@Ctx() ctx: RequestContext, @Param(REF, new CaseReferenceParam()) reference: string, @Body() body: TriageDto): Promise<TriageResult> {
    return this.lifecycle.triage(ctx, reference, body);
  }

  @Put(':ref/verification')
  @Access(Permission.CaseWork)
  @ApiOperation({ summary: 'Record the verification outcome' })
  @ApiOkResponse({ type: CaseStateView })
  @ApiProblemResponses(409)
  verify(@Ctx() ctx: RequestContext, @Param(REF, new CaseReferenceParam()) reference: string, @Body() body: VerificationDto): Promise<CaseStateView> {
    return this.lifecycle.verify(ctx, reference, body);
  }

  @Put(':ref/flags')
  @Access(Permission.CaseWork)
  @ApiOperation({ summary: 'Replace the case flags (ON_HOLD, LOST_CONTACT, DETAINED, IN_HIDING)' })
  @ApiOkResponse({ type: CaseStateView })
  flags(@Ctx() ctx: RequestContext, @Param(REF, new CaseReferenceParam()) reference: string, @Body() body: FlagsDto): Promise<CaseStateView> {
    return this.lifecycle.flags(ctx, reference, body);
  }

  @Put(':ref/consent')
  @Access(Permission.CaseWork)
  @ApiOperation({ summary: 'Record the consent the person gave (services, sharing, resettlement)' })
  @ApiOkResponse({ type: CaseStateView })
  consent(@Ctx() ctx: RequestContext, @Param(REF, new CaseReferenceParam()) reference: string, @Body() body: ConsentUpdateDto): Promise<CaseStateView> {
    return this.lifecycle.consent(ctx, reference, body);
  }

  @Post(':ref/notes')
  @Access(Permission.CaseWork)
  @ApiOperation({ summary: 'Add a note (append-only, encrypted)' })
  @ApiCreatedResponse({ type: NoteView })
  addNote(@Ctx() ctx: RequestContext, @Param(REF, new CaseReferenceParam()) reference: string, @Body() body: NoteDto): Promise<NoteView> {
    return this.notes.add(ctx, reference, body);
  }

  @Get(':ref/notes')
  @Access(Permission.CaseWork)
  @ApiOperation({ summary: 'Read the notes (audited)' })
  @ApiOkResponse({ type: NotePage })
  listNotes(@Ctx() ctx: RequestContext, @Param(REF, new CaseReferenceParam()) reference: string, @Query() query: PageQueryDto): Promise<Page<NoteView>> {
    return this.notes.list(ctx, reference, query);
  }

  @Put(':ref/assignment')
  @Access(Permission.CaseAssign)
  @ApiOperation({ summary: 'Set the assigned caseworkers (coordinators)' })
  @ApiOkResponse({ type: AssignView })
  @ApiProblemResponses(422)
  assign(
    @Ctx() ctx: RequestContext,
    @Param(REF, new CaseReferenceParam()) reference: string,
    @Body() body: AssignDto,
  ): Promise<{ reference: string; assignedCaseworkerIds: string[] }> {
    return this.team.assign(ctx, reference, body);
  }

  @Post(':ref/break-glass')
  @HttpCode(200)
  @Access(Permission.CaseBreakGlass)
  @ApiOperation({ summary: 'Open a case outside my scope for a short window, stating why (audited; admins notified)' })
  @ApiOkResponse({ type: BreakGlassView })
  @ApiProblemResponses(409, 422)
  breakGlass(
    @Ctx() ctx: RequestContext,
    @Param(REF, new CaseReferenceParam()) reference: string,
    @Body() body: BreakGlassDto,
  ): Promise<{ reference: string; expiresAt: string }> {
    return this.team.openBreakGlass(ctx, reference, body);
  }

  @Put(':ref/legal-hold')
  @Access(Permission.CaseRetention)
  @ApiOperation({ summary: 'Put a case on (or off) legal hold: held cases are never erased by retention' })
  @ApiOkResponse({ type: CaseStateView })
  legalHold(@Ctx() ctx: RequestContext, @Param(REF, new CaseReferenceParam()) reference: string, @Body() body: LegalHoldDto): Promise<CaseStateView> {
    return this.lifecycle.legalHold(ctx, reference, body);
  }

  @Post(':ref/erasure')
  @HttpCode(202)
  @Access(Permission.CaseRetention)
  @ApiOperation({ summary: 'Request erasure of a case (four-eyes: nothing is erased until another coordinator confirms)' })
  @ApiAcceptedResponse({ type: ErasureRequestView })
  @ApiProblemResponses(409, 422)
  requestErasure(@Ctx() ctx: RequestContext, @Param(REF, new CaseReferenceParam()) reference: string, @Body() body: EraseDto): Promise<ErasureRequestView> {
    return this.erasure.request(ctx, reference, body);
  }

  @Post(':ref/erasure/confirmation')
  @HttpCode(200)
  @Access(Permission.CaseRetention)
  @ApiOperation({ summary: "Confirm another coordinator's erasure request: the case is crypto-shredded now (the tombstone stays)" })
  @ApiOkResponse({ type: EraseView })
  @ApiProblemResponses(409, 422)
  confirmErasure(
    @Ctx() ctx: RequestContext,
    @Param(REF, new CaseReferenceParam()) reference: string,
    @Body() body: EraseConfirmationDto,
  ): Promise<{ reference: string; erasedAt: string }> {
    return this.erasure.confirm(ctx, reference, body);
  }

  @Post(':ref/erasure/withdrawal')
  @HttpCode(200)
  @Access(Permission.CaseRetention)
  @ApiOperation({ summary: 'Withdraw a pending erasure request' })
  @ApiOkResponse({ type: ErasureRequestView })
  @ApiProblemResponses(409)
  withdrawErasure(@Ctx() ctx: RequestContext, @Param(REF, new CaseReferenceParam()) reference: string): Promise<ErasureRequestView> {
    return this.erasure.withdraw(ctx, reference);
  }
}
