// referral-intake: POST /partner/v1/referrals with unique idempotency keys (validation, encryption, blind indexes, duplicate lookup, outbox, audit).
// Reserved: the scenario arrives with the partner referral API. Replace `run` (see the interface at the top of
// bench/run.mjs) and `unavailable`; until then the harness prints "not available yet".
export default {
  name: 'referral-intake',
  description: 'POST /partner/v1/referrals with unique idempotency keys (validation, encryption, blind indexes, duplicate lookup, outbox, audit)',
  async unavailable() {
    const { openApiHas } = await import('../lib.mjs');
    // Never null until the scenario is written, so a merged path does not break the smoke run.
    return openApiHas('/partner/v1/referrals') ? 'the path exists; this scenario is not written yet' : '/partner/v1/referrals is not in docs/openapi.json';
  },
  run() {
    throw new Error('referral-intake: not written yet');
  },
};
