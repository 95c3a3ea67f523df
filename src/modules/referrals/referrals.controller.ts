import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access } from '@common/access/access.decorator';
import { Permission } from '@common/access/permission';
import type { RequestContext } from '@common/access/request-context';
import type { Page } from '@common/pagination/keyset';
import { PageQueryDto } from '@common/pagination/page-query.dto';
import { Idempotent } from '@infra/http/idempotency/idempotent.decorator';
import { RecordIdParam } from '@infra/http/record-id.pipe';
import { ApiProblemResponses } from '@infra/http/problem.view';
import { Ctx } from '@modules/access/request-context.decorator';
import { ReferralDto, ReferralListView, ReferralView } from './dto/referral.dto';
import { ReferralsService } from './referrals.service';

@ApiTags('partner')
@ApiBearerAuth()
@ApiProblemResponses(401, 403, 429)
@Controller('partner/v1/referrals')
export class ReferralsController {
  constructor(private readonly referrals: ReferralsService) {}

  @Post()
  @Idempotent()
  @Access(Permission.PartnerReferralsWrite)
  @ApiOperation({ summary: 'Refer a person: opens a case at INTAKE (422 without consent to services)' })
  @ApiCreatedResponse({ type: ReferralView })
  @ApiProblemResponses(400, 413, 415, 422)
  submit(@Ctx() ctx: RequestContext, @Body() body: ReferralDto): Promise<ReferralView> {
    return this.referrals.submit(ctx, body);
  }

  @Get()
  @Access(Permission.PartnerReferralsWrite)
  @ApiOperation({ summary: "My agency's referrals, oldest first (keyset pagination)" })
  @ApiOkResponse({ type: ReferralListView })
  @ApiProblemResponses(400)
  list(@Ctx() ctx: RequestContext, @Query() query: PageQueryDto): Promise<Page<ReferralView>> {
    return this.referrals.list(ctx, query);
  }

  @Get(':id')
  @Access(Permission.PartnerReferralsWrite)
  @ApiOperation({ summary: 'One of my referrals: coarse status only' })
  @ApiOkResponse({ type: ReferralView })
  @ApiProblemResponses(404)
  read(@Ctx() ctx: RequestContext, @Param('id', new RecordIdParam('referral')) id: string): Promise<ReferralView> {
    return this.referrals.read(ctx, id);
  }
}
