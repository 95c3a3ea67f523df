import { AsyncLocalStorage } from 'node:async_hooks';
import type { EntityManager } from 'typeorm';
import { IdempotencyKeyInFlightException } from './idempotency.exception';

/** The claim of the `@Idempotent()` request running in this async context. */
export interface ClaimedRequest {
  /** Stores `answer` as the key's answer in `tx`; false when the claim is no longer this request's. */
  complete(tx: EntityManager, answer: unknown): Promise<boolean>;
  /** Set once the answer was stored inside the business transaction. */
  stored: boolean;
}

const claimed = new AsyncLocalStorage<ClaimedRequest>();

/** Runs an idempotent route's handler with its claim in scope (the interceptor only). */
export const withClaimedRequest = <T>(claim: ClaimedRequest, work: () => Promise<T>): Promise<T> => claimed.run(claim, work);

/**
 * Completes the running request's Idempotency-Key inside the business transaction `tx`, with the
 * answer the route returns: the effect and its stored answer commit together or not at all, so a
 * retry after a lost answer (or a takeover after the lease) replays it and never runs the write
 * again. Call it last in the transaction with exactly what the route answers. If another attempt
 * took the key over meanwhile, this throws 409 `idempotency-key-in-flight` and the transaction
 * rolls back: the key has one effect, the other attempt's. Outside an idempotent request (the
 * CLI, a job, a route without the header) it does nothing.
 */
export async function storeIdempotentAnswer<T>(tx: EntityManager, answer: T): Promise<T> {
  const claim = claimed.getStore();
  if (!claim || claim.stored) return answer;
  if (!(await claim.complete(tx, answer))) throw new IdempotencyKeyInFlightException();
  claim.stored = true;
  return answer;
}
