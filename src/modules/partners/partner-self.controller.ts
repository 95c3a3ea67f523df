import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access } from '@common/access/access.decorator';
import { Permission } from '@common/access/permission';
import type { RequestContext } from '@common/access/request-context';
import { ApiProblemResponses } from '@infra/http/problem.view';
import { Ctx } from '@modules/access/request-context.decorator';
import { PartnerSelfView } from './dto/partner-self.dto';
import { PartnersService } from './partners.service';

/** The partner API's smallest route: who am I, as far as Corridor is concerned. */
@ApiTags('partner')
@ApiBearerAuth()
@ApiProblemResponses(401, 403, 429)
@Controller('partner/v1')
export class PartnerSelfController {
  constructor(private readonly partners: PartnersService) {}

  @Get('me')
  @Access(Permission.PartnerSelf)
  @ApiOperation({ summary: "The calling key's agency and scopes (any valid API key)" })
  @ApiOkResponse({ type: PartnerSelfView })
  me(@Ctx() ctx: RequestContext): Promise<PartnerSelfView> {
    return this.partners.describePartner(ctx);
  }
}
