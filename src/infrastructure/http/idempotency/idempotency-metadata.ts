/** Top-level answer fields a route withholds from the idempotency store (see `@Idempotent`). */
export const IDEMPOTENT_WITHHELD_FIELDS = 'corridor:idempotent-withheld-fields';
