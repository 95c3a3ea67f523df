import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access } from '@common/access/access.decorator';
import { ApiProblemResponses } from '@infra/http/problem.view';
import { Permission } from '@common/access/permission';
import type { RequestContext } from '@common/access/request-context';
import { Ctx } from '@modules/access/request-context.decorator';
import { CaseReferenceParam } from '@modules/cases/case-reference.pipe';
import { CreateMovementLegDto, CreateRelocationPlanDto, LegEventDto, PlanDecisionDto, RecordStayDto, StayExitDto } from './dto/journey.dto';
import { RecordIdParam } from '@infra/http/record-id.pipe';
import { MovementsService } from './movements.service';
import { RelocationPlansService } from './relocation-plans.service';
import { JourneyView, MovementLegView, RelocationPlanView, StayView } from './dto/journeys.views';

const REF = 'ref';

@ApiTags('journeys')
@ApiBearerAuth()
@Controller('api/v1/cases/:ref')
export class JourneysController {
  constructor(
    private readonly plans: RelocationPlansService,
    private readonly movements: MovementsService,
  ) {}

  @Get('journey')
  @Access(Permission.CaseWork)
  @ApiOperation({ summary: "The case's journey: plans, legs, stays and the stay clock (audited)" })
  @ApiOkResponse({ type: JourneyView })
  journey(@Ctx() ctx: RequestContext, @Param(REF, new CaseReferenceParam()) reference: string): Promise<JourneyView> {
    return this.movements.journey(ctx, reference);
  }

  @Post('relocation-plans')
  @Access(Permission.CaseWork)
  @ApiOperation({ summary: 'Request a relocation plan (422 when the transit country is not allowed)' })
  @ApiCreatedResponse({ type: RelocationPlanView })
  @ApiProblemResponses(409, 422)
  createPlan(
    @Ctx() ctx: RequestContext,
    @Param(REF, new CaseReferenceParam()) reference: string,
    @Body() body: CreateRelocationPlanDto,
  ): Promise<RelocationPlanView> {
    return this.plans.create(ctx, reference, body);
  }

  @Get('relocation-plans')
  @Access(Permission.CaseWork)
  @ApiOperation({ summary: "The case's relocation plans (audited)" })
  @ApiOkResponse({ type: [RelocationPlanView] })
  listPlans(@Ctx() ctx: RequestContext, @Param(REF, new CaseReferenceParam()) reference: string): Promise<RelocationPlanView[]> {
    return this.plans.list(ctx, reference);
  }

  @Post('relocation-plans/:planId/approval')
  @HttpCode(200)
  @Access(Permission.JourneyApprove)
  @ApiOperation({ summary: 'Approve or reject a requested plan (a coordinator other than its requester: 409 four-eyes-approval-required)' })
  @ApiOkResponse({ type: RelocationPlanView })
  @ApiProblemResponses(409)
  decidePlan(
    @Ctx() ctx: RequestContext,
    @Param(REF, new CaseReferenceParam()) reference: string,
    @Param('planId', new RecordIdParam('relocation plan')) planId: string,
    @Body() body: PlanDecisionDto,
  ): Promise<RelocationPlanView> {
    return this.plans.decide(ctx, reference, planId, body);
  }

  @Post('relocation-plans/:planId/withdrawal')
  @HttpCode(200)
  @Access(Permission.CaseWork)
  @ApiOperation({ summary: 'Withdraw a requested plan (its requester only)' })
  @ApiOkResponse({ type: RelocationPlanView })
  @ApiProblemResponses(409)
  withdrawPlan(
    @Ctx() ctx: RequestContext,
    @Param(REF, new CaseReferenceParam()) reference: string,
    @Param('planId', new RecordIdParam('relocation plan')) planId: string,
  ): Promise<RelocationPlanView> {
    return this.plans.withdraw(ctx, reference, planId);
  }

  @Post('legs')
  @Access(Permission.CaseWork)
  @ApiOperation({ summary: 'Plan a movement leg' })
  @ApiCreatedResponse({ type: MovementLegView })
  @ApiProblemResponses(409, 422)
  createLeg(@Ctx() ctx: RequestContext, @Param(REF, new CaseReferenceParam()) reference: string, @Body() body: CreateMovementLegDto): Promise<MovementLegView> {
    return this.movements.createLeg(ctx, reference, body);
  }

  @Post('legs/:legId/departure')
  @HttpCode(200)
  @Access(Permission.CaseWork)
  @ApiOperation({ summary: 'Record the departure of a leg (UNDERWAY): what IN_TRANSIT needs' })
  @ApiOkResponse({ type: MovementLegView })
  @ApiProblemResponses(409)
  depart(
    @Ctx() ctx: RequestContext,
    @Param(REF, new CaseReferenceParam()) reference: string,
    @Param('legId', new RecordIdParam('movement leg')) legId: string,
    @Body() body: LegEventDto,
  ): Promise<MovementLegView> {
    return this.movements.recordLegEvent(ctx, reference, legId, 'depart', body);
  }

  @Post('legs/:legId/arrival')
  @HttpCode(200)
  @Access(Permission.CaseWork)
  @ApiOperation({
    summary:
      'Record the arrival of a leg (COMPLETED). It starts no stay clock: record the arrival in the safe country with POST …/stays (country, entry date), which IN_SAFE_COUNTRY needs',
  })
  @ApiOkResponse({ type: MovementLegView })
  @ApiProblemResponses(409)
  arrive(
    @Ctx() ctx: RequestContext,
    @Param(REF, new CaseReferenceParam()) reference: string,
    @Param('legId', new RecordIdParam('movement leg')) legId: string,
    @Body() body: LegEventDto,
  ): Promise<MovementLegView> {
    return this.movements.recordLegEvent(ctx, reference, legId, 'arrive', body);
  }

  @Post('legs/:legId/abort')
  @HttpCode(200)
  @Access(Permission.CaseWork)
  @ApiOperation({ summary: 'Abort a leg that has not completed' })
  @ApiOkResponse({ type: MovementLegView })
  @ApiProblemResponses(409)
  abort(
    @Ctx() ctx: RequestContext,
    @Param(REF, new CaseReferenceParam()) reference: string,
    @Param('legId', new RecordIdParam('movement leg')) legId: string,
    @Body() body: LegEventDto,
  ): Promise<MovementLegView> {
    return this.movements.recordLegEvent(ctx, reference, legId, 'abort', body);
  }

  @Post('stays')
  @Access(Permission.CaseWork)
  @ApiOperation({
    summary:
      "Record arrival in a safe country (country, entry date): starts the stay clock and sets the case's current country; what IN_TRANSIT → IN_SAFE_COUNTRY (or TRIAGED → IN_SAFE_COUNTRY, for people already outside) needs",
  })
  @ApiCreatedResponse({ type: StayView })
  @ApiProblemResponses(409, 422)
  recordStay(@Ctx() ctx: RequestContext, @Param(REF, new CaseReferenceParam()) reference: string, @Body() body: RecordStayDto): Promise<StayView> {
    return this.movements.recordStay(ctx, reference, body);
  }

  @Post('stays/:stayId/exit')
  @HttpCode(200)
  @Access(Permission.CaseWork)
  @ApiOperation({ summary: 'Record leaving the safe country (stops the stay clock)' })
  @ApiOkResponse({ type: StayView })
  @ApiProblemResponses(409)
  exitStay(
    @Ctx() ctx: RequestContext,
    @Param(REF, new CaseReferenceParam()) reference: string,
    @Param('stayId', new RecordIdParam('stay')) stayId: string,
    @Body() body: StayExitDto,
  ): Promise<StayView> {
    return this.movements.recordStayExit(ctx, reference, stayId, body);
  }
}
