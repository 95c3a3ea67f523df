import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Idempotent } from '@infra/http/idempotency/idempotent.decorator';
import { Access } from '@common/access/access.decorator';
import { Permission } from '@common/access/permission';
import type { RequestContext } from '@common/access/request-context';
import { PageQueryDto } from '@common/pagination/page-query.dto';
import { ApiProblemResponses } from '@infra/http/problem.view';
import { RecordIdParam } from '@infra/http/record-id.pipe';
import { Ctx } from '@modules/access/request-context.decorator';
import {
  CreatedWebhookEndpointView,
  CreateWebhookDto,
  WebhookDeliveryPage,
  WebhookDeliveryView,
  WebhookEndpointPage,
  WebhookEndpointView,
} from './dto/webhooks.dto';
import { partnerScope, WebhookEndpointsService } from './webhook-endpoints.service';

const ID = new RecordIdParam('webhook endpoint');

/** A partner agency's own webhook endpoints (spec 4). Another agency's answer 404. */
@ApiTags('partner: webhooks')
@ApiBearerAuth()
@ApiProblemResponses(401, 403, 429)
@Controller('partner/v1/webhooks')
export class PartnerWebhooksController {
  constructor(private readonly endpoints: WebhookEndpointsService) {}

  @Get()
  @Access(Permission.PartnerWebhooksManage)
  @ApiOperation({ summary: "List the agency's webhook endpoints, oldest first (keyset pagination)" })
  @ApiOkResponse({ type: WebhookEndpointPage })
  @ApiProblemResponses(400)
  list(@Ctx() ctx: RequestContext, @Query() query: PageQueryDto): Promise<WebhookEndpointPage> {
    return this.endpoints.list(partnerScope(ctx), query);
  }

  @Post()
  @Access(Permission.PartnerWebhooksManage)
  // The signing secret is shown once: a replay answers without it (delete and register again if lost).
  @Idempotent({ withhold: ['secret'] })
  @ApiOperation({ summary: 'Register an endpoint (https, public address); the answer carries its signing secret, shown only once' })
  @ApiCreatedResponse({ type: CreatedWebhookEndpointView })
  @ApiProblemResponses(400, 409, 413, 415, 422)
  create(@Ctx() ctx: RequestContext, @Body() body: CreateWebhookDto): Promise<CreatedWebhookEndpointView> {
    return this.endpoints.create(ctx, partnerScope(ctx), body);
  }

  @Delete(':id')
  @HttpCode(204)
  @Access(Permission.PartnerWebhooksManage)
  @ApiOperation({ summary: 'Delete an endpoint: pending deliveries stop and its secret is destroyed' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiProblemResponses(404)
  remove(@Ctx() ctx: RequestContext, @Param('id', ID) id: string): Promise<void> {
    return this.endpoints.remove(ctx, partnerScope(ctx), id);
  }

  @Post(':id/test')
  @HttpCode(202)
  @Access(Permission.PartnerWebhooksManage)
  @Idempotent()
  @ApiOperation({ summary: 'Send a signed `webhook.test` event now (one attempt); follow it in the delivery log' })
  @ApiAcceptedResponse({ type: WebhookDeliveryView })
  @ApiProblemResponses(404, 409)
  test(@Ctx() ctx: RequestContext, @Param('id', ID) id: string): Promise<WebhookDeliveryView> {
    return this.endpoints.test(ctx, partnerScope(ctx), id);
  }

  @Post(':id/enable')
  @HttpCode(200)
  @Access(Permission.PartnerWebhooksManage)
  @Idempotent()
  @ApiOperation({ summary: 'Re-enable an endpoint that was disabled (410 or sustained failure)' })
  @ApiOkResponse({ type: WebhookEndpointView })
  @ApiProblemResponses(404, 409)
  enable(@Ctx() ctx: RequestContext, @Param('id', ID) id: string): Promise<WebhookEndpointView> {
    return this.endpoints.enable(ctx, partnerScope(ctx), id);
  }

  @Get(':id/deliveries')
  @Access(Permission.PartnerWebhooksManage)
  @ApiOperation({ summary: "An endpoint's delivery log, newest first (keyset pagination)" })
  @ApiOkResponse({ type: WebhookDeliveryPage })
  @ApiProblemResponses(400, 404)
  deliveries(@Ctx() ctx: RequestContext, @Param('id', ID) id: string, @Query() query: PageQueryDto): Promise<WebhookDeliveryPage> {
    return this.endpoints.deliveryLog(partnerScope(ctx), id, query);
  }
}
