import { Body, Controller, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access } from '@common/access/access.decorator';
import { ApiProblemResponses } from '@infra/http/problem.view';
import { Permission } from '@common/access/permission';
import type { RequestContext } from '@common/access/request-context';
import { Ctx } from '@modules/access/request-context.decorator';
import { CaseReferenceParam } from '@modules/cases/case-reference.pipe';
import {
  CreateMilestoneDto,
  CreateResettlementApplicationDto,
  DestinationArrivalDto,
  DocumentStatusDto,
  HandoverDto,
  ResettlementStatusDto,
  SubmissionApprovalDto,
} from './dto/resettlement.dto';
import { ChecklistItemParam } from './checklist-item.pipe';
import { RecordIdParam } from '@infra/http/record-id.pipe';
import { ResettlementService } from './resettlement.service';
import { ResettlementApplicationView } from './dto/resettlement.views';

const REF = 'ref';
const APP = 'applicationId';
const appId = () => new RecordIdParam('resettlement application');

@ApiTags('journeys')
@ApiBearerAuth()
@Controller('api/v1/cases/:ref/resettlement-applications')
export class ResettlementController {
  constructor(private readonly resettlement: ResettlementService) {}

  @Post()
  @Access(Permission.CaseWork)
  @ApiOperation({ summary: 'Open a resettlement application (PREPARING, with the configured document checklist)' })
  @ApiCreatedResponse({ type: ResettlementApplicationView })
  @ApiProblemResponses(409, 422)
  create(
    @Ctx() ctx: RequestContext,
    @Param(REF, new CaseReferenceParam()) reference: string,
    @Body() body: CreateResettlementApplicationDto,
  ): Promise<ResettlementApplicationView> {
    return this.resettlement.create(ctx, reference, body);
  }

  @Get()
  @Access(Permission.CaseWork)
  @ApiOperation({ summary: "The case's resettlement applications with milestones and checklists (audited)" })
  @ApiOkResponse({ type: [ResettlementApplicationView] })
  list(@Ctx() ctx: RequestContext, @Param(REF, new CaseReferenceParam()) reference: string): Promise<ResettlementApplicationView[]> {
    return this.resettlement.list(ctx, reference);
  }

  @Post(':applicationId/submission-request')
  @HttpCode(200)
  @Access(Permission.CaseWork)
  @ApiOperation({ summary: 'Ask a coordinator to approve submitting a PREPARING application' })
  @ApiOkResponse({ type: ResettlementApplicationView })
  @ApiProblemResponses(409, 422)
  requestSubmission(
    @Ctx() ctx: RequestContext,
    @Param(REF, new CaseReferenceParam()) reference: string,
    @Param(APP, appId()) applicationId: string,
  ): Promise<ResettlementApplicationView> {
    return this.resettlement.requestSubmission(ctx, reference, applicationId);
  }

  @Post(':applicationId/submission-approval')
  @HttpCode(200)
  @Access(Permission.JourneyApprove)
  @ApiOperation({
    summary:
      'Approve the submission (SUBMITTED): a coordinator other than the requester (409 four-eyes-approval-required); needs resettlement consent (422 resettlement-consent-required) or an override reason',
  })
  @ApiOkResponse({ type: ResettlementApplicationView })
  @ApiProblemResponses(409, 422)
  approveSubmission(
    @Ctx() ctx: RequestContext,
    @Param(REF, new CaseReferenceParam()) reference: string,
    @Param(APP, appId()) applicationId: string,
    @Body() body: SubmissionApprovalDto,
  ): Promise<ResettlementApplicationView> {
    return this.resettlement.approveSubmission(ctx, reference, applicationId, body);
  }

  @Post(':applicationId/status')
  @HttpCode(200)
  @Access(Permission.CaseWork)
  @ApiOperation({ summary: 'Record the pathway outcome: INTERVIEW, ACCEPTED, DEPARTURE_ARRANGED, or DENIED/DEFERRED with a next step' })
  @ApiOkResponse({ type: ResettlementApplicationView })
  @ApiProblemResponses(409, 422)
  changeStatus(
    @Ctx() ctx: RequestContext,
    @Param(REF, new CaseReferenceParam()) reference: string,
    @Param(APP, appId()) applicationId: string,
    @Body() body: ResettlementStatusDto,
  ): Promise<ResettlementApplicationView> {
    return this.resettlement.changeStatus(ctx, reference, applicationId, body);
  }

  @Post(':applicationId/milestones')
  @Access(Permission.CaseWork)
  @ApiOperation({ summary: 'Record a dated milestone (note sealed)' })
  @ApiCreatedResponse({ type: ResettlementApplicationView })
  addMilestone(
    @Ctx() ctx: RequestContext,
    @Param(REF, new CaseReferenceParam()) reference: string,
    @Param(APP, appId()) applicationId: string,
    @Body() body: CreateMilestoneDto,
  ): Promise<ResettlementApplicationView> {
    return this.resettlement.addMilestone(ctx, reference, applicationId, body);
  }

  @Put(':applicationId/documents/:item')
  @Access(Permission.CaseWork)
  @ApiOperation({ summary: 'Mark a checklist document PENDING or OBTAINED' })
  @ApiOkResponse({ type: ResettlementApplicationView })
  setDocument(
    @Ctx() ctx: RequestContext,
    @Param(REF, new CaseReferenceParam()) reference: string,
    @Param(APP, appId()) applicationId: string,
    @Param('item', new ChecklistItemParam()) item: string,
    @Body() body: DocumentStatusDto,
  ): Promise<ResettlementApplicationView> {
    return this.resettlement.setDocument(ctx, reference, applicationId, item, body);
  }

  @Post(':applicationId/destination-arrival')
  @HttpCode(200)
  @Access(Permission.CaseWork)
  @ApiOperation({ summary: 'Record arrival in the destination country (after DEPARTURE_ARRANGED): half of what RESETTLED needs' })
  @ApiOkResponse({ type: ResettlementApplicationView })
  @ApiProblemResponses(409)
  destinationArrival(
    @Ctx() ctx: RequestContext,
    @Param(REF, new CaseReferenceParam()) reference: string,
    @Param(APP, appId()) applicationId: string,
    @Body() body: DestinationArrivalDto,
  ): Promise<ResettlementApplicationView> {
    return this.resettlement.recordDestinationArrival(ctx, reference, applicationId, body);
  }

  @Post(':applicationId/handover')
  @HttpCode(200)
  @Access(Permission.CaseWork)
  @ApiOperation({ summary: 'Record the handover to a settlement agency (agency id optional): the other half of what RESETTLED needs' })
  @ApiOkResponse({ type: ResettlementApplicationView })
  @ApiProblemResponses(409, 422)
  handover(
    @Ctx() ctx: RequestContext,
    @Param(REF, new CaseReferenceParam()) reference: string,
    @Param(APP, appId()) applicationId: string,
    @Body() body: HandoverDto,
  ): Promise<ResettlementApplicationView> {
    return this.resettlement.recordHandover(ctx, reference, applicationId, body);
  }
}
