// activation-fanout: time from activation to all open cases linked, rescheduled and assigned (10,000 and 100,000 cases); worker RSS.
// Reserved: the scenario arrives with activations. Replace `run` (see the interface at the top of
// bench/run.mjs) and `unavailable`; until then the harness prints "not available yet".
export default {
  name: 'activation-fanout',
  description: 'time from activation to all open cases linked, rescheduled and assigned (10,000 and 100,000 cases); worker RSS',
  async unavailable() {
    const { openApiHas } = await import('../lib.mjs');
    // Never null until the scenario is written, so a merged path does not break the smoke run.
    return openApiHas('/api/v1/activations') ? 'the path exists; this scenario is not written yet' : '/api/v1/activations is not in docs/openapi.json';
  },
  run() {
    throw new Error('activation-fanout: not written yet');
  },
};
