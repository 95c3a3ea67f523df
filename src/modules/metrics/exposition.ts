/**
 * Prometheus text exposition for series whose values are aggregated outside this process
 * (in Redis, by every worker): prom-client cannot load a histogram's bucket counts, so these are
 * rendered here, in the same format (text 0.0.4).
 */

/** Label values come from enums and codes; anything else becomes `other`, so no id can slip in. */
export const LABEL_VALUE = /^[A-Za-z0-9_.:-]{1,64}$/;

export function safeLabel(value: string): string {
  return LABEL_VALUE.test(value) ? value : 'other';
}

export interface CounterSeries {
  name: string;
  help: string;
  labelNames: readonly string[];
  /** Label values in labelNames order, with their count. */
  values: Array<{ labels: string[]; value: number }>;
}

export interface HistogramSeries {
  name: string;
  help: string;
  labelNames: readonly string[];
  buckets: readonly number[];
  values: Array<{ labels: string[]; bucketCounts: number[]; sum: number; count: number }>;
}

const labelText = (names: readonly string[], values: readonly string[], extra?: [string, string]): string => {
  const pairs = names.map((name, i) => `${name}="${escape(values[i] ?? '')}"`);
  if (extra) pairs.push(`${extra[0]}="${escape(extra[1])}"`);
  return pairs.length > 0 ? `{${pairs.join(',')}}` : '';
};

const escape = (value: string): string => value.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');

const number = (value: number): string => (Number.isFinite(value) ? String(value) : value > 0 ? '+Inf' : value < 0 ? '-Inf' : 'NaN');

export function renderCounter(series: CounterSeries): string {
  const lines = [`# HELP ${series.name} ${series.help}`, `# TYPE ${series.name} counter`];
  for (const { labels, value } of series.values) lines.push(`${series.name}${labelText(series.labelNames, labels)} ${number(value)}`);
  return lines.join('\n');
}

/** `bucketCounts[i]` counts observations in (buckets[i-1], buckets[i]]; the last entry is above every bucket. */
export function renderHistogram(series: HistogramSeries): string {
  const lines = [`# HELP ${series.name} ${series.help}`, `# TYPE ${series.name} histogram`];
  for (const value of series.values) {
    let cumulative = 0;
    series.buckets.forEach((le, i) => {
      cumulative += value.bucketCounts[i] ?? 0;
      lines.push(`${series.name}_bucket${labelText(series.labelNames, value.labels, ['le', String(le)])} ${cumulative}`);
    });
    lines.push(`${series.name}_bucket${labelText(series.labelNames, value.labels, ['le', '+Inf'])} ${value.count}`);
    lines.push(`${series.name}_sum${labelText(series.labelNames, value.labels)} ${number(value.sum)}`);
    lines.push(`${series.name}_count${labelText(series.labelNames, value.labels)} ${value.count}`);
  }
  return lines.join('\n');
}

/** Index of the first bucket whose upper bound holds the value; buckets.length when above all. */
export function bucketIndex(buckets: readonly number[], value: number): number {
  const index = buckets.findIndex((le) => value <= le);
  return index === -1 ? buckets.length : index;
}
