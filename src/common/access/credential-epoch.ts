/**
 * The system's credential epoch. Every API key records the epoch it was issued in and works only
 * while that is still the current one, so bumping the epoch (lockdown) revokes every key at once
 * without touching their rows. Read on every partner request: implementations must be cheap and
 * must never serve a stale value after a bump.
 */
export abstract class CredentialEpoch {
  abstract current(): Promise<number>;
}
