import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access } from '@common/access/access.decorator';
import { Permission } from '@common/access/permission';
import type { RequestContext } from '@common/access/request-context';
import type { Page } from '@common/pagination/keyset';
import { PageQueryDto } from '@common/pagination/page-query.dto';
import { RecordIdParam } from '@infra/http/record-id.pipe';
import { Ctx } from '@modules/access/request-context.decorator';
import { CaseReferenceParam } from '@modules/cases/case-reference.pipe';
import { CheckinRequestView, CreateShareDto, ServiceUpdateListView, ShareListView, ShareView, type ServiceUpdateView } from './dto/share.dto';
import { SharesService } from './shares.service';

const REF = 'ref';

/** Staff side of need-to-know shares with partner agencies. */
@ApiTags('shares')
@ApiBearerAuth()
@Controller('api/v1/cases/:ref')
export class SharesController {
  constructor(private readonly shares: SharesService) {}

  @Post('shares')
  @Access(Permission.CaseWork)
  @ApiOperation({ summary: "Share the case with an agency: catalogue fields, purpose, expiry (needs the person's consent to sharing)" })
  @ApiCreatedResponse({ type: ShareView })
  create(@Ctx() ctx: RequestContext, @Param(REF, new CaseReferenceParam()) reference: string, @Body() body: CreateShareDto): Promise<ShareView> {
    return this.shares.create(ctx, reference, body);
  }

  @Get('shares')
  @Access(Permission.CaseWork)
  @ApiOperation({ summary: "The case's shares, active and ended" })
  @ApiOkResponse({ type: ShareListView })
  list(@Ctx() ctx: RequestContext, @Param(REF, new CaseReferenceParam()) reference: string, @Query() query: PageQueryDto): Promise<Page<ShareView>> {
    return this.shares.list(ctx, reference, query);
  }

  @Post('shares/:shareId/revoke')
  @HttpCode(200)
  @Access(Permission.CaseWork)
  @ApiOperation({ summary: 'Revoke a share: the agency loses the case at once' })
  @ApiOkResponse({ type: ShareView })
  revoke(
    @Ctx() ctx: RequestContext,
    @Param(REF, new CaseReferenceParam()) reference: string,
    @Param('shareId', new RecordIdParam('share')) shareId: string,
  ): Promise<ShareView> {
    return this.shares.revoke(ctx, reference, shareId);
  }

  @Post('check-in-requests')
  @HttpCode(202)
  @Access(Permission.CaseWork)
  @ApiOperation({ summary: 'Ask the agencies sharing the case to check in with the person (checkin.requested webhook)' })
  @ApiAcceptedResponse({ type: CheckinRequestView })
  requestCheckin(@Ctx() ctx: RequestContext, @Param(REF, new CaseReferenceParam()) reference: string): Promise<CheckinRequestView> {
    return this.shares.requestCheckin(ctx, reference);
  }

  @Get('service-updates')
  @Access(Permission.CaseWork)
  @ApiOperation({ summary: 'Services partner agencies reported on the case (notes decrypted; audited)' })
  @ApiOkResponse({ type: ServiceUpdateListView })
  serviceUpdates(
    @Ctx() ctx: RequestContext,
    @Param(REF, new CaseReferenceParam()) reference: string,
    @Query() query: PageQueryDto,
  ): Promise<Page<ServiceUpdateView>> {
    return this.shares.serviceUpdates(ctx, reference, query);
  }
}
