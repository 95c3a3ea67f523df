import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { StaffRole } from '@common/access/roles';
import { JobName } from '@common/jobs/job-name';
import { MetricsService } from '@modules/metrics/metrics.service';
import { intakeBody, newCase } from '@test/support/builders/cases';
import { bearer, longLivedStaff, type StaffFixture } from '@test/support/builders/staff';
import { FakeClock } from '@test/support/fake-clock';
import { TestContext, type TestApp } from '@test/support/test-context';
import { waitFor } from '@test/support/wait-for';
import { runDueJobs } from '@test/support/run-due-jobs';

const METRICS_TOKEN = `mt_${randomUUID().replace(/-/g, '')}${randomUUID().replace(/-/g, '')}`;

/** Every `name{labels} value` sample of an exposition, with its labels parsed. */
function samples(text: string): Array<{ name: string; labels: Record<string, string>; value: number }> {
  return text
    .split('\n')
    .filter((line) => line && !line.startsWith('#'))
    .map((line) => {
      const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
      if (!match) throw new Error(`not an exposition line: ${line}`);
      const labels = Object.fromEntries([...(match[2] ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)].map((m) => [m[1]!, m[2]!]));
      return { name: match[1]!, labels, value: Number(match[3]) };
    });
}

describe('GET /metrics', () => {
  let ctx: TestContext;
  let app: TestApp;
  let db: DataSource;
  let caseworker: StaffFixture;
  const clock = new FakeClock(new Date());
  const references: string[] = [];

  beforeAll(async () => {
    ctx = await TestContext.create();
    app = await ctx.startApp({ clock, env: { METRICS_TOKEN } });
    db = await ctx.dataSource();
    caseworker = await longLivedStaff(app, clock, [StaffRole.Caseworker]);
  });
  afterAll(() => ctx.close());

  const scrape = (headers: Record<string, string> = bearer(METRICS_TOKEN)) => app.http!.inject({ method: 'GET', url: '/metrics', headers });

  const runDue = (): Promise<number> => runDueJobs(app, clock);

  it('refuses a missing, wrong or borrowed credential with 401 problem+json, and audits it', async () => {
    for (const headers of [{}, bearer('x'.repeat(40)), bearer(`${METRICS_TOKEN}x`), bearer(caseworker.token), { authorization: METRICS_TOKEN }]) {
      const response = await scrape(headers);
      expect(response.statusCode).toBe(401);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.json()).toMatchObject({ type: 'urn:corridor:problem:unauthenticated', status: 401 });
    }
    const [row]: Array<{ n: number }> = await db.query(
      `SELECT count(*)::int AS n FROM audit_events WHERE action = 'access.denied' AND resource_id = 'GET /metrics'`,
    );
    expect(row!.n).toBe(5);
  });

  it('is closed to everyone when METRICS_TOKEN is unset', async () => {
    const closed = await ctx.startApp({ clock });
    try {
      for (const headers of [{}, bearer(METRICS_TOKEN)]) {
        const response = await closed.http!.inject({ method: 'GET', url: '/metrics', headers });
        expect(response.statusCode).toBe(401);
        expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      }
    } finally {
      await closed.close();
    }
  });

  it('exposes every listed series, with labels that carry no reference, id or personal data', async () => {
    // Cases whose check-in and triage deadlines pass: MISSED_CHECKIN and TRIAGE_SLA_BREACH escalations.
    for (const priority of ['EMERGENCY', 'URGENT', 'NORMAL']) references.push((await newCase(app, caseworker.token, { priority })).reference);
    for (const reference of references) {
      expect((await app.http!.inject({ method: 'GET', url: `/api/v1/cases/${reference}`, headers: bearer(caseworker.token) })).statusCode).toBe(200);
    }
    await app.http!.inject({ method: 'GET', url: `/no/such/route/${references[0]}` });
    const linkToken = `tok${randomUUID().replace(/-/g, '')}`;
    await app.http!.inject({ method: 'GET', url: `/c/${linkToken}` });
    clock.advance(15 * 86_400_000);
    await runDue();
    clock.advance(60_000);
    // A parked job, and webhook failures reported by another module (one with a label that must not pass).
    await db.query(
      `INSERT INTO outbox_events (id, job_name, payload, status, available_at, attempts, last_error) VALUES ($1, $2, '{}', 'FAILED', $3, 8, 'Error')`,
      [randomUUID(), JobName.CaseStageChanged, clock.now()],
    );
    const metrics = app.context.get(MetricsService);
    await metrics.webhookDeliveryFailed('http_5xx');
    await metrics.webhookDeliveryFailed(`https://example.org/hook/${references[0]}`);
    await metrics.webhookDeliveryFailed('shelter.example.org');

    const text = await waitFor('the escalation latency in the exposition', async () => {
      const response = await scrape();
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
      return response.body.includes('corridor_escalation_latency_seconds_count{trigger="MISSED_CHECKIN"}') && response.body;
    });
    const all = samples(text);
    const value = (name: string, labels: Record<string, string> = {}) =>
      all.find((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v))?.value;

    expect(value('corridor_http_request_duration_seconds_count', { method: 'GET', route: '/api/v1/cases/:ref', status_class: '2xx' })).toBe(3);
    expect(value('corridor_http_request_duration_seconds_count', { route: 'unmatched', status_class: '4xx' })).toBe(1);
    expect(value('corridor_http_request_duration_seconds_count', { method: 'GET', route: '/c/:token' })).toBe(1);
    expect(value('corridor_jobs', { job: JobName.CaseStageChanged, state: 'FAILED' })).toBe(1);
    expect(value('corridor_jobs', { job: JobName.EscalationStep, state: 'PENDING' })).toBeGreaterThan(0);
    expect(value('corridor_jobs_retrying', { job: JobName.CheckinDeadline })).toBe(0);
    expect(value('corridor_outbox_lag_seconds')).toBe(0);
    expect(value('corridor_checkins_overdue', { priority: 'EMERGENCY' })).toBe(1);
    expect(value('corridor_escalations_open', { level: '1', trigger: 'MISSED_CHECKIN' })).toBe(3);
    expect(value('corridor_escalations_open', { level: '1', trigger: 'TRIAGE_SLA_BREACH' })).toBe(3);
    expect(value('corridor_escalations_open', { level: '3', trigger: 'DURESS' })).toBe(0);
    expect(value('corridor_escalation_latency_seconds_count', { trigger: 'MISSED_CHECKIN' })).toBe(3);
    expect(value('corridor_escalation_latency_seconds_count', { trigger: 'TRIAGE_SLA_BREACH' })).toBe(3);
    expect(value('corridor_escalation_latency_seconds_bucket', { trigger: 'MISSED_CHECKIN', le: '+Inf' })).toBe(3);
    expect(value('corridor_webhook_delivery_failures_total', { reason: 'http_5xx' })).toBe(1);
    expect(value('corridor_webhook_delivery_failures_total', { reason: 'other' })).toBe(2);
    expect(value('corridor_audit_unsealed_events')).toBeGreaterThan(0);
    expect(value('corridor_audit_sealing_lag_seconds')).toBeGreaterThan(0);
    expect(value('corridor_metrics_database_up')).toBe(1);

    // Nothing that identifies a case, a record, a person or a value they gave.
    const cases: Array<{ id: string }> = await db.query(`SELECT id FROM cases`);
    const escalations: Array<{ id: string }> = await db.query(`SELECT id FROM escalations`);
    const body = intakeBody();
    const secrets = [
      linkToken,
      'example.org',
      ...references,
      ...cases.map((c) => c.id),
      ...escalations.map((e) => e.id),
      caseworker.id,
      caseworker.email,
      body.person.givenName,
      body.person.familyName,
      body.contact.channels[0]!.value,
      body.location.city,
      body.location.safeHouse,
      body.documents[0]!.number,
      body.healthNeeds,
    ];
    for (const secret of secrets) expect({ secret, found: text.toLowerCase().includes(secret.toLowerCase()) }).toEqual({ secret, found: false });
    for (const sample of all) {
      for (const [label, labelValue] of Object.entries(sample.labels)) {
        expect({ label, labelValue, safe: /^[A-Za-z0-9_.:+/-]{1,80}$/.test(labelValue) && !/[0-9a-f]{8}-[0-9a-f]{4}-/i.test(labelValue) }).toEqual({
          label,
          labelValue,
          safe: true,
        });
      }
    }
  });
});
