import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access } from '@common/access/access.decorator';
import { Permission } from '@common/access/permission';
import type { RequestContext } from '@common/access/request-context';
import { PageQueryDto } from '@common/pagination/page-query.dto';
import { RecordIdParam } from '@infra/http/record-id.pipe';
import { Ctx } from '@modules/access/request-context.decorator';
import { CreateEgressAllowlistEntryDto, EgressAllowlistEntryView, EgressAllowlistPage } from './dto/webhooks.dto';
import { EgressAllowlistService } from './egress-allowlist.service';

/** Hosts exempt from the egress rules (http, private addresses). Audited. */
@ApiTags('admin: egress allowlist')
@ApiBearerAuth()
@Controller('api/v1/admin/egress-allowlist')
export class EgressAllowlistController {
  constructor(private readonly allowlist: EgressAllowlistService) {}

  @Get()
  @Access(Permission.OutboundManage)
  @ApiOperation({ summary: 'List hosts exempt from the egress rules' })
  @ApiOkResponse({ type: EgressAllowlistPage })
  list(@Query() query: PageQueryDto): Promise<EgressAllowlistPage> {
    return this.allowlist.list(query);
  }

  @Post()
  @Access(Permission.OutboundManage)
  @ApiOperation({ summary: 'Exempt a host: http and private addresses become allowed for it' })
  @ApiCreatedResponse({ type: EgressAllowlistEntryView })
  add(@Ctx() ctx: RequestContext, @Body() body: CreateEgressAllowlistEntryDto): Promise<EgressAllowlistEntryView> {
    return this.allowlist.add(ctx, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @Access(Permission.OutboundManage)
  @ApiOperation({ summary: 'Remove an exemption (checked again at the next delivery)' })
  @ApiNoContentResponse({ description: 'Removed' })
  remove(@Ctx() ctx: RequestContext, @Param('id', new RecordIdParam('allowlist entry')) id: string): Promise<void> {
    return this.allowlist.remove(ctx, id);
  }
}
