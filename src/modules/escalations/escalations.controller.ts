import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access } from '@common/access/access.decorator';
import { ApiProblemResponses } from '@infra/http/problem.view';
import { Permission } from '@common/access/permission';
import type { RequestContext } from '@common/access/request-context';
import type { Page } from '@common/pagination/keyset';
import { Ctx } from '@modules/access/request-context.decorator';
import { EscalationListQueryDto, ReassignEscalationDto, ResolveEscalationDto } from './dto/escalations.dto';
import { RecordIdParam } from '@infra/http/record-id.pipe';
import { EscalationAssignment } from './escalation-assignment.service';
import { EscalationCommands } from './escalation-commands.service';
import { EscalationQueries } from './escalation-queries.service';
import { EscalationDetailView, EscalationPage, EscalationView } from './dto/escalations.views';

@ApiTags('escalations')
@ApiBearerAuth()
@Controller('api/v1/escalations')
export class EscalationsController {
  constructor(
    private readonly queries: EscalationQueries,
    private readonly commands: EscalationCommands,
    private readonly assignment: EscalationAssignment,
  ) {}

  @Get()
  @Access(Permission.CaseWork)
  @ApiOperation({ summary: 'Escalations in my scope (caseworkers: their cases; coordinators: all), keyset-paginated' })
  @ApiOkResponse({ type: EscalationPage })
  list(@Ctx() ctx: RequestContext, @Query() query: EscalationListQueryDto): Promise<Page<EscalationView>> {
    return this.queries.list(ctx, query);
  }

  @Post(':id/acknowledgement')
  @HttpCode(200)
  @Access(Permission.CaseWork)
  @ApiOperation({ summary: 'Acknowledge an open escalation: stops its climb' })
  @ApiOkResponse({ type: EscalationView })
  @ApiProblemResponses(409)
  acknowledge(@Ctx() ctx: RequestContext, @Param('id', new RecordIdParam('escalation')) id: string): Promise<EscalationView> {
    return this.commands.acknowledge(ctx, id);
  }

  @Post(':id/resolution')
  @HttpCode(200)
  @Access(Permission.CaseWork)
  @ApiOperation({ summary: 'Resolve an escalation with an outcome' })
  @ApiOkResponse({ type: EscalationView })
  @ApiProblemResponses(409)
  resolve(@Ctx() ctx: RequestContext, @Param('id', new RecordIdParam('escalation')) id: string, @Body() body: ResolveEscalationDto): Promise<EscalationView> {
    return this.commands.resolve(ctx, id, body);
  }

  @Get(':id')
  @Access(Permission.CaseWork)
  @ApiOperation({ summary: 'An escalation with its timeline: opened, each level climbed, acknowledgements, reassignments, resolution (actors and times)' })
  @ApiOkResponse({ type: EscalationDetailView })
  detail(@Ctx() ctx: RequestContext, @Param('id', new RecordIdParam('escalation')) id: string): Promise<EscalationDetailView> {
    return this.queries.detail(ctx, id);
  }

  @Post(':id/reassignment')
  @HttpCode(200)
  @Access(Permission.CaseAssign)
  @ApiOperation({ summary: 'Coordinators: hand an unresolved escalation to a coordinator or an assigned caseworker (audited; the assignee is told in-app)' })
  @ApiOkResponse({ type: EscalationView })
  @ApiProblemResponses(409, 422)
  reassign(@Ctx() ctx: RequestContext, @Param('id', new RecordIdParam('escalation')) id: string, @Body() body: ReassignEscalationDto): Promise<EscalationView> {
    return this.assignment.reassign(ctx, id, body);
  }
}
