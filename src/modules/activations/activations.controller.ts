import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access } from '@common/access/access.decorator';
import { ApiProblemResponses } from '@infra/http/problem.view';
import { Permission } from '@common/access/permission';
import type { RequestContext } from '@common/access/request-context';
import type { Page } from '@common/pagination/keyset';
import { Ctx } from '@modules/access/request-context.decorator';
import { ActivationCodeParam } from './activation-code.pipe';
import type { ActivationDashboard } from './activation-view';
import { ActivationsService } from './activations.service';
import { ActivationListQueryDto, CreateActivationDto, OverridesDto, UpdateRosterDto } from './dto/activations.dto';
import { ActivationDashboardView, ActivationPage, ActivationView } from './dto/activations.views';

@ApiTags('activations')
@ApiBearerAuth()
@Controller('api/v1/activations')
export class ActivationsController {
  constructor(private readonly activations: ActivationsService) {}

  @Post()
  @Access(Permission.ActivationsManage)
  @ApiOperation({ summary: 'Activate a rapid response: link matching open cases, re-time them, place them with the roster (runs in chunks; see fanout)' })
  @ApiCreatedResponse({ type: ActivationView })
  @ApiProblemResponses(409, 422)
  activate(@Ctx() ctx: RequestContext, @Body() body: CreateActivationDto): Promise<ActivationView> {
    return this.activations.activate(ctx, body);
  }

  @Get()
  @Access(Permission.ActivationsRead)
  @ApiOperation({ summary: 'Activations, newest first' })
  @ApiOkResponse({ type: ActivationPage })
  list(@Query() query: ActivationListQueryDto): Promise<Page<ActivationView>> {
    return this.activations.list(query);
  }

  @Get(':code')
  @Access(Permission.ActivationsRead)
  @ApiOperation({ summary: 'An activation, with its roster, overrides and fan-out progress' })
  @ApiOkResponse({ type: ActivationView })
  get(@Param('code', ActivationCodeParam) code: string): Promise<ActivationView> {
    return this.activations.get(code);
  }

  @Get(':code/dashboard')
  @Access(Permission.ActivationsRead)
  @ApiOperation({ summary: 'Counts by stage and priority, overdue check-ins, open escalations, SLA breaches, caseload per roster member, progress' })
  @ApiOkResponse({ type: ActivationDashboardView })
  dashboard(@Param('code', ActivationCodeParam) code: string): Promise<ActivationDashboard> {
    return this.activations.dashboard(code);
  }

  @Post(':code/stand-down')
  @HttpCode(200)
  @Access(Permission.ActivationsManage)
  @ApiOperation({ summary: 'Stand down: release the cases and restore the standard policy (coordinators in charge)' })
  @ApiOkResponse({ type: ActivationView })
  @ApiProblemResponses(409)
  standDown(@Ctx() ctx: RequestContext, @Param('code', ActivationCodeParam) code: string): Promise<ActivationView> {
    return this.activations.standDown(ctx, code);
  }

  @Put(':code/roster')
  @Access(Permission.ActivationsManage)
  @ApiOperation({ summary: 'Replace the roster and caseload caps (coordinators in charge)' })
  @ApiOkResponse({ type: ActivationView })
  @ApiProblemResponses(409, 422)
  updateRoster(@Ctx() ctx: RequestContext, @Param('code', ActivationCodeParam) code: string, @Body() body: UpdateRosterDto): Promise<ActivationView> {
    return this.activations.updateRoster(ctx, code, body);
  }

  @Put(':code/overrides')
  @Access(Permission.ActivationsManage)
  @ApiOperation({ summary: 'Replace the policy overrides and re-time every held case (coordinators in charge)' })
  @ApiOkResponse({ type: ActivationView })
  @ApiProblemResponses(409)
  updateOverrides(@Ctx() ctx: RequestContext, @Param('code', ActivationCodeParam) code: string, @Body() body: OverridesDto): Promise<ActivationView> {
    return this.activations.updateOverrides(ctx, code, body);
  }
}
