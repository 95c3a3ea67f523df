import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ReportDimension } from './domain/dimensions';

export interface ReportScope {
  /** Intake (and event) period, inclusive start, exclusive end. */
  from: Date | null;
  to: Date | null;
  activationId: string | null;
  /** Only cases this partner agency referred (partner-facing reports). */
  referringAgencyId?: string | null;
}

/**
 * SQL for each dimension. Only plain columns of `cases` (stage, priority, countries, activation,
 * intake time) — never a `*_sealed` column: reports are built from what is stored in clear.
 */
const DIMENSION_SQL: Record<ReportDimension, string> = {
  [ReportDimension.Stage]: `c.stage`,
  [ReportDimension.Priority]: `c.priority`,
  [ReportDimension.OriginCountry]: `c.origin_country`,
  [ReportDimension.CurrentCountry]: `COALESCE(c.current_country, 'UNKNOWN')`,
  [ReportDimension.Activation]: `COALESCE(c.activation_id::text, 'NONE')`,
  [ReportDimension.IntakeWeek]: `to_char(date_trunc('week', c.created_at AT TIME ZONE 'UTC'), 'YYYY-MM-DD')`,
};

export interface KeyCount {
  key: string;
  count: number;
}

/** Aggregates only: every query returns counts per code, never a row of a case. */
@Injectable()
export class ReportsRepository {
  /** Cases in scope: intake in the period, in the activation; erased cases are left out. */
  private where(scope: ReportScope, params: unknown[], time = 'c.created_at'): string {
    const clauses = ['c.erased_at IS NULL'];
    if (scope.from) clauses.push(`${time} >= $${params.push(scope.from)}`);
    if (scope.to) clauses.push(`${time} < $${params.push(scope.to)}`);
    if (scope.activationId) clauses.push(`c.activation_id = $${params.push(scope.activationId)}`);
    if (scope.referringAgencyId) clauses.push(`c.referring_agency_id = $${params.push(scope.referringAgencyId)}`);
    return clauses.join(' AND ');
  }

  async countsBy(tx: EntityManager, scope: ReportScope, dimension: ReportDimension): Promise<KeyCount[]> {
    const params: unknown[] = [];
    return tx.query(
      `SELECT ${DIMENSION_SQL[dimension]} AS key, count(*)::int AS count FROM cases c WHERE ${this.where(scope, params)} GROUP BY 1 ORDER BY 1`,
      params,
    );
  }

  async crossTab(
    tx: EntityManager,
    scope: ReportScope,
    rows: ReportDimension,
    columns: ReportDimension,
  ): Promise<Array<{ row: string; column: string; count: number }>> {
    const params: unknown[] = [];
    return tx.query(
      `SELECT ${DIMENSION_SQL[rows]} AS row, ${DIMENSION_SQL[columns]} AS column, count(*)::int AS count
         FROM cases c WHERE ${this.where(scope, params)} GROUP BY 1, 2 ORDER BY 1, 2`,
      params,
    );
  }

  /**
   * Days spent in each stage, from consecutive stage entries in the case history (a stay that
   * has not ended yet is not counted). Cases in scope by intake.
   */
  async medianDaysPerStage(tx: EntityManager, scope: ReportScope): Promise<Array<{ stage: string; stays: number; medianDays: number }>> {
    const params: unknown[] = [];
    return tx.query(
      `WITH entries AS (
         SELECT h.to_stage AS stage, h.occurred_at,
                lead(h.occurred_at) OVER (PARTITION BY h.case_id ORDER BY h.occurred_at, h.id) AS left_at
           FROM case_history h JOIN cases c ON c.id = h.case_id
          WHERE h.to_stage IS NOT NULL AND h.from_stage IS DISTINCT FROM h.to_stage AND ${this.where(scope, params)})
       SELECT stage, count(*)::int AS stays,
              round((percentile_cont(0.5) WITHIN GROUP (ORDER BY EXTRACT(EPOCH FROM left_at - occurred_at) / 86400))::numeric, 2)::float8 AS "medianDays"
         FROM entries WHERE left_at IS NOT NULL GROUP BY stage ORDER BY stage`,
      params,
    );
  }

  /** Check-ins recorded, and MISSED_CHECKIN escalations opened, in the period (by event time). */
  async checkinActivity(tx: EntityManager, scope: ReportScope): Promise<{ checkins: number; restored: number; missed: number }> {
    const checkinParams: unknown[] = [];
    const [checkins] = await tx.query<Array<{ n: number }>>(
      `SELECT count(*)::int AS n FROM checkins k JOIN cases c ON c.id = k.case_id WHERE ${this.where(scope, checkinParams, 'k.occurred_at')}`,
      checkinParams,
    );
    const escalationParams: unknown[] = [];
    const [escalations] = await tx.query<Array<{ restored: number; missed: number }>>(
      `SELECT count(*) FILTER (WHERE e.outcome = 'CONTACT_RESTORED')::int AS restored,
              count(*) FILTER (WHERE e.outcome IS DISTINCT FROM 'CONTACT_RESTORED')::int AS missed
         FROM escalations e JOIN cases c ON c.id = e.case_id
        WHERE e."trigger" = 'MISSED_CHECKIN' AND ${this.where(scope, escalationParams, 'e.opened_at')}`,
      escalationParams,
    );
    return { checkins: checkins?.n ?? 0, restored: escalations?.restored ?? 0, missed: escalations?.missed ?? 0 };
  }

  /** Escalations opened in the period, by trigger and outcome (state while unresolved). */
  async escalationsByTriggerAndOutcome(tx: EntityManager, scope: ReportScope): Promise<Array<{ trigger: string; outcome: string; count: number }>> {
    const params: unknown[] = [];
    return tx.query(
      `SELECT e."trigger" AS "trigger", COALESCE(e.outcome, e.state) AS outcome, count(*)::int AS count
         FROM escalations e JOIN cases c ON c.id = e.case_id
        WHERE ${this.where(scope, params, 'e.opened_at')} GROUP BY 1, 2 ORDER BY 1, 2`,
      params,
    );
  }
}
