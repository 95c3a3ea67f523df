import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access } from '@common/access/access.decorator';
import { Permission } from '@common/access/permission';
import type { RequestContext } from '@common/access/request-context';
import { PageQueryDto } from '@common/pagination/page-query.dto';
import { RecordIdParam } from '@infra/http/record-id.pipe';
import { Ctx } from '@modules/access/request-context.decorator';
import {
  CreateAlertChannelDto,
  CreatedWebhookEndpointView,
  WebhookDeliveryPage,
  WebhookDeliveryView,
  WebhookEndpointPage,
  WebhookEndpointView,
} from './dto/webhooks.dto';
import { STAFF_SCOPE, WebhookEndpointsService } from './webhook-endpoints.service';

const ID = new RecordIdParam('alert channel');

/** Staff alert channels (spec 3.6): signed webhooks to an operations chat or gateway. */
@ApiTags('admin: alert channels')
@ApiBearerAuth()
@Controller('api/v1/admin/alert-channels')
export class AlertChannelsController {
  constructor(private readonly endpoints: WebhookEndpointsService) {}

  @Get()
  @Access(Permission.OutboundManage)
  @ApiOperation({ summary: 'List staff alert channels' })
  @ApiOkResponse({ type: WebhookEndpointPage })
  list(@Query() query: PageQueryDto): Promise<WebhookEndpointPage> {
    return this.endpoints.list(STAFF_SCOPE, query);
  }

  @Post()
  @Access(Permission.OutboundManage)
  @ApiOperation({ summary: 'Add an alert channel; the answer carries its signing secret, shown only once' })
  @ApiCreatedResponse({ type: CreatedWebhookEndpointView })
  create(@Ctx() ctx: RequestContext, @Body() body: CreateAlertChannelDto): Promise<CreatedWebhookEndpointView> {
    return this.endpoints.create(ctx, STAFF_SCOPE, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @Access(Permission.OutboundManage)
  @ApiOperation({ summary: 'Delete an alert channel' })
  @ApiNoContentResponse({ description: 'Deleted' })
  remove(@Ctx() ctx: RequestContext, @Param('id', ID) id: string): Promise<void> {
    return this.endpoints.remove(ctx, STAFF_SCOPE, id);
  }

  @Post(':id/test')
  @HttpCode(202)
  @Access(Permission.OutboundManage)
  @ApiOperation({ summary: 'Send a signed `webhook.test` event to the channel now' })
  @ApiAcceptedResponse({ type: WebhookDeliveryView })
  test(@Ctx() ctx: RequestContext, @Param('id', ID) id: string): Promise<WebhookDeliveryView> {
    return this.endpoints.test(ctx, STAFF_SCOPE, id);
  }

  @Post(':id/enable')
  @HttpCode(200)
  @Access(Permission.OutboundManage)
  @ApiOperation({ summary: 'Re-enable a disabled alert channel' })
  @ApiOkResponse({ type: WebhookEndpointView })
  enable(@Ctx() ctx: RequestContext, @Param('id', ID) id: string): Promise<WebhookEndpointView> {
    return this.endpoints.enable(ctx, STAFF_SCOPE, id);
  }

  @Get(':id/deliveries')
  @Access(Permission.OutboundManage)
  @ApiOperation({ summary: "An alert channel's delivery log, newest first" })
  @ApiOkResponse({ type: WebhookDeliveryPage })
  deliveries(@Param('id', ID) id: string, @Query() query: PageQueryDto): Promise<WebhookDeliveryPage> {
    return this.endpoints.deliveryLog(STAFF_SCOPE, id, query);
  }
}
