import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access } from '@common/access/access.decorator';
import { Permission } from '@common/access/permission';
import type { RequestContext } from '@common/access/request-context';
import { Ctx } from '@modules/access/request-context.decorator';
import { CheckinPolicyService, type CheckinPolicyView } from './checkin-policy.service';
import { UpdateCheckinPolicyDto } from './dto/checkins.dto';

@ApiTags('admin')
@ApiBearerAuth()
@Controller('api/v1/admin/checkin-policy')
export class CheckinPolicyController {
  constructor(private readonly policy: CheckinPolicyService) {}

  @Get()
  @Access(Permission.CheckinPolicyManage)
  @ApiOperation({ summary: 'The check-in interval table (stage × priority, minutes) and grace' })
  get(): Promise<CheckinPolicyView> {
    return this.policy.get();
  }

  @Put()
  @Access(Permission.CheckinPolicyManage)
  @ApiOperation({ summary: 'Change check-in intervals (audited); applies from each case\'s next recompute' })
  update(@Ctx() ctx: RequestContext, @Body() body: UpdateCheckinPolicyDto): Promise<CheckinPolicyView> {
    return this.policy.update(ctx, body);
  }
}
