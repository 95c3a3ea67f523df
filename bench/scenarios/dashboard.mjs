// dashboard: the activation dashboard at 100,000 cases, p99.
// Reserved: the scenario arrives with activations. Replace `run` (see the interface at the top of
// bench/run.mjs) and `unavailable`; until then the harness prints "not available yet".
export default {
  name: 'dashboard',
  description: 'the activation dashboard at 100,000 cases, p99',
  async unavailable() {
    const { openApiHas } = await import('../lib.mjs');
    // Never null until the scenario is written, so a merged path does not break the smoke run.
    return openApiHas('/api/v1/activations') ? 'the path exists; this scenario is not written yet' : '/api/v1/activations is not in docs/openapi.json';
  },
  run() {
    throw new Error('dashboard: not written yet');
  },
};
