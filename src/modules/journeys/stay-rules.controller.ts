import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access } from '@common/access/access.decorator';
import { Permission } from '@common/access/permission';
import type { RequestContext } from '@common/access/request-context';
import { Ctx } from '@modules/access/request-context.decorator';
import { CountryParam } from './country.pipe';
import { UpsertStayRuleDto } from './dto/stay-rule.dto';
import { StayRulesService } from './stay-rules.service';
import { StayRuleView } from './dto/stay-rules.views';

@ApiTags('stay-rules')
@ApiBearerAuth()
@Controller('api/v1/admin/stay-rules')
export class StayRulesController {
  constructor(private readonly rules: StayRulesService) {}

  @Get()
  @Access(Permission.StayRulesManage)
  @ApiOperation({ summary: 'The stay-rule table (nationality × host country → allowed days, with source and date checked)' })
  @ApiOkResponse({ type: [StayRuleView] })
  list(): Promise<StayRuleView[]> {
    return this.rules.list();
  }

  @Put(':nationality/:hostCountry')
  @Access(Permission.StayRulesManage)
  @ApiOperation({ summary: 'Create or replace a stay rule (audited); running stays keep the days they started with' })
  @ApiOkResponse({ type: StayRuleView })
  upsert(
    @Ctx() ctx: RequestContext,
    @Param('nationality', new CountryParam('nationality')) nationality: string,
    @Param('hostCountry', new CountryParam('hostCountry')) hostCountry: string,
    @Body() body: UpsertStayRuleDto,
  ): Promise<StayRuleView> {
    return this.rules.upsert(ctx, nationality, hostCountry, body);
  }
}
