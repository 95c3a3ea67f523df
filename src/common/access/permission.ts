/**
 * Every route declares exactly one permission. The authorization matrix test enumerates the
 * application's routes and fails on any route without one.
 */
export enum Permission {
  /** No credentials: liveness, readiness, API docs. */
  Public = 'public',
}
