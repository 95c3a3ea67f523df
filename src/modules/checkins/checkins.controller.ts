import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Page } from '@common/pagination/keyset';
import { PageQueryDto } from '@common/pagination/page-query.dto';
import { ApiProblemResponses } from '@infra/http/problem.view';
import { Access } from '@common/access/access.decorator';
import { Permission } from '@common/access/permission';
import type { RequestContext } from '@common/access/request-context';
import { Ctx } from '@modules/access/request-context.decorator';
import { CaseReferenceParam } from '@modules/cases/case-reference.pipe';
import { CheckinsService, type CheckinRecorded } from './checkins.service';
import { CheckinListPageView, type CheckinListItemView } from './dto/checkin-list.view';
import { RecordCheckinDto } from './dto/checkins.dto';
import { ManualEscalationDto } from '@modules/escalations/dto/escalations.dto';
import { EscalationCommands } from '@modules/escalations/escalation-commands.service';
import { CheckinRecordedView, ScheduleView } from './dto/checkins.views';
import { EscalationView } from '@modules/escalations/dto/escalations.views';

const REF = 'ref';

@ApiTags('check-ins')
@ApiBearerAuth()
@Controller('api/v1/cases')
export class CheckinsController {
  constructor(
    private readonly checkins: CheckinsService,
    private readonly escalations: EscalationCommands,
  ) {}

  @Post(':ref/check-ins')
  @Access(Permission.CaseWork)
  @ApiOperation({ summary: 'Record a check-in (call, visit, message): restarts the schedule and resolves MISSED_CHECKIN' })
  @ApiCreatedResponse({ type: CheckinRecordedView })
  record(@Ctx() ctx: RequestContext, @Param(REF, new CaseReferenceParam()) reference: string, @Body() body: RecordCheckinDto): Promise<CheckinRecorded> {
    return this.checkins.recordByStaff(ctx, reference, body);
  }

  @Get(':ref/check-ins')
  @Access(Permission.CaseWork)
  @ApiOperation({ summary: "The case's check-ins, newest first: time, channel, source and who recorded them (never the note, never which PIN)" })
  @ApiOkResponse({ type: CheckinListPageView })
  @ApiProblemResponses(400, 401, 403, 404)
  list(@Ctx() ctx: RequestContext, @Param(REF, new CaseReferenceParam()) reference: string, @Query() query: PageQueryDto): Promise<Page<CheckinListItemView>> {
    return this.checkins.list(ctx, reference, query);
  }

  @Get(':ref/schedule')
  @Access(Permission.CaseWork)
  @ApiOperation({ summary: "The case's check-in schedule: interval, due and deadline" })
  @ApiOkResponse({ type: ScheduleView })
  schedule(@Ctx() ctx: RequestContext, @Param(REF, new CaseReferenceParam()) reference: string): Promise<ScheduleView> {
    return this.checkins.schedule(ctx, reference);
  }

  @Post(':ref/escalations')
  @Access(Permission.CaseWork)
  @ApiOperation({ summary: 'Raise a MANUAL escalation for the case' })
  @ApiCreatedResponse({ type: EscalationView })
  escalate(@Ctx() ctx: RequestContext, @Param(REF, new CaseReferenceParam()) reference: string, @Body() body: ManualEscalationDto): Promise<EscalationView> {
    return this.escalations.manual(ctx, reference, body);
  }
}
