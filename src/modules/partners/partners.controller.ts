import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access } from '@common/access/access.decorator';
import { Permission } from '@common/access/permission';
import type { RequestContext } from '@common/access/request-context';
import { Ctx } from '@modules/access/request-context.decorator';
import { AgencyPage, AgencyView, CreateAgencyDto, UpdateAgencyDto } from './dto/agency.dto';
import { ApiKeyPage, ApiKeyView, CreateApiKeyDto, IssuedApiKeyView, RotateApiKeyDto, RotatedApiKeyView } from './dto/api-key.dto';
import { PageQueryDto } from '@common/pagination/page-query.dto';
import { callerOf, PartnersService } from './partners.service';

/** Admins manage partner agencies and their API keys. */
@ApiTags('admin: partner agencies')
@ApiBearerAuth()
@Controller('api/v1/admin/agencies')
export class PartnersController {
  constructor(private readonly partners: PartnersService) {}

  @Post()
  @Access(Permission.AgenciesManage)
  @ApiOperation({ summary: 'Create a partner agency' })
  @ApiCreatedResponse({ type: AgencyView })
  create(@Ctx() ctx: RequestContext, @Body() body: CreateAgencyDto): Promise<AgencyView> {
    return this.partners.createAgency(callerOf(ctx), body);
  }

  @Get()
  @Access(Permission.AgenciesManage)
  @ApiOperation({ summary: 'List partner agencies, oldest first (keyset pagination)' })
  @ApiOkResponse({ type: AgencyPage })
  list(@Query() query: PageQueryDto): Promise<AgencyPage> {
    return this.partners.listAgencies(query);
  }

  @Get(':id')
  @Access(Permission.AgenciesManage)
  @ApiOperation({ summary: 'Get a partner agency' })
  @ApiOkResponse({ type: AgencyView })
  get(@Param('id') id: string): Promise<AgencyView> {
    return this.partners.getAgency(id);
  }

  @Patch(':id')
  @Access(Permission.AgenciesManage)
  @ApiOperation({ summary: 'Change an agency: name, countries, contact channel, or status (SUSPENDED stops its keys at once)' })
  @ApiOkResponse({ type: AgencyView })
  update(@Ctx() ctx: RequestContext, @Param('id') id: string, @Body() body: UpdateAgencyDto): Promise<AgencyView> {
    return this.partners.updateAgency(callerOf(ctx), id, body);
  }

  @Post(':id/api-keys')
  @Access(Permission.AgenciesManage)
  @ApiOperation({ summary: 'Issue an API key; the answer carries the key, and nothing ever shows it again' })
  @ApiCreatedResponse({ type: IssuedApiKeyView })
  createKey(@Ctx() ctx: RequestContext, @Param('id') id: string, @Body() body: CreateApiKeyDto): Promise<IssuedApiKeyView> {
    return this.partners.createApiKey(callerOf(ctx), id, body);
  }

  @Get(':id/api-keys')
  @Access(Permission.AgenciesManage)
  @ApiOperation({ summary: "List an agency's API keys (never the keys themselves)" })
  @ApiOkResponse({ type: ApiKeyPage })
  listKeys(@Param('id') id: string, @Query() query: PageQueryDto): Promise<ApiKeyPage> {
    return this.partners.listApiKeys(id, query);
  }

  @Post(':id/api-keys/:keyId/rotate')
  @Access(Permission.AgenciesManage)
  @ApiOperation({ summary: 'Rotate an API key: a new key, shown once; the old one works for the overlap (default 24 h)' })
  @ApiCreatedResponse({ type: RotatedApiKeyView })
  rotateKey(@Ctx() ctx: RequestContext, @Param('id') id: string, @Param('keyId') keyId: string, @Body() body: RotateApiKeyDto): Promise<RotatedApiKeyView> {
    return this.partners.rotateApiKey(callerOf(ctx), id, keyId, body);
  }

  @Post(':id/api-keys/:keyId/revoke')
  @HttpCode(200)
  @Access(Permission.AgenciesManage)
  @ApiOperation({ summary: 'Revoke an API key; it stops working on the next request' })
  @ApiOkResponse({ type: ApiKeyView })
  revokeKey(@Ctx() ctx: RequestContext, @Param('id') id: string, @Param('keyId') keyId: string): Promise<ApiKeyView> {
    return this.partners.revokeApiKey(callerOf(ctx), keyId, id);
  }
}
