import type { KeysetPosition } from '@common/pagination/keyset';

/** What a case list page selects on; built into one statement by {@link caseListQuery}. */
export interface CaseListFilter {
  /** Only cases assigned to this caseworker. */
  assignedTo?: string;
  /** Cases this coordinator may see: no activation, or an activation they coordinate. */
  coordinatorId?: string;
  /** With `coordinatorId`: the active activations they coordinate. */
  coordinatedActivationIds?: string[];
  /** Explicit assignee filter from the query. */
  assignee?: string;
  stage?: string;
  priority?: string;
  flag?: string;
  originCountry?: string;
  currentCountry?: string;
  activationId?: string;
  /** Triage overdue at this instant. */
  triageOverdueAt?: Date;
  /** The next check-in was due before this instant (running schedules only). */
  checkinOverdueAt?: Date;
  possibleDuplicate?: boolean;
  /** Only cases with a `name` blind index among these digests (name search). */
  nameDigests?: string[];
  includeClosed: boolean;
  /** Load the sealed identity group and the wrapped key, to show names. */
  withNames: boolean;
}

/** The plain columns a list row carries (never the other sealed groups). */
const LIST_COLUMNS = [
  'id',
  'reference',
  'stage',
  'priority',
  'flags',
  'origin_country',
  'current_country',
  'activation_id',
  'possible_duplicate',
  'triage_due_at',
  'triaged_at',
  'created_at',
  'updated_at',
] as const;

/**
 * The one statement of a case list page (`CasesRepository.listPage`), as text and values: the page
 * is chosen first (filters, keyset, LIMIT in the inner query), then each of its rows picks up its
 * assignments, wrapped data key and sealed identity group (with names), running check-in
 * schedule, unresolved escalations and open safe-country stay. Pure, so the `case-list`
 * benchmark hands pgbench exactly this text.
 */
export function caseListQuery(filter: CaseListFilter, after: KeysetPosition | null, limit: number, now: Date): { text: string; values: unknown[] } {
  const values: unknown[] = [];
  const param = (value: unknown, cast = ''): string => {
    values.push(value);
    return `$${values.length}${cast}`;
  };
  const where: string[] = ['c.erased_at IS NULL'];
  if (!filter.includeClosed) where.push(`c.stage <> 'CLOSED'`);
  if (filter.assignedTo) where.push(`EXISTS (SELECT 1 FROM case_assignments a WHERE a.case_id = c.id AND a.user_id = ${param(filter.assignedTo, '::uuid')})`);
  if (filter.coordinatorId) where.push(`(c.activation_id IS NULL OR c.activation_id = ANY(${param(filter.coordinatedActivationIds ?? [], '::uuid[]')}))`);
  if (filter.assignee) where.push(`EXISTS (SELECT 1 FROM case_assignments f WHERE f.case_id = c.id AND f.user_id = ${param(filter.assignee, '::uuid')})`);
  if (filter.stage) where.push(`c.stage = ${param(filter.stage)}`);
  if (filter.priority) where.push(`c.priority = ${param(filter.priority)}`);
  if (filter.flag) where.push(`${param(filter.flag, '::text')} = ANY(c.flags)`);
  if (filter.originCountry) where.push(`c.origin_country = ${param(filter.originCountry)}`);
  if (filter.currentCountry) where.push(`c.current_country = ${param(filter.currentCountry)}`);
  if (filter.activationId) where.push(`c.activation_id = ${param(filter.activationId, '::uuid')}`);
  if (filter.possibleDuplicate !== undefined) where.push(`c.possible_duplicate = ${param(filter.possibleDuplicate, '::boolean')}`);
  if (filter.triageOverdueAt) where.push(`c.triaged_at IS NULL AND c.triage_due_at < ${param(filter.triageOverdueAt, '::timestamptz')}`);
  if (filter.checkinOverdueAt) {
    where.push(
      `EXISTS (SELECT 1 FROM checkin_schedules o WHERE o.case_id = c.id AND o.status = 'ACTIVE' AND o.due_at < ${param(filter.checkinOverdueAt, '::timestamptz')})`,
    );
  }
  if (filter.nameDigests) {
    where.push(`c.id IN (SELECT m.case_id FROM case_match_keys m WHERE m.kind = 'name' AND m.digest = ANY(${param(filter.nameDigests, '::varchar[]')}))`);
  }
  if (after) where.push(`(c.created_at, c.id) < (${param(after.createdAt, '::timestamptz')}, ${param(after.id, '::uuid')})`);
  const take = param(limit + 1, '::int');
  const today = param(now.toISOString().slice(0, 10), '::date');
  const sealed = filter.withNames ? 'p.person_sealed' : 'NULL::bytea AS person_sealed';
  const keys = filter.withNames ? 'k.key_version, k.kek_id, k.wrapped_key' : 'NULL::int AS key_version, NULL::varchar AS kek_id, NULL::bytea AS wrapped_key';
  const text = `WITH p AS (
     SELECT ${LIST_COLUMNS.map((column) => `c.${column}`).join(', ')}, c.person_sealed
     FROM cases c WHERE ${where.join(' AND ')}
     ORDER BY c.created_at DESC, c.id DESC LIMIT ${take}
   )
   SELECT ${LIST_COLUMNS.map((column) => `p.${column}`).join(', ')}, ${sealed}, ${keys},
     ARRAY(SELECT a.user_id::text FROM case_assignments a WHERE a.case_id = p.id ORDER BY a.assigned_at, a.user_id) AS assigned_ids,
     s.due_at AS checkin_due_at, s.deadline_at AS checkin_deadline_at,
     (SELECT count(*)::int FROM escalations e WHERE e.case_id = p.id AND e.state <> 'RESOLVED') AS open_escalations,
     st.host_country AS stay_country, st.allowed_days - (${today} - st.entry_date) AS stay_days_left
   FROM p
   ${filter.withNames ? `LEFT JOIN data_keys k ON k.owner_type = 'case' AND k.owner_id = p.id` : ''}
   LEFT JOIN checkin_schedules s ON s.case_id = p.id AND s.status = 'ACTIVE'
   LEFT JOIN LATERAL (
     SELECT x.host_country, x.entry_date, x.allowed_days FROM safe_country_stays x
     WHERE x.case_id = p.id AND x.exit_date IS NULL ORDER BY x.entry_date DESC, x.id DESC LIMIT 1
   ) st ON true
   ORDER BY p.created_at DESC, p.id DESC`;
  return { text, values };
}
