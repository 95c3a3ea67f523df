import { Controller, Get, Header, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Access } from '@common/access/access.decorator';
import { Permission } from '@common/access/permission';
import type { RequestContext } from '@common/access/request-context';
import { ApiProblemResponses } from '@infra/http/problem.view';
import { Ctx } from '@modules/access/request-context.decorator';
import { CaseReportView } from './dto/case-report.view';
import { PartnerReportQueryDto, ReportExportQueryDto, ReportQueryDto } from './dto/report-query.dto';
import { SuppressedTableView } from './dto/suppressed-table.view';
import { ReportsService } from './reports.service';

@ApiTags('reports')
@ApiBearerAuth()
@Controller('api/v1/reports')
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  @Get('cases')
  @Access(Permission.ReportsRead)
  @ApiOperation({
    summary:
      'Case counts by stage, priority, countries, activation and intake week; median days per stage; check-in compliance; escalations by trigger and outcome (exact counts, staff only)',
  })
  @ApiOkResponse({ type: CaseReportView })
  cases(@Query() query: ReportQueryDto): Promise<CaseReportView> {
    return this.reports.report(query);
  }

  @Get('cases/export')
  @Access(Permission.ReportsRead)
  @Header('content-type', 'text/csv; charset=utf-8')
  @Header('content-disposition', 'attachment; filename="corridor-cases.csv"')
  @ApiProduces('text/csv')
  @ApiOperation({
    summary: 'CSV of case counts (rows × columns, with totals) and an HXL hashtag row; counts below 5 shown as <5, complementary cells as * (audited)',
  })
  @ApiOkResponse({ schema: { type: 'string' } })
  exportCases(@Query() query: ReportExportQueryDto, @Ctx() ctx: RequestContext): Promise<string> {
    return this.reports.exportCsv(ctx, query);
  }
}

@ApiTags('partner')
@ApiBearerAuth()
@ApiProblemResponses(401, 403, 429)
@Controller('partner/v1/reports')
export class PartnerReportsController {
  constructor(private readonly reports: ReportsService) {}

  @Get('referrals')
  @Access(Permission.PartnerReportsRead)
  @ApiOperation({ summary: "Counts of the agency's own referrals (rows × columns, with totals), small cells suppressed; needs referrals:write (audited)" })
  @ApiOkResponse({ type: SuppressedTableView })
  @ApiProblemResponses(400)
  referrals(@Query() query: PartnerReportQueryDto, @Ctx() ctx: RequestContext): Promise<SuppressedTableView> {
    return this.reports.partnerReferrals(ctx, query);
  }
}
