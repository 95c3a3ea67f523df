import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { partnerOf, staffOf, type RequestContext } from '@common/access/request-context';
import { AuditService } from '@modules/audit/audit.service';
import { suppressedCsv } from './domain/csv';
import { COLUMN_VALUES, countHxl, ReportDimension, ROW_HXL, ROW_TITLE, TOTAL_HXL, type ColumnDimension } from './domain/dimensions';
import { suppress, SUPPRESSION_THRESHOLD, type SuppressedTable } from './domain/suppression';
import type { CaseReportView } from './dto/case-report.view';
import type { PartnerReportQueryDto, ReportExportQueryDto, ReportQueryDto } from './dto/report-query.dto';
import { Suppression, type SuppressedCellView, type SuppressedTableView } from './dto/suppressed-table.view';
import { InvalidReportPeriodException, SameReportDimensionsException } from './reports.exception';
import { ReportsRepository, type ReportScope } from './reports.repository';

const DAY_MS = 86_400_000;

/**
 * Aggregate reports over plain case columns. The JSON report stays inside the staff API and
 * shows exact counts; the CSV export leaves it, so every count goes through small-cell
 * suppression, and the export is audited.
 */
@Injectable()
export class ReportsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: ReportsRepository,
    private readonly audit: AuditService,
  ) {}

  report(query: ReportQueryDto): Promise<CaseReportView> {
    const scope = toScope(query);
    return this.readOnly(async (tx) => {
      const counts = {} as CaseReportView['counts'];
      for (const dimension of Object.values(ReportDimension)) counts[dimension] = await this.repository.countsBy(tx, scope, dimension);
      const activity = await this.repository.checkinActivity(tx, scope);
      return {
        from: query.from ?? null,
        to: query.to ?? null,
        activationId: scope.activationId,
        total: counts.stage.reduce((sum, entry) => sum + entry.count, 0),
        counts,
        medianDaysPerStage: await this.repository.medianDaysPerStage(tx, scope),
        checkinCompliance: {
          checkins: activity.checkins,
          onTime: Math.max(0, activity.checkins - activity.restored),
          late: activity.restored,
          missed: activity.missed,
        },
        escalations: await this.repository.escalationsByTriggerAndOutcome(tx, scope),
      };
    });
  }

  /** A rows × columns table of case counts, suppressed, with its HXL row; the export is audited. */
  exportCsv(ctx: RequestContext, query: ReportExportQueryDto): Promise<string> {
    const staff = staffOf(ctx);
    const scope = toScope(query);
    if (query.rows === (query.columns as ReportDimension)) throw new SameReportDimensionsException();
    return this.dataSource.transaction(async (tx) => {
      const { rowKeys, columnKeys, counts } = await this.crossTab(tx, scope, query.rows, query.columns);
      await this.audit.record(tx, {
        actor: staff,
        action: 'report.exported',
        resourceType: 'report',
        resourceId: `cases:${query.rows}x${query.columns}`,
        requestId: ctx.requestId,
        details: {
          rows: query.rows,
          columns: query.columns,
          from: query.from ?? '',
          to: query.to ?? '',
          activationId: query.activationId ?? '',
          suppressed: true,
        },
      });
      return suppressedCsv({
        rowTitle: ROW_TITLE[query.rows],
        rowHxl: ROW_HXL[query.rows],
        rowKeys,
        columnKeys,
        columnHxl: columnKeys.map(countHxl),
        totalHxl: TOTAL_HXL,
        counts,
      });
    });
  }

  /**
   * A partner's view of the cases it referred: a suppressed table (it leaves the staff API), so a
   * partner learns how its referrals are progressing in aggregate, never about one person. Audited.
   */
  partnerReferrals(ctx: RequestContext, query: PartnerReportQueryDto): Promise<SuppressedTableView> {
    const partner = partnerOf(ctx);
    const scope: ReportScope = { ...toScope(query), referringAgencyId: partner.agencyId };
    if (query.rows === (query.columns as ReportDimension)) throw new SameReportDimensionsException();
    return this.dataSource.transaction(async (tx) => {
      const { rowKeys, columnKeys, counts } = await this.crossTab(tx, scope, query.rows, query.columns);
      await this.audit.record(tx, {
        actor: partner,
        action: 'report.read',
        resourceType: 'report',
        resourceId: `referrals:${query.rows}x${query.columns}`,
        requestId: ctx.requestId,
        details: { rows: query.rows, columns: query.columns, from: query.from ?? '', to: query.to ?? '', suppressed: true },
      });
      const table = suppress(counts.length > 0 ? counts : [columnKeys.map(() => 0)]);
      const row = (key: string, r: number) => ({
        key,
        cells: columnKeys.map((_, c) => cellView(table, r, c)),
        total: cellView(table, r, columnKeys.length),
      });
      return {
        threshold: SUPPRESSION_THRESHOLD,
        columns: columnKeys,
        rows: counts.length > 0 ? rowKeys.map(row) : [],
        totals: row('TOTAL', table.height - 1),
      };
    });
  }

  /** Counts per (row key, column value); every column value present, rows as found. */
  private async crossTab(
    tx: EntityManager,
    scope: ReportScope,
    rows: ReportDimension,
    columns: ColumnDimension,
  ): Promise<{ rowKeys: string[]; columnKeys: string[]; counts: number[][] }> {
    const cells = await this.repository.crossTab(tx, scope, rows, columns);
    const columnKeys = COLUMN_VALUES[columns];
    const rowKeys = [...new Set(cells.map((cell) => cell.row))];
    const counts = rowKeys.map((row) => columnKeys.map((column) => cells.find((cell) => cell.row === row && cell.column === column)?.count ?? 0));
    return { rowKeys, columnKeys, counts };
  }

  private readOnly<T>(work: (tx: EntityManager) => Promise<T>): Promise<T> {
    // One snapshot, so the sections of a report agree with each other.
    return this.dataSource.transaction('REPEATABLE READ', async (tx) => {
      await tx.query('SET TRANSACTION READ ONLY');
      return work(tx);
    });
  }
}

function cellView(table: SuppressedTable, r: number, c: number): SuppressedCellView {
  const state = table.state(r, c);
  if (state === 'primary') return { count: null, suppressed: Suppression.Small };
  if (state === 'complementary') return { count: null, suppressed: Suppression.Complementary };
  return { count: table.value(r, c), suppressed: null };
}

function toScope(query: { from?: string; to?: string; activationId?: string }): ReportScope {
  const from = query.from ? new Date(`${query.from}T00:00:00.000Z`) : null;
  // `to` is the last day of the period: the scope ends at the start of the day after.
  const to = query.to ? new Date(new Date(`${query.to}T00:00:00.000Z`).getTime() + DAY_MS) : null;
  if ((from && Number.isNaN(from.getTime())) || (to && Number.isNaN(to.getTime())) || (from && to && from >= to)) throw new InvalidReportPeriodException();
  return { from, to, activationId: query.activationId ?? null };
}
