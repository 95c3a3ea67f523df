import { Body, Controller, Get, Patch, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access } from '@common/access/access.decorator';
import { Permission } from '@common/access/permission';
import type { RequestContext } from '@common/access/request-context';
import type { Page } from '@common/pagination/keyset';
import { PageQueryDto } from '@common/pagination/page-query.dto';
import { ApiProblemResponses } from '@infra/http/problem.view';
import { Ctx } from '@modules/access/request-context.decorator';
import { MeView, StaffDirectoryEntryView, StaffDirectoryPageView } from './dto/me.view';
import { TasksView } from './dto/tasks.view';
import { UpdateMeDto } from './dto/update-me.dto';
import { WorkspaceService } from './workspace.service';

@ApiTags('me')
@ApiBearerAuth()
@ApiProblemResponses(401)
@Controller('api/v1')
export class WorkspaceController {
  constructor(private readonly workspace: WorkspaceService) {}

  @Get('me')
  @Access(Permission.StaffSelf)
  @ApiOperation({ summary: 'Who I am: roles, permissions, display name, preferred language, activations I coordinate' })
  @ApiOkResponse({ type: MeView })
  me(@Ctx() ctx: RequestContext): Promise<MeView> {
    return this.workspace.me(ctx);
  }

  @Patch('me')
  @Access(Permission.StaffSelf)
  @ApiOperation({ summary: 'Change my display name (sealed), preferred language or name masking (audited: which fields, never values)' })
  @ApiOkResponse({ type: MeView })
  @ApiProblemResponses(400)
  updateMe(@Ctx() ctx: RequestContext, @Body() body: UpdateMeDto): Promise<MeView> {
    return this.workspace.updateMe(ctx, body);
  }

  @Get('me/tasks')
  @Access(Permission.StaffSelf)
  @ApiOperation({
    summary:
      'What waits for me now: approvals, unassigned new cases, escalations with time left to acknowledge, overdue check-ins, stays near their limit, overdue expedited requests',
    description: 'Counts are complete; each list holds at most 50 items, most pressing first. Items carry ids and case references, never names.',
  })
  @ApiOkResponse({ type: TasksView })
  tasks(@Ctx() ctx: RequestContext): Promise<TasksView> {
    return this.workspace.tasks(ctx);
  }

  @Get('staff-directory')
  @Access(Permission.StaffDirectoryRead)
  @ApiOperation({ summary: 'Caseworkers and coordinators: display names, roles, open caseload, active or not (coordinators; audited)' })
  @ApiOkResponse({ type: StaffDirectoryPageView })
  @ApiProblemResponses(400, 403)
  directory(@Ctx() ctx: RequestContext, @Query() query: PageQueryDto): Promise<Page<StaffDirectoryEntryView>> {
    return this.workspace.directory(ctx, query);
  }
}
