// referral-intake: POST /partner/v1/referrals with unique idempotency keys (validation, encryption, blind indexes, duplicate lookup, outbox, audit).
// Reserved: the scenario arrives with the partner referral API. Replace `run` (see the interface at the top of
// bench/run.mjs); until the path exists the harness prints "not available yet".
export default {
  name: 'referral-intake',
  description: 'POST /partner/v1/referrals with unique idempotency keys (validation, encryption, blind indexes, duplicate lookup, outbox, audit)',
  async unavailable() {
    const { openApiHas } = await import('../lib.mjs');
    return openApiHas('/partner/v1/referrals') ? null : '/partner/v1/referrals is not in docs/openapi.json';
  },
  run() {
    throw new Error('referral-intake: the path exists now; write this scenario');
  },
};
