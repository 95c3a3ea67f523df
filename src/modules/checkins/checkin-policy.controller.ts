import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access } from '@common/access/access.decorator';
import { Permission } from '@common/access/permission';
import type { RequestContext } from '@common/access/request-context';
import { Ctx } from '@modules/access/request-context.decorator';
import { CheckinPolicyService } from './checkin-policy.service';
import { UpdateCheckinPolicyDto } from './dto/checkins.dto';
import { CheckinPolicyView } from './dto/checkin-policy.views';

@ApiTags('admin')
@ApiBearerAuth()
@Controller('api/v1/admin/checkin-policy')
export class CheckinPolicyController {
  constructor(private readonly policy: CheckinPolicyService) {}

  @Get()
  @Access(Permission.CheckinPolicyManage)
  @ApiOperation({ summary: 'The check-in interval table (stage × priority, minutes) and grace' })
  @ApiOkResponse({ type: CheckinPolicyView })
  get(): Promise<CheckinPolicyView> {
    return this.policy.get();
  }

  @Put()
  @Access(Permission.CheckinPolicyManage)
  @ApiOperation({ summary: "Change check-in intervals (audited); applies from each case's next recompute" })
  @ApiOkResponse({ type: CheckinPolicyView })
  update(@Ctx() ctx: RequestContext, @Body() body: UpdateCheckinPolicyDto): Promise<CheckinPolicyView> {
    return this.policy.update(ctx, body);
  }
}
