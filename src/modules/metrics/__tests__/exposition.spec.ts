import { bucketIndex, renderCounter, renderHistogram, safeLabel } from '../exposition';

describe('exposition of Redis-aggregated series', () => {
  it('lets only short codes through as label values', () => {
    expect(safeLabel('MISSED_CHECKIN')).toBe('MISSED_CHECKIN');
    expect(safeLabel('http_5xx')).toBe('http_5xx');
    for (const value of ['C-7KQ4-M2XD please', 'https://example.org/hook', 'a"b', 'x'.repeat(65), '', 'Məmmədov']) expect(safeLabel(value)).toBe('other');
  });

  it('places a value in the first bucket that holds it, and past the last when none does', () => {
    const buckets = [0.1, 1, 10];
    expect([0, 0.1, 0.2, 1, 9.9, 10, 11].map((value) => bucketIndex(buckets, value))).toEqual([0, 0, 1, 1, 2, 2, 3]);
  });

  it('renders cumulative buckets, +Inf, sum and count in the text format', () => {
    const text = renderHistogram({
      name: 'corridor_x_seconds',
      help: 'X.',
      labelNames: ['trigger'],
      buckets: [1, 5],
      values: [{ labels: ['DURESS'], bucketCounts: [2, 1, 1], sum: 12.5, count: 4 }],
    });
    expect(text.split('\n')).toEqual([
      '# HELP corridor_x_seconds X.',
      '# TYPE corridor_x_seconds histogram',
      'corridor_x_seconds_bucket{trigger="DURESS",le="1"} 2',
      'corridor_x_seconds_bucket{trigger="DURESS",le="5"} 3',
      'corridor_x_seconds_bucket{trigger="DURESS",le="+Inf"} 4',
      'corridor_x_seconds_sum{trigger="DURESS"} 12.5',
      'corridor_x_seconds_count{trigger="DURESS"} 4',
    ]);
    expect(renderCounter({ name: 'corridor_y_total', help: 'Y.', labelNames: ['reason'], values: [{ labels: ['timeout'], value: 3 }] }).split('\n')).toEqual([
      '# HELP corridor_y_total Y.',
      '# TYPE corridor_y_total counter',
      'corridor_y_total{reason="timeout"} 3',
    ]);
  });
});
