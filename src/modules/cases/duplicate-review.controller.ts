import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access } from '@common/access/access.decorator';
import { Permission } from '@common/access/permission';
import type { RequestContext } from '@common/access/request-context';
import { ApiProblemResponses } from '@infra/http/problem.view';
import { Ctx } from '@modules/access/request-context.decorator';
import { CaseReferenceParam } from './case-reference.pipe';
import { DuplicateDecisionDto, DuplicateDecisionView, DuplicatePairView } from './dto/duplicate-review.dto';
import { DuplicateReviewService } from './duplicate-review.service';

/** A flagged pair of cases, reviewed side by side and decided once. */
@ApiTags('cases')
@ApiBearerAuth()
@ApiProblemResponses(401, 403, 404)
@Controller('api/v1/cases/:ref/duplicates/:otherRef')
export class DuplicateReviewController {
  constructor(private readonly review: DuplicateReviewService) {}

  @Get()
  @Access(Permission.CaseWork)
  @ApiOperation({
    summary:
      'Both cases of an undecided possible-duplicate pair side by side: identity, contact, documents and dependants as my role allows on each (both reads audited; 404 unless I may read both)',
  })
  @ApiOkResponse({ type: DuplicatePairView })
  pair(
    @Ctx() ctx: RequestContext,
    @Param('ref', new CaseReferenceParam()) reference: string,
    @Param('otherRef', new CaseReferenceParam()) otherReference: string,
  ): Promise<DuplicatePairView> {
    return this.review.review(ctx, reference, otherReference);
  }

  @Post('decision')
  @HttpCode(200)
  @Access(Permission.CaseWork)
  @ApiOperation({
    summary:
      'Decide the pair once: SAME_PERSON closes `closeReference` as DUPLICATE of the other and links them (nothing merged); NOT_SAME never flags the pair again (audited)',
  })
  @ApiOkResponse({ type: DuplicateDecisionView })
  @ApiProblemResponses(400, 409, 415)
  decide(
    @Ctx() ctx: RequestContext,
    @Param('ref', new CaseReferenceParam()) reference: string,
    @Param('otherRef', new CaseReferenceParam()) otherReference: string,
    @Body() body: DuplicateDecisionDto,
  ): Promise<DuplicateDecisionView> {
    return this.review.decide(ctx, reference, otherReference, body);
  }
}
