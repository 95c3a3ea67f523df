import { Injectable } from '@nestjs/common';
import { Histogram, Registry } from 'prom-client';

/** Seconds; from a cached read to a slow export. */
const HTTP_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/**
 * Series that belong to one process (each API replica is scraped for its own): request latency.
 * Labels are the route template, the method and the status class — never the raw URL, which
 * carries case references and one-time check-in tokens.
 */
@Injectable()
export class ProcessMetrics {
  readonly registry = new Registry();

  private readonly httpDuration = new Histogram({
    name: 'corridor_http_request_duration_seconds',
    help: 'HTTP request latency by method, route template and status class.',
    labelNames: ['method', 'route', 'status_class'] as const,
    buckets: HTTP_BUCKETS,
    registers: [this.registry],
  });

  /** `route` is Fastify's template (e.g. `/api/v1/cases/:ref`), or undefined for no route. */
  observeHttp(method: string, route: string | undefined, status: number, seconds: number): void {
    this.httpDuration.observe(
      { method: /^[A-Z]{3,7}$/.test(method) ? method : 'OTHER', route: route ?? 'unmatched', status_class: `${Math.floor(status / 100)}xx` },
      seconds,
    );
  }
}
