// dashboard: the activation dashboard at 100,000 cases, p99.
// Reserved: the scenario arrives with activations. Replace `run` (see the interface at the top of
// bench/run.mjs); until the path exists the harness prints "not available yet".
export default {
  name: 'dashboard',
  description: 'the activation dashboard at 100,000 cases, p99',
  async unavailable() {
    const { openApiHas } = await import('../lib.mjs');
    return openApiHas('/api/v1/activations') ? null : '/api/v1/activations is not in docs/openapi.json';
  },
  run() {
    throw new Error('dashboard: the path exists now; write this scenario');
  },
};
