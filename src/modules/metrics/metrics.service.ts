import { Injectable, Logger } from '@nestjs/common';
import { Gauge, Registry } from 'prom-client';
import { Clock } from '@common/clock/clock';
import { JobName } from '@common/jobs/job-name';
import { ProcessMetrics } from '@infra/metrics/process-metrics';
import { RedisClient } from '@infra/redis/redis-client';
import { CasePriority } from '@modules/cases/domain/case-stage';
import { EscalationLevel, EscalationTrigger } from '@modules/escalations/domain/escalation';
import { bucketIndex, renderCounter, renderHistogram, safeLabel, type HistogramSeries } from './exposition';
import { MetricsRepository, type OperationsSnapshot } from './metrics.repository';

/** A scrape waits at most this long for the database aggregates. */
const SNAPSHOT_TIMEOUT_MS = 2_000;

const ESCALATION_LATENCY = {
  name: 'corridor_escalation_latency_seconds',
  help: 'Time from a deadline (check-in due + grace, triage SLA) to the escalation it opened, by trigger.',
  labelNames: ['trigger'],
  buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 300, 3600],
} as const;

const WEBHOOK_FAILURES = {
  name: 'corridor_webhook_delivery_failures_total',
  help: 'Failed webhook delivery attempts, by reason code (e.g. timeout, http_5xx, refused_address).',
  labelNames: ['reason'],
} as const;

const OUTBOX_STATES = ['PENDING', 'ENQUEUED', 'FAILED'] as const;
const ESCALATION_LEVELS = Object.values(EscalationLevel).filter((level): level is number => typeof level === 'number');

/** Webhook failure reasons: short lower-case codes only (no dots, so no host names). */
const REASON_CODE = /^[a-z][a-z0-9_]{0,39}$/;

/** Redis field separator: label values never contain it (see safeLabel). */
const SEP = '|';

/**
 * Corridor's operational metrics. Three kinds of series, each kept where it is true:
 * - per process (HTTP latency): prom-client in `ProcessMetrics`;
 * - cluster-wide events (escalation latency, webhook failures), observed by whichever worker
 *   handled them: counted in Redis, so any API replica exposes the whole picture;
 * - state (queue depth, outbox lag, overdue check-ins, open escalations, audit sealing lag):
 *   computed from PostgreSQL on scrape, never by a polling loop.
 * Labels are codes from fixed sets; nothing here takes a reference, an id or personal data.
 */
@Injectable()
export class MetricsService {
  private readonly logger = new Logger(MetricsService.name);

  constructor(
    private readonly process: ProcessMetrics,
    private readonly repository: MetricsRepository,
    private readonly redis: RedisClient,
    private readonly clock: Clock,
  ) {}

  /** An escalation was opened by a deadline that passed at `deadline`. Never throws, never blocks on Redis. */
  escalationOpened(trigger: string, deadline: Date, openedAt: Date): Promise<void> {
    const seconds = Math.max(0, (openedAt.getTime() - deadline.getTime()) / 1000);
    const labels = safeLabel(trigger);
    const key = `metrics:${ESCALATION_LATENCY.name}`;
    return this.write(
      this.redis.client
        .multi()
        .hincrby(key, `${labels}${SEP}b${bucketIndex(ESCALATION_LATENCY.buckets, seconds)}`, 1)
        .hincrbyfloat(key, `${labels}${SEP}sum`, seconds)
        .hincrby(key, `${labels}${SEP}count`, 1),
    );
  }

  /**
   * A webhook delivery attempt failed. `reason` is a lower-case code (`timeout`, `http_5xx`,
   * `refused_address`); anything else — a host name, a URL, a message — is counted as `other`.
   */
  webhookDeliveryFailed(reason: string): Promise<void> {
    const code = REASON_CODE.test(reason) ? reason : 'other';
    return this.write(this.redis.client.multi().hincrby(`metrics:${WEBHOOK_FAILURES.name}`, code, 1));
  }

  /** The whole exposition for one scrape. */
  async exposition(): Promise<string> {
    const scrape = new Registry();
    const databaseUp = new Gauge({
      name: 'corridor_metrics_database_up',
      help: '1 when this scrape could read the database aggregates, else 0.',
      registers: [scrape],
    });
    try {
      this.addSnapshot(scrape, await this.repository.snapshot(this.clock.now(), SNAPSHOT_TIMEOUT_MS));
      databaseUp.set(1);
    } catch (error) {
      this.logger.warn({ error: (error as Error).name }, 'metrics: database aggregates unavailable');
      databaseUp.set(0);
    }
    const shared = await this.sharedSeries();
    const local = await Registry.merge([this.process.registry, scrape]).metrics();
    return `${local.trimEnd()}\n\n${shared}\n`;
  }

  private addSnapshot(registry: Registry, snapshot: OperationsSnapshot): void {
    const jobs = new Gauge({
      name: 'corridor_jobs',
      help: 'Outbox events not done, by job name and state (FAILED: parked after the last attempt).',
      labelNames: ['job', 'state'],
      registers: [registry],
    });
    const retrying = new Gauge({
      name: 'corridor_jobs_retrying',
      help: 'Outbox events waiting for another attempt after a failure, by job name.',
      labelNames: ['job'],
      registers: [registry],
    });
    for (const job of Object.values(JobName)) {
      for (const state of OUTBOX_STATES) jobs.set({ job, state }, 0);
      retrying.set({ job }, 0);
    }
    for (const row of snapshot.jobs) {
      const job = safeLabel(row.job);
      jobs.set({ job, state: safeLabel(row.status) }, row.count);
      if (row.status !== 'FAILED') retrying.inc({ job }, row.retrying);
    }
    new Gauge({ name: 'corridor_outbox_lag_seconds', help: 'Age of the oldest outbox event that is due and not done.', registers: [registry] }).set(
      snapshot.outboxLagSeconds,
    );

    const overdue = new Gauge({
      name: 'corridor_checkins_overdue',
      help: 'Active check-in schedules past due + grace, by case priority.',
      labelNames: ['priority'],
      registers: [registry],
    });
    for (const priority of Object.values(CasePriority)) overdue.set({ priority }, 0);
    for (const row of snapshot.overdueCheckins) overdue.set({ priority: safeLabel(row.priority) }, row.count);

    const open = new Gauge({
      name: 'corridor_escalations_open',
      help: 'Unresolved escalations, by level and trigger.',
      labelNames: ['level', 'trigger'],
      registers: [registry],
    });
    for (const level of ESCALATION_LEVELS) for (const trigger of Object.values(EscalationTrigger)) open.set({ level: String(level), trigger }, 0);
    for (const row of snapshot.openEscalations) open.set({ level: String(row.level), trigger: safeLabel(row.trigger) }, row.count);

    new Gauge({ name: 'corridor_audit_unsealed_events', help: 'Audit events committed but not yet hash-chained.', registers: [registry] }).set(
      snapshot.unsealedAuditEvents,
    );
    new Gauge({ name: 'corridor_audit_sealing_lag_seconds', help: 'Age of the oldest unsealed audit event.', registers: [registry] }).set(
      snapshot.auditSealingLagSeconds,
    );
  }

  /** Renders the Redis-aggregated series; with Redis away they are left out rather than shown as zero. */
  private async sharedSeries(): Promise<string> {
    let latency: Record<string, string>;
    let failures: Record<string, string>;
    try {
      [latency, failures] = await Promise.all([
        this.redis.client.hgetall(`metrics:${ESCALATION_LATENCY.name}`),
        this.redis.client.hgetall(`metrics:${WEBHOOK_FAILURES.name}`),
      ]);
    } catch {
      return '# corridor: Redis unavailable, shared series omitted';
    }
    const histogram: HistogramSeries = { ...ESCALATION_LATENCY, values: [] };
    const byTrigger = new Map<string, HistogramSeries['values'][number]>();
    for (const [field, raw] of Object.entries(latency)) {
      const [label, part] = field.split(SEP) as [string, string | undefined];
      const entry = byTrigger.get(label) ?? {
        labels: [label],
        bucketCounts: new Array<number>(ESCALATION_LATENCY.buckets.length + 1).fill(0),
        sum: 0,
        count: 0,
      };
      byTrigger.set(label, entry);
      if (part === 'sum') entry.sum = Number(raw);
      else if (part === 'count') entry.count = Number(raw);
      else if (part?.startsWith('b')) entry.bucketCounts[Number(part.slice(1))] = Number(raw);
    }
    histogram.values = [...byTrigger.values()];
    const counter = { ...WEBHOOK_FAILURES, values: Object.entries(failures).map(([reason, raw]) => ({ labels: [reason], value: Number(raw) })) };
    return `${renderHistogram(histogram)}\n\n${renderCounter(counter)}`;
  }

  private async write(pipeline: { exec(): Promise<unknown> }): Promise<void> {
    try {
      await pipeline.exec();
    } catch {
      // A metric must never fail the work it measures.
    }
  }
}
