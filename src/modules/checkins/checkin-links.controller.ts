import { Body, Controller, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblemResponses } from '@infra/http/problem.view';
import { Access } from '@common/access/access.decorator';
import { Permission } from '@common/access/permission';
import type { RequestContext } from '@common/access/request-context';
import { Ctx } from '@modules/access/request-context.decorator';
import { CaseReferenceParam } from '@modules/cases/case-reference.pipe';
import { CheckinLinksService, type IssuedCheckinLink } from './checkin-links.service';
import { IssueCheckinLinkDto, IssuedCheckinLinkView, SetCheckinPinsDto } from './dto/checkins.dto';

const REF = 'ref';

@ApiTags('check-ins')
@ApiBearerAuth()
@Controller('api/v1/cases')
export class CheckinLinksController {
  constructor(private readonly links: CheckinLinksService) {}

  @Put(':ref/checkin-pins')
  @HttpCode(204)
  @Access(Permission.CaseWork)
  @ApiOperation({ summary: 'Set the safety and duress PINs (during an interview); stored as argon2id hashes, never returned' })
  setPins(@Ctx() ctx: RequestContext, @Param(REF, new CaseReferenceParam()) reference: string, @Body() body: SetCheckinPinsDto): Promise<void> {
    return this.links.setPinsByStaff(ctx, reference, body);
  }

  @Post(':ref/checkin-links')
  @Access(Permission.CaseWork)
  @ApiOperation({ summary: 'Issue a one-time link (CHECKIN or ENROL); its full URL (under PUBLIC_BASE_URL) and path are returned once' })
  @ApiCreatedResponse({ type: IssuedCheckinLinkView })
  @ApiProblemResponses(400, 401, 403, 404, 415, 422)
  issue(@Ctx() ctx: RequestContext, @Param(REF, new CaseReferenceParam()) reference: string, @Body() body: IssueCheckinLinkDto): Promise<IssuedCheckinLink> {
    return this.links.issueLink(ctx, reference, body);
  }
}
