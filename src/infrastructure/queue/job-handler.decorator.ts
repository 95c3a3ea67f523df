import { applyDecorators, SetMetadata } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

export const JOB_HANDLER = 'corridor:job-handler';
export const JOB_HANDLER_OUTSIDE_TRANSACTION = 'corridor:job-handler:outside-transaction';

export interface JobContext<P = Record<string, unknown>> {
  outboxId: string;
  name: string;
  payload: P;
  /** 1 on the first run. */
  attempt: number;
  /** The transaction that also marks the event done: effects commit together with it, once. */
  tx: EntityManager;
  /**
   * Batch-capable handlers: locks up to `limit` more due, unfinished events of the same job
   * (FOR UPDATE SKIP LOCKED, so concurrent runs split them). They are marked done in this
   * transaction with this one, and their queued jobs are dropped after the commit; a job that
   * still runs finds its event done and does nothing. Absent when a test calls a handler directly.
   */
  claimMore?: (limit: number) => Promise<ClaimedEvent[]>;
}

/** An event claimed by a batch-capable handler (see `JobContext.claimMore`). */
export interface ClaimedEvent {
  outboxId: string;
  payload: Record<string, unknown>;
}

/**
 * For handlers that talk to the outside world (an HTTP call to someone else's server): no
 * transaction is open while they run, so a slow peer never holds a connection or the event's row
 * lock. They read what they need in their own short transactions, do the call, then record the
 * outcome with `complete`.
 */
export interface OutsideJobContext<P = Record<string, unknown>> extends Omit<JobContext<P>, 'tx'> {
  /**
   * Runs `work` in a short transaction that locks the event row and marks it done. Returns false
   * (and runs nothing) when another run already finished the event: the effect is recorded once
   * even though the outside call may have happened twice (at-least-once).
   */
  complete(work: (tx: EntityManager) => Promise<void>): Promise<boolean>;
}

export type JobHandlerFn = (context: JobContext) => Promise<void>;
export type OutsideJobHandlerFn = (context: OutsideJobContext) => Promise<void>;

/** Marks a provider method as the handler of a job name. */
export const JobHandler = (name: string): MethodDecorator => SetMetadata(JOB_HANDLER, name);

/**
 * Marks a provider method as the handler of a job name that runs outside a transaction (see
 * `OutsideJobContext`). If it returns without calling `complete`, the event is marked done.
 */
export const OutsideTransactionJobHandler = (name: string): MethodDecorator =>
  applyDecorators(SetMetadata(JOB_HANDLER, name), SetMetadata(JOB_HANDLER_OUTSIDE_TRANSACTION, true));
