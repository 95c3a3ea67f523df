/**
 * Every job Corridor runs, in one place. Boot fails if a name here has no handler or has two
 * (see JobRegistry), so a job can neither be forgotten nor handled twice.
 */
export enum JobName {
  /** Deletes outbox rows that finished long ago. */
  OutboxPrune = 'outbox.prune',
}

/** Names a job process must handle; tests extend it with their own. */
export const EXPECTED_JOB_NAMES = Symbol('EXPECTED_JOB_NAMES');
