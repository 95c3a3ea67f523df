import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/**
 * Read-only SQL for the staff member's workspace (who am I, what waits for me): plain columns
 * only — ids, references, stages, timestamps — never a sealed field.
 */
@Injectable()
export class WorkspaceRepository {
  constructor(private readonly dataSource: DataSource) {}

  async activationsCoordinatedBy(userId: string): Promise<Array<{ id: string; code: string }>> {
    return this.dataSource.query(`SELECT id, code FROM activations WHERE status = 'ACTIVE' AND $1 = ANY(coordinator_ids) ORDER BY started_at, id`, [userId]);
  }

  /** Up to `limit` of each kind of task for this person, with each kind's full count. */
  async tasks(input: { userId: string; coordinator: boolean; now: Date; today: string; limit: number; stayWarningDays: number }): Promise<TaskRows> {
    const params = [input.userId, input.now, input.coordinator, input.today, input.limit];
    // Every statement declares all five parameters' types, used or not (PostgreSQL must know each).
    const declared = `_params AS (SELECT $1::uuid, $2::timestamptz, $3::boolean, $4::date, $5::int)`;
    const run = <T>(sql: string, extra: unknown[] = []): Promise<T[]> =>
      this.dataSource.query(sql.startsWith('WITH ') ? `WITH ${declared}, ${sql.slice(5)}` : `WITH ${declared} ${sql}`, [...params, ...extra]);
    const [plans, submissions, unassigned, escalations, checkins, stays, expedites] = await Promise.all([
      run<PlanTaskRow>(
        `SELECT p.id, c.id AS case_id, c.reference, p.requested_at, count(*) OVER ()::int AS total
         FROM relocation_plans p JOIN cases c ON c.id = p.case_id
         WHERE $3 AND p.status = 'REQUESTED' AND p.requested_by <> $1 AND ${IN_COORDINATOR_SCOPE}
         ORDER BY p.requested_at, p.id LIMIT $5`,
      ),
      run<PlanTaskRow>(
        `SELECT a.id, c.id AS case_id, c.reference, a.submission_requested_at AS requested_at, count(*) OVER ()::int AS total
         FROM resettlement_applications a JOIN cases c ON c.id = a.case_id
         WHERE $3 AND a.status = 'PREPARING' AND a.submission_requested_by IS NOT NULL AND a.submission_requested_by <> $1 AND ${IN_COORDINATOR_SCOPE}
         ORDER BY a.submission_requested_at, a.id LIMIT $5`,
      ),
      run<UnassignedTaskRow>(
        `SELECT c.id AS case_id, c.reference, c.priority, c.created_at, c.referring_agency_id IS NOT NULL AS referred, count(*) OVER ()::int AS total
         FROM cases c
         WHERE $3 AND c.stage = 'INTAKE' AND NOT EXISTS (SELECT 1 FROM case_assignments ca WHERE ca.case_id = c.id) AND ${IN_COORDINATOR_SCOPE}
         ORDER BY CASE c.priority WHEN 'EMERGENCY' THEN 0 WHEN 'URGENT' THEN 1 ELSE 2 END, c.created_at, c.id LIMIT $5`,
      ),
      run<EscalationTaskRow>(
        `WITH mine AS (
           SELECT e.id, e.case_id, e.case_reference AS reference, e.trigger, e.level, e.state, e.level_changed_at, e.opened_at,
                  (SELECT o.available_at FROM outbox_events o WHERE o.dedupe_key = 'escalation.step:' || e.id || ':' || e.level AND o.status <> 'DONE') AS climbs_at
           FROM escalations e JOIN cases c ON c.id = e.case_id
           WHERE e.state <> 'RESOLVED' AND c.erased_at IS NULL AND (
             e.assignee_id = $1 OR (e.assignee_id IS NULL AND (
               (e.level IN (1, 3) AND ${ASSIGNED_TO_ME}) OR (e.level IN (2, 3) AND $3 AND ${IN_COORDINATOR_SCOPE})))))
         SELECT m.*, (SELECT count(*)::int FROM mine) AS total,
                (SELECT json_object_agg(level, n) FROM (SELECT level, count(*)::int AS n FROM mine GROUP BY level) l) AS by_level
         FROM mine m
         ORDER BY (m.state = 'OPEN') DESC, m.level DESC, m.climbs_at NULLS LAST, m.opened_at, m.id LIMIT $5`,
      ),
      run<CheckinTaskRow>(
        `SELECT s.case_id, s.case_reference AS reference, s.priority, s.due_at, s.deadline_at, count(*) OVER ()::int AS total
         FROM checkin_schedules s JOIN cases c ON c.id = s.case_id
         WHERE s.status = 'ACTIVE' AND s.due_at < $2 AND c.erased_at IS NULL AND ${ASSIGNED_TO_ME}
         ORDER BY s.due_at, s.case_id LIMIT $5`,
      ),
      run<StayTaskRow>(
        `SELECT s.id, c.id AS case_id, c.reference, s.host_country, (s.allowed_days - ($4::date - s.entry_date))::int AS days_remaining, count(*) OVER ()::int AS total
         FROM safe_country_stays s JOIN cases c ON c.id = s.case_id
         WHERE s.exit_date IS NULL AND s.allowed_days IS NOT NULL AND s.allowed_days - ($4::date - s.entry_date) <= $6
           AND (${ASSIGNED_TO_ME} OR ($3 AND ${IN_COORDINATOR_SCOPE}))
         ORDER BY days_remaining, s.id LIMIT $5`,
        [input.stayWarningDays],
      ),
      run<ExpediteTaskRow>(
        `SELECT x.id, c.id AS case_id, c.reference, x.agency_id, x.deadline_at, x.overdue_at, count(*) OVER ()::int AS total
         FROM expedite_requests x JOIN cases c ON c.id = x.case_id
         WHERE x.overdue_at IS NOT NULL AND x.decided_at IS NULL AND (x.requested_by = $1 OR ($3 AND ${IN_COORDINATOR_SCOPE}))
         ORDER BY x.deadline_at, x.id LIMIT $5`,
      ),
    ]);
    return { plans, submissions, unassigned, escalations, checkins, stays, expedites };
  }
}

/**
 * The case access policy's coordinator scope in SQL: a case held by an active activation belongs to
 * that activation's coordinators; any other to every coordinator. Erased cases are nobody's task.
 */
const IN_COORDINATOR_SCOPE = `(c.erased_at IS NULL AND (
  NOT EXISTS (SELECT 1 FROM activations act WHERE act.id = c.activation_id AND act.status = 'ACTIVE')
  OR EXISTS (SELECT 1 FROM activations act WHERE act.id = c.activation_id AND act.status = 'ACTIVE' AND $1 = ANY(act.coordinator_ids))))`;

const ASSIGNED_TO_ME = `EXISTS (SELECT 1 FROM case_assignments ca WHERE ca.case_id = c.id AND ca.user_id = $1)`;

interface Counted {
  total: number;
}
export interface PlanTaskRow extends Counted {
  id: string;
  case_id: string;
  reference: string;
  requested_at: Date;
}
export interface UnassignedTaskRow extends Counted {
  case_id: string;
  reference: string;
  priority: string;
  created_at: Date;
  referred: boolean;
}
export interface EscalationTaskRow extends Counted {
  id: string;
  case_id: string;
  reference: string;
  trigger: string;
  level: number;
  state: string;
  level_changed_at: Date;
  climbs_at: Date | null;
  by_level: Record<string, number> | null;
}
export interface CheckinTaskRow extends Counted {
  case_id: string;
  reference: string;
  priority: string;
  due_at: Date;
  deadline_at: Date | null;
}
export interface StayTaskRow extends Counted {
  id: string;
  case_id: string;
  reference: string;
  host_country: string;
  days_remaining: number;
}
export interface ExpediteTaskRow extends Counted {
  id: string;
  case_id: string;
  reference: string;
  agency_id: string;
  deadline_at: Date;
  overdue_at: Date;
}
export interface TaskRows {
  plans: PlanTaskRow[];
  submissions: PlanTaskRow[];
  unassigned: UnassignedTaskRow[];
  escalations: EscalationTaskRow[];
  checkins: CheckinTaskRow[];
  stays: StayTaskRow[];
  expedites: ExpediteTaskRow[];
}
