// activation-fanout: time from activation to all open cases linked, rescheduled and assigned (10,000 and 100,000 cases); worker RSS.
// Reserved: the scenario arrives with activations. Replace `run` (see the interface at the top of
// bench/run.mjs); until the path exists the harness prints "not available yet".
export default {
  name: 'activation-fanout',
  description: 'time from activation to all open cases linked, rescheduled and assigned (10,000 and 100,000 cases); worker RSS',
  async unavailable() {
    const { openApiHas } = await import('../lib.mjs');
    return openApiHas('/api/v1/activations') ? null : '/api/v1/activations is not in docs/openapi.json';
  },
  run() {
    throw new Error('activation-fanout: the path exists now; write this scenario');
  },
};
