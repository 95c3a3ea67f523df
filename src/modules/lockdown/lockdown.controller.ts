import { Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access } from '@common/access/access.decorator';
import { ApiProblemResponses } from '@infra/http/problem.view';
import { Permission } from '@common/access/permission';
import type { RequestContext } from '@common/access/request-context';
import { Ctx } from '@modules/access/request-context.decorator';
import { LockdownService, type LockdownStatus } from './lockdown.service';
import { LockdownStatusView } from './dto/lockdown.views';

@ApiTags('admin')
@ApiBearerAuth()
@Controller('api/v1/admin/lockdown')
export class LockdownController {
  constructor(private readonly lockdown: LockdownService) {}

  @Get()
  @Access(Permission.LockdownManage)
  @ApiOperation({ summary: 'Whether lockdown is in force' })
  @ApiOkResponse({ type: LockdownStatusView })
  status(): Promise<LockdownStatus> {
    return this.lockdown.status();
  }

  @Post()
  @HttpCode(200)
  @Access(Permission.LockdownManage)
  @ApiOperation({ summary: 'Declare lockdown: end every session and API key now, pause webhooks' })
  @ApiOkResponse({ type: LockdownStatusView })
  @ApiProblemResponses(409)
  declare(@Ctx() ctx: RequestContext): Promise<LockdownStatus> {
    return this.lockdown.declare(ctx);
  }

  @Post('lift')
  @HttpCode(200)
  @Access(Permission.LockdownManage)
  @ApiOperation({ summary: 'Lift lockdown (an admin other than the one who declared it)' })
  @ApiOkResponse({ type: LockdownStatusView })
  @ApiProblemResponses(409)
  lift(@Ctx() ctx: RequestContext): Promise<LockdownStatus> {
    return this.lockdown.lift(ctx);
  }
}
