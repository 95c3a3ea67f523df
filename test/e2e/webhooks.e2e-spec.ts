import { randomUUID } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSecureContext } from 'node:tls';
import { Webhook } from 'standardwebhooks';
import { DataSource } from 'typeorm';
import { ApiKeyScope, StaffRole } from '@common/access/roles';
import { PartnerEventPublisher, PartnerEventType } from '@common/partner-events/partner-event';
import { JobName } from '@common/jobs/job-name';
import { JobDispatcher } from '@infra/queue/job-dispatcher';
import { HostResolver, type ResolvedAddress } from '@modules/webhooks/egress/host-resolver';
import { PartnerEventHandler } from '@modules/webhooks/partner-event.handler';
import { MAX_DELIVERY_ATTEMPTS, MIN_RETRY_DELAY_MS, RETRY_CEILINGS_MS } from '@modules/webhooks/retry-schedule';
import { intakeBody, newCase } from '@test/support/builders/cases';
import { newAgency, newApiKey } from '@test/support/builders/partners';
import { bearer, longLivedStaff, type StaffFixture } from '@test/support/builders/staff';
import { FakeClock } from '@test/support/fake-clock';
import { expectPartnerContract } from '@test/support/partner-contract';
import { scanDatabaseForPlaintext } from '@test/support/plaintext-scan';
import { TestContext, type TestApp } from '@test/support/test-context';
import { runDueJobs } from '@test/support/run-due-jobs';

interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}
interface Answer {
  status: number;
  headers?: Record<string, string>;
  body?: string;
}

/** A real receiver on loopback: records every request, answers from a per-path script (default 200). */
class Receiver {
  readonly received: Received[] = [];
  private readonly script = new Map<string, Answer[]>();
  private server!: Server;
  port = 0;

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const path = req.url ?? '/';
        this.received.push({ path, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
        const answer = this.script.get(path)?.shift() ?? { status: 200, body: 'ok' };
        res.writeHead(answer.status, answer.headers);
        res.end(answer.body ?? '');
      });
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
  }

  answer(path: string, ...answers: Answer[]): void {
    this.script.set(path, answers);
  }

  at(path: string): Received[] {
    return this.received.filter((entry) => entry.path === path);
  }

  url(path: string): string {
    return `http://127.0.0.1:${this.port}${path}`;
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

describe('webhooks: endpoints, signed delivery, retries, egress rules, staff alert channels', () => {
  let ctx: TestContext;
  let app: TestApp;
  let db: DataSource;
  const clock = new FakeClock(new Date());
  const receiver = new Receiver();
  /** Test-controlled DNS answers; other names resolve as usual. */
  const dns = new Map<string, ResolvedAddress[]>();
  let admin: StaffFixture;
  let caseworker: StaffFixture;
  let agencyA: string;
  let agencyB: string;
  let keyA: string;
  let keyB: string;

  beforeAll(async () => {
    ctx = await TestContext.create();
    app = await ctx.startApp({ clock });
    db = await ctx.dataSource();
    await receiver.start();
    const resolver = app.context.get(HostResolver, { strict: false });
    const real = resolver.resolve.bind(resolver);
    jest.spyOn(resolver, 'resolve').mockImplementation(async (host) => dns.get(host) ?? real(host));
    admin = await longLivedStaff(app, clock, [StaffRole.Admin]);
    caseworker = await longLivedStaff(app, clock, [StaffRole.Caseworker]);
    agencyA = (await newAgency(app)).id;
    agencyB = (await newAgency(app)).id;
    keyA = (await newApiKey(app, agencyA, [ApiKeyScope.WebhooksManage])).key;
    keyB = (await newApiKey(app, agencyB, [ApiKeyScope.WebhooksManage])).key;
    // Loopback http is allowed only because an admin put the test receiver's address on the allowlist.
    const allowed = await app.http!.inject({
      method: 'POST',
      url: '/api/v1/admin/egress-allowlist',
      headers: bearer(admin.token),
      payload: { host: '127.0.0.1' },
    });
    expect(allowed.statusCode).toBe(201);
  });
  afterAll(async () => {
    await receiver.close();
    await ctx.close();
  });

  const partner = async (key: string, method: 'GET' | 'POST' | 'DELETE', url: string, payload?: object) => {
    // Partner POSTs are idempotent: each call here is a new logical request, so a fresh key.
    const headers = method === 'POST' ? { ...bearer(key), 'idempotency-key': randomUUID() } : bearer(key);
    const response = await app.http!.inject({ method, url, headers, ...(method === 'POST' ? { payload: payload ?? {} } : {}) });
    return { response, body: expectPartnerContract(method, url, response) as Record<string, unknown> & { items?: Array<Record<string, unknown>> } };
  };

  const register = async (key: string, url: string, eventTypes: string[] = [PartnerEventType.CaseShared]) => {
    const { response, body } = await partner(key, 'POST', '/partner/v1/webhooks', { url, eventTypes });
    expect(response.statusCode).toBe(201);
    return body as { id: string; secret: string; status: string };
  };

  /** Another agency with its own key: each agency may register at most 10 endpoints. */
  const otherAgency = async (): Promise<{ id: string; key: string }> => {
    const id = (await newAgency(app)).id;
    return { id, key: (await newApiKey(app, id, [ApiKeyScope.WebhooksManage])).key };
  };

  const runDue = (): Promise<number> => runDueJobs(app, clock);

  const publish = async (agencyId: string, data: Record<string, string>, type = PartnerEventType.CaseShared): Promise<void> => {
    const publisher = app.context.get(PartnerEventPublisher, { strict: false });
    await db.transaction((tx) => publisher.publish(tx, { agencyIds: [agencyId], type, data }));
  };

  const deliveriesOf = (
    endpointId: string,
  ): Promise<Array<{ id: string; status: string; attempts: number; next_attempt_at: Date | null; last_error: string | null; event_id: string }>> =>
    db.query(`SELECT id, status, attempts, next_attempt_at, last_error, event_id FROM webhook_deliveries WHERE endpoint_id = $1 ORDER BY created_at, id`, [
      endpointId,
    ]);

  const endpointRow = async (id: string): Promise<{ status: string; disabled_reason: string | null; consecutive_failed_deliveries: number }> =>
    (await db.query(`SELECT status, disabled_reason, consecutive_failed_deliveries FROM webhook_endpoints WHERE id = $1`, [id]))[0];

  const countRows = async (table: string): Promise<number> => Number((await db.query(`SELECT count(*)::int AS n FROM ${table}`))[0].n);

  it('registers an endpoint and shows its whsec_ secret once, sealed at rest', async () => {
    const created = await register(keyA, receiver.url('/registered'));
    expect(created.secret).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/);
    expect(Buffer.from(created.secret.slice('whsec_'.length), 'base64').length).toBeGreaterThanOrEqual(24);
    const { body: list } = await partner(keyA, 'GET', '/partner/v1/webhooks');
    const listed = list.items!.find((item) => item.id === created.id);
    expect(listed).toMatchObject({ status: 'ACTIVE', eventTypes: [PartnerEventType.CaseShared] });
    expect(listed).not.toHaveProperty('secret');
    // Not in any table, in any form (the audit row included).
    expect(await scanDatabaseForPlaintext(db, [created.secret, created.secret.slice('whsec_'.length)])).toEqual([]);
  });

  it('replays a registration under the same Idempotency-Key without the secret, which is never stored', async () => {
    const idempotencyKey = randomUUID();
    const payload = { url: receiver.url('/replayed'), eventTypes: [PartnerEventType.CaseShared] };
    const register = async () => {
      const response = await app.http!.inject({
        method: 'POST',
        url: '/partner/v1/webhooks',
        headers: { ...bearer(keyA), 'idempotency-key': idempotencyKey },
        payload,
      });
      // The replay, without the secret, is within the published contract too.
      expectPartnerContract('POST', '/partner/v1/webhooks', response);
      return response;
    };
    const first = await register();
    expect(first.statusCode).toBe(201);
    const secret = first.json<{ secret: string }>().secret;
    expect(secret).toMatch(/^whsec_/);
    const replay = await register();
    expect(replay.statusCode).toBe(201);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.json()).toEqual({ ...first.json<Record<string, unknown>>(), secret: undefined });
    expect(replay.json()).not.toHaveProperty('secret');
    const [row] = await db.query<Array<{ n: number }>>(`SELECT count(*)::int AS n FROM webhook_endpoints WHERE url = $1 AND deleted_at IS NULL`, [payload.url]);
    expect(row?.n).toBe(1);
    expect(await scanDatabaseForPlaintext(db, [secret, secret.slice('whsec_'.length)])).toEqual([]);
  });

  it('refuses bad input with problem+json and changes nothing', async () => {
    const before = await countRows('webhook_endpoints');
    const cases: Array<[object, number, string]> = [
      [{ url: receiver.url('/x'), eventTypes: ['case.nonexistent'] }, 400, 'validation-failed'],
      [{ url: receiver.url('/x'), eventTypes: [] }, 400, 'validation-failed'],
      [{ url: receiver.url('/x'), eventTypes: ['case.shared'], secret: 'whsec_mine' }, 400, 'validation-failed'],
      [{ eventTypes: ['case.shared'] }, 400, 'validation-failed'],
      [{ url: 'not a url', eventTypes: ['case.shared'] }, 422, 'egress-refused'],
      [{ url: 'ftp://files.example.org/x', eventTypes: ['case.shared'] }, 422, 'egress-refused'],
      [{ url: 'http://hooks.example.org/plain-http', eventTypes: ['case.shared'] }, 422, 'egress-refused'],
      [{ url: 'https://user:pass@93.184.216.34/x', eventTypes: ['case.shared'] }, 422, 'egress-refused'],
    ];
    for (const [payload, status, code] of cases) {
      const { response, body } = await partner(keyA, 'POST', '/partner/v1/webhooks', payload);
      expect({ payload, status: response.statusCode, type: body.type }).toEqual({ payload, status, type: `urn:corridor:problem:${code}` });
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
    expect(await countRows('webhook_endpoints')).toBe(before);
  });

  it('refuses private, loopback, link-local, CGNAT, unique-local and metadata addresses at registration', async () => {
    const refused = ['10.1.2.3', '127.0.0.2', '169.254.169.254', '100.64.1.1', 'fd00:ec2::254', '::1', 'fe80::1', '224.0.0.5', '192.168.1.10'];
    const before = await countRows('webhook_endpoints');
    for (const address of refused) {
      dns.set('internal.partner.test', [{ address, family: address.includes(':') ? 6 : 4 }]);
      const { response, body } = await partner(keyA, 'POST', '/partner/v1/webhooks', {
        url: 'https://internal.partner.test/hook',
        eventTypes: ['case.shared'],
      });
      expect({ address, status: response.statusCode, reason: body.reason }).toEqual({ address, status: 422, reason: 'address-not-allowed' });
    }
    // One private answer among public ones is enough to refuse.
    dns.set('mixed.partner.test', [
      { address: '93.184.216.34', family: 4 },
      { address: '10.0.0.1', family: 4 },
    ]);
    expect((await partner(keyA, 'POST', '/partner/v1/webhooks', { url: 'https://mixed.partner.test/', eventTypes: ['case.shared'] })).response.statusCode).toBe(
      422,
    );
    // Literal addresses too, bracketed IPv6 included.
    for (const url of ['https://169.254.169.254/latest', 'https://[::1]/x', 'https://[fd00:ec2::254]/x', 'https://[::ffff:10.0.0.1]/x']) {
      expect({ url, status: (await partner(keyA, 'POST', '/partner/v1/webhooks', { url, eventTypes: ['case.shared'] })).response.statusCode }).toEqual({
        url,
        status: 422,
      });
    }
    expect(await countRows('webhook_endpoints')).toBe(before);
  });

  // Issue 15, finding 5: IPv4-compatible IPv6 (::/96) reached loopback, the metadata service and private networks.
  it('refuses IPv6 literals that carry a private IPv4 address, for partner webhooks and admin alert channels alike', async () => {
    const hosts = ['[::127.0.0.1]', '[::7f00:1]', '[::a9fe:a9fe]', '[::a00:1]', '[::c0a8:101]', '[::ffff:a9fe:a9fe]', '[64:ff9b::a00:1]', '[2002:a00:1::1]'];
    const before = await countRows('webhook_endpoints');
    for (const host of hosts) {
      const url = `https://${host}/hook`;
      const { response, body } = await partner(keyA, 'POST', '/partner/v1/webhooks', { url, eventTypes: ['case.shared'] });
      expect({ url, status: response.statusCode, reason: body.reason }).toEqual({ url, status: 422, reason: 'address-not-allowed' });
      const channel = await app.http!.inject({
        method: 'POST',
        url: '/api/v1/admin/alert-channels',
        headers: bearer(admin.token),
        payload: { url, eventTypes: ['escalation.opened'], description: 'ops' },
      });
      expect({ url, status: channel.statusCode, reason: channel.json().reason }).toEqual({ url, status: 422, reason: 'address-not-allowed' });
    }
    // A name that resolves to one of them is refused the same way.
    dns.set('compat.partner.test', [{ address: '::7f00:1', family: 6 }]);
    expect((await partner(keyA, 'POST', '/partner/v1/webhooks', { url: 'https://compat.partner.test/', eventTypes: ['case.shared'] })).body.reason).toBe(
      'address-not-allowed',
    );
    expect(await countRows('webhook_endpoints')).toBe(before);
  });

  it('delivers a thin, signed event that an independent Standard Webhooks implementation verifies', async () => {
    const endpoint = await register(keyA, receiver.url('/signed'), [PartnerEventType.CaseShared, PartnerEventType.EscalationRaised]);
    await publish(agencyA, { caseReference: 'CR-TEST-0001', shareId: '4b7f2c1e-1b2a-4c3d-8e9f-0a1b2c3d4e5f' });
    await runDue();
    const [request] = receiver.at('/signed');
    expect(receiver.at('/signed')).toHaveLength(1);
    const headers = {
      'webhook-id': String(request!.headers['webhook-id']),
      'webhook-timestamp': String(request!.headers['webhook-timestamp']),
      'webhook-signature': String(request!.headers['webhook-signature']),
    };
    expect(new Webhook(endpoint.secret).verify(request!.body, headers)).toEqual({
      type: 'case.shared',
      timestamp: clock.now().toISOString(),
      data: { caseReference: 'CR-TEST-0001', shareId: '4b7f2c1e-1b2a-4c3d-8e9f-0a1b2c3d4e5f' },
    });
    expect(headers['webhook-timestamp']).toBe(String(Math.floor(clock.nowMs() / 1000)));
    expect(request!.headers['content-type']).toBe('application/json');
    // A wrong secret does not verify: the check is real.
    expect(() => new Webhook(`whsec_${Buffer.alloc(32, 7).toString('base64')}`).verify(request!.body, headers)).toThrow();
    const { body: log } = await partner(keyA, 'GET', `/partner/v1/webhooks/${endpoint.id}/deliveries`);
    expect(log.items).toEqual([
      expect.objectContaining({
        eventId: headers['webhook-id'],
        eventType: 'case.shared',
        status: 'SUCCEEDED',
        attempts: 1,
        lastStatusCode: 200,
        responseExcerpt: 'ok',
      }),
    ]);
  });

  it('fans out idempotently: the same partner event handled twice makes one delivery', async () => {
    const endpoint = await register(keyA, receiver.url('/idempotent'));
    await publish(agencyA, { caseReference: 'CR-TEST-0002' });
    const [event]: Array<{ id: string; payload: Record<string, unknown> }> = await db.query(
      `SELECT id, payload FROM outbox_events WHERE job_name = $1 AND payload->'data'->>'caseReference' = 'CR-TEST-0002'`,
      [JobName.PartnerEvent],
    );
    const dispatcher = app.context.get(JobDispatcher);
    const job = { id: event!.id, name: JobName.PartnerEvent, attemptsMade: 0, opts: { attempts: 1 } };
    expect(await dispatcher.dispatch(job)).toBe('done');
    expect(await dispatcher.dispatch(job)).toBe('skipped');
    // Even the handler itself, run again past the dispatcher's guard, adds nothing.
    const handler = app.context.get(PartnerEventHandler);
    await db.transaction((tx) => handler.fanOut({ outboxId: event!.id, name: JobName.PartnerEvent, payload: event!.payload, attempt: 2, tx }));
    expect(await deliveriesOf(endpoint.id)).toHaveLength(1);
    await runDue();
    expect(receiver.at('/idempotent')).toHaveLength(1);
  });

  it('retries with exponential backoff and full jitter, same webhook-id, fresh signature each time', async () => {
    const endpoint = await register(keyA, receiver.url('/flaky'));
    receiver.answer('/flaky', ...Array.from({ length: MAX_DELIVERY_ATTEMPTS }, () => ({ status: 500, body: 'x'.repeat(1000) })));
    const start = clock.nowMs();
    await publish(agencyA, { caseReference: 'CR-TEST-0003' });
    await runDue();
    const attemptTimes = [clock.nowMs()];
    for (let attempt = 1; attempt < MAX_DELIVERY_ATTEMPTS; attempt += 1) {
      const [delivery] = await deliveriesOf(endpoint.id);
      expect(delivery).toMatchObject({ status: 'PENDING', attempts: attempt, last_error: 'HTTP_500' });
      const wait = delivery!.next_attempt_at!.getTime() - clock.nowMs();
      expect(wait).toBeGreaterThanOrEqual(MIN_RETRY_DELAY_MS);
      expect(wait).toBeLessThanOrEqual(RETRY_CEILINGS_MS[attempt - 1]!);
      // Not a moment early: just before the retry time nothing is sent.
      clock.set(new Date(delivery!.next_attempt_at!.getTime() - 1));
      await runDue();
      expect(receiver.at('/flaky')).toHaveLength(attempt);
      clock.set(delivery!.next_attempt_at!);
      await runDue();
      attemptTimes.push(clock.nowMs());
    }
    const requests = receiver.at('/flaky');
    expect(requests).toHaveLength(MAX_DELIVERY_ATTEMPTS);
    const [delivery] = await deliveriesOf(endpoint.id);
    expect(delivery).toMatchObject({ status: 'FAILED', attempts: MAX_DELIVERY_ATTEMPTS, next_attempt_at: null });
    const verifier = new Webhook(endpoint.secret);
    requests.forEach((request, index) => {
      expect(request.headers['webhook-id']).toBe(delivery!.event_id);
      expect(request.headers['webhook-timestamp']).toBe(String(Math.floor(attemptTimes[index]! / 1000)));
      // The independent implementation signs the same id, timestamp and body identically.
      expect(request.headers['webhook-signature']).toBe(verifier.sign(delivery!.event_id, new Date(attemptTimes[index]!), request.body));
    });
    // The stored excerpt is at most 256 bytes of the answer.
    const [{ excerpt }] = await db.query(`SELECT response_excerpt AS excerpt FROM webhook_deliveries WHERE id = $1`, [delivery!.id]);
    expect(Buffer.byteLength(excerpt as string)).toBeLessThanOrEqual(256);
    // One failed delivery disables only if it failed for more than a day.
    const failingFor = clock.nowMs() - start;
    expect((await endpointRow(endpoint.id)).status).toBe(failingFor > 24 * 3_600_000 ? 'DISABLED' : 'ACTIVE');
  });

  it('honours Retry-After in seconds and as an HTTP date', async () => {
    const endpoint = await register(keyA, receiver.url('/busy'));
    const inTwoHours = new Date(clock.nowMs() + 2 * 3_600_000);
    receiver.answer(
      '/busy',
      { status: 503, headers: { 'retry-after': '5400' } },
      { status: 429, headers: { 'retry-after': new Date(clock.nowMs() + 5400_000 + 2 * 3_600_000 + 1_000).toUTCString() } },
    );
    await publish(agencyA, { caseReference: 'CR-TEST-0004' });
    await runDue();
    let [delivery] = await deliveriesOf(endpoint.id);
    // The first retry's own ceiling is a minute; the receiver asked for 90 minutes.
    expect(delivery!.next_attempt_at!.getTime() - clock.nowMs()).toBeGreaterThanOrEqual(5400_000);
    clock.set(delivery!.next_attempt_at!);
    await runDue();
    [delivery] = await deliveriesOf(endpoint.id);
    expect(delivery!.attempts).toBe(2);
    expect(delivery!.next_attempt_at!.getTime()).toBeGreaterThanOrEqual(inTwoHours.getTime());
    clock.set(delivery!.next_attempt_at!);
    await runDue();
    expect((await deliveriesOf(endpoint.id))[0]).toMatchObject({ status: 'SUCCEEDED', attempts: 3 });
  });

  it('disables an endpoint at once on 410; the agency sees why and re-enables it', async () => {
    const endpoint = await register(keyA, receiver.url('/gone'));
    receiver.answer('/gone', { status: 410, body: 'gone' });
    await publish(agencyA, { caseReference: 'CR-TEST-0005' });
    await runDue();
    expect(receiver.at('/gone')).toHaveLength(1);
    expect((await deliveriesOf(endpoint.id))[0]).toMatchObject({ status: 'FAILED', attempts: 1, last_error: 'HTTP_410' });
    const { body: list } = await partner(keyA, 'GET', '/partner/v1/webhooks');
    expect(list.items!.find((item) => item.id === endpoint.id)).toMatchObject({ status: 'DISABLED', disabledReason: 'GONE' });
    // Disabled: later events do not go there, and a test is refused.
    await publish(agencyA, { caseReference: 'CR-TEST-0006' });
    await runDue();
    expect(receiver.at('/gone')).toHaveLength(1);
    expect((await partner(keyA, 'POST', `/partner/v1/webhooks/${endpoint.id}/test`)).response.statusCode).toBe(409);

    const { response, body } = await partner(keyA, 'POST', `/partner/v1/webhooks/${endpoint.id}/enable`);
    expect(response.statusCode).toBe(200);
    expect(body).toMatchObject({ status: 'ACTIVE', disabledReason: null });
    expect((await partner(keyA, 'POST', `/partner/v1/webhooks/${endpoint.id}/enable`)).response.statusCode).toBe(409);
    const test = await partner(keyA, 'POST', `/partner/v1/webhooks/${endpoint.id}/test`);
    expect(test.response.statusCode).toBe(202);
    await runDue();
    const [request] = receiver.at('/gone').slice(-1);
    expect(JSON.parse(request!.body)).toMatchObject({ type: 'webhook.test', data: { endpointId: endpoint.id } });
    const audit: Array<{ action: string }> = await db.query(`SELECT action FROM audit_events WHERE resource_id = $1 ORDER BY occurred_at`, [endpoint.id]);
    expect(audit.map((row) => row.action)).toEqual([
      'webhook_endpoint.created',
      'webhook_endpoint.disabled',
      'webhook_endpoint.enabled',
      'webhook_endpoint.tested',
    ]);
  });

  it('disables an endpoint after sustained failure', async () => {
    const endpoint = await register(keyA, receiver.url('/down'));
    receiver.answer('/down', ...Array.from({ length: 100 }, () => ({ status: 502 })));
    for (let i = 0; i < 5; i += 1) await publish(agencyA, { caseReference: `CR-DOWN-${i}` });
    // Jitter spreads the five schedules apart: follow the earliest pending attempt until none is left.
    for (let round = 0; round < 100; round += 1) {
      await runDue();
      const [next] = await db.query(`SELECT min(next_attempt_at) AS at FROM webhook_deliveries WHERE endpoint_id = $1 AND status = 'PENDING'`, [endpoint.id]);
      if (!next.at) break;
      clock.set(next.at as Date);
    }
    expect(await endpointRow(endpoint.id)).toMatchObject({ status: 'DISABLED', disabled_reason: 'SUSTAINED_FAILURE' });
    const statuses = (await deliveriesOf(endpoint.id)).map((d) => d.status);
    expect(statuses.every((status) => status === 'FAILED' || status === 'CANCELLED')).toBe(true);
    const { body } = await partner(keyA, 'GET', '/partner/v1/webhooks');
    expect(body.items!.find((item) => item.id === endpoint.id)).toMatchObject({ status: 'DISABLED', disabledReason: 'SUSTAINED_FAILURE' });
  });

  it('checks the address again at delivery: a name that now resolves to a private address is not called', async () => {
    dns.set('rebind.partner.test', [{ address: '93.184.216.34', family: 4 }]);
    const endpoint = await register(keyA, 'https://rebind.partner.test/hook');
    dns.set('rebind.partner.test', [{ address: '127.0.0.1', family: 4 }]);
    await publish(agencyA, { caseReference: 'CR-TEST-0007' });
    await runDue();
    // Refused before connecting (a connection attempt would have failed as CONNECTION_FAILED instead).
    expect((await deliveriesOf(endpoint.id))[0]).toMatchObject({ status: 'PENDING', attempts: 1, last_error: 'EGRESS_REFUSED' });
    expect(receiver.received.filter((request) => String(request.headers.host).startsWith('rebind.partner.test'))).toEqual([]);
    // The metadata service is refused just the same at the next attempt.
    dns.set('rebind.partner.test', [{ address: '169.254.169.254', family: 4 }]);
    const [delivery] = await deliveriesOf(endpoint.id);
    clock.set(delivery!.next_attempt_at!);
    await runDue();
    expect((await deliveriesOf(endpoint.id))[0]).toMatchObject({ attempts: 2, last_error: 'EGRESS_REFUSED' });
  });

  it('follows no redirect: a 3xx is a failed attempt and the Location is never requested', async () => {
    const agency = await otherAgency();
    const endpoint = await register(agency.key, receiver.url('/moved'));
    receiver.answer('/moved', { status: 302, headers: { location: receiver.url('/redirect-target') } });
    await publish(agency.id, { caseReference: 'CR-TEST-0008' });
    await runDue();
    expect((await deliveriesOf(endpoint.id))[0]).toMatchObject({ status: 'PENDING', attempts: 1, last_error: 'HTTP_302' });
    expect(receiver.at('/redirect-target')).toEqual([]);
  });

  it('connects to the checked address with the name as TLS SNI, and verifies the certificate', async () => {
    // A real TLS server on loopback with a self-signed certificate for the name.
    const dir = mkdtempSync(join(tmpdir(), 'corridor-tls-'));
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-days',
        '1',
        '-subj',
        '/CN=tls.partner.test',
        '-addext',
        'subjectAltName=DNS:tls.partner.test',
        '-keyout',
        join(dir, 'key.pem'),
        '-out',
        join(dir, 'cert.pem'),
      ],
      { stdio: 'ignore' },
    );
    const secure = { key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) };
    rmSync(dir, { recursive: true, force: true });
    const serverNames: string[] = [];
    let requests = 0;
    const server = createTlsServer(
      {
        ...secure,
        SNICallback: (name, done) => {
          serverNames.push(name);
          done(null, createSecureContext(secure));
        },
      },
      (_req, res) => {
        requests += 1;
        res.end('ok');
      },
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const port = (server.address() as AddressInfo).port;
      await app.http!.inject({ method: 'POST', url: '/api/v1/admin/egress-allowlist', headers: bearer(admin.token), payload: { host: 'tls.partner.test' } });
      dns.set('tls.partner.test', [{ address: '127.0.0.1', family: 4 }]);
      const agency = await otherAgency();
      const endpoint = await register(agency.key, `https://tls.partner.test:${port}/hook`);
      await publish(agency.id, { caseReference: 'CR-TEST-0009' });
      await runDue();
      // The handshake reached the pinned loopback address under the name; the untrusted certificate stopped it.
      expect(serverNames).toContain('tls.partner.test');
      expect(requests).toBe(0);
      expect((await deliveriesOf(endpoint.id))[0]).toMatchObject({ attempts: 1, last_error: 'TLS_FAILED' });
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('pauses deliveries during lockdown without spending attempts, and resumes after it', async () => {
    const agency = await otherAgency();
    const endpoint = await register(agency.key, receiver.url('/lockdown'));
    // Only the flag, set directly: declaring lockdown through the API would end the sessions this file uses.
    await db.query(`UPDATE system_state SET lockdown_active = true`);
    try {
      await publish(agency.id, { caseReference: 'CR-TEST-0010' });
      await runDue();
      expect(receiver.at('/lockdown')).toEqual([]);
      expect((await deliveriesOf(endpoint.id))[0]).toMatchObject({ status: 'PENDING', attempts: 0 });
    } finally {
      await db.query(`UPDATE system_state SET lockdown_active = false`);
    }
    clock.advance(60_000);
    await runDue();
    expect(receiver.at('/lockdown')).toHaveLength(1);
    expect((await deliveriesOf(endpoint.id))[0]).toMatchObject({ status: 'SUCCEEDED', attempts: 1 });
  });

  it("keeps agencies apart: B gets 404 on A's endpoint and delivery log, and sees none of A's", async () => {
    const endpoint = await register(keyA, receiver.url('/private-to-a'));
    const before = await endpointRow(endpoint.id);
    for (const [method, url] of [
      ['DELETE', `/partner/v1/webhooks/${endpoint.id}`],
      ['POST', `/partner/v1/webhooks/${endpoint.id}/test`],
      ['POST', `/partner/v1/webhooks/${endpoint.id}/enable`],
      ['GET', `/partner/v1/webhooks/${endpoint.id}/deliveries`],
    ] as const) {
      const { response, body } = await partner(keyB, method, url);
      expect({ method, url, status: response.statusCode, type: body.type }).toEqual({ method, url, status: 404, type: 'urn:corridor:problem:not-found' });
    }
    const { body: list } = await partner(keyB, 'GET', '/partner/v1/webhooks');
    expect(list.items).toEqual([]);
    expect(await endpointRow(endpoint.id)).toEqual(before);
    expect(await deliveriesOf(endpoint.id)).toEqual([]);
    // A malformed id answers like an unknown one.
    expect((await partner(keyB, 'GET', '/partner/v1/webhooks/not-a-uuid/deliveries')).response.statusCode).toBe(404);
    // A's own delete works, and shreds the secret's data key.
    expect((await partner(keyA, 'DELETE', `/partner/v1/webhooks/${endpoint.id}`)).response.statusCode).toBe(204);
    expect(await db.query(`SELECT 1 FROM data_keys WHERE owner_type = 'webhook_endpoint' AND owner_id = $1`, [endpoint.id])).toEqual([]);
    expect((await partner(keyA, 'GET', `/partner/v1/webhooks/${endpoint.id}/deliveries`)).response.statusCode).toBe(404);
  });

  it('alerts staff channels when an escalation opens, with the case reference and codes only', async () => {
    const created = await app.http!.inject({
      method: 'POST',
      url: '/api/v1/admin/alert-channels',
      headers: bearer(admin.token),
      payload: { url: receiver.url('/ops'), eventTypes: ['escalation.opened', 'escalation.climbed'], description: 'operations chat' },
    });
    expect(created.statusCode).toBe(201);
    const channel = created.json<{ id: string; secret: string }>();
    // Bad input is refused and adds nothing: a partner event type, no description, a private address.
    const before = await countRows('webhook_endpoints');
    for (const payload of [
      { url: receiver.url('/ops'), eventTypes: ['case.shared'], description: 'ops' },
      { url: receiver.url('/ops'), eventTypes: ['escalation.opened'] },
      { url: 'https://10.0.0.8/ops', eventTypes: ['escalation.opened'], description: 'ops' },
    ]) {
      const refused = await app.http!.inject({ method: 'POST', url: '/api/v1/admin/alert-channels', headers: bearer(admin.token), payload });
      expect({ payload, status: refused.statusCode, type: refused.headers['content-type'] }).toEqual({
        payload,
        status: expect.any(Number),
        type: expect.stringMatching(/^application\/problem\+json/),
      });
      expect([400, 422]).toContain(refused.statusCode);
    }
    expect(await countRows('webhook_endpoints')).toBe(before);
    const { reference } = await newCase(app, caseworker.token, { priority: 'URGENT' });
    const opened = await app.http!.inject({
      method: 'POST',
      url: `/api/v1/cases/${reference}/escalations`,
      headers: bearer(caseworker.token),
      payload: { level: 2 },
    });
    expect(opened.statusCode).toBe(201);
    await runDue();
    const [alert] = receiver.at('/ops');
    expect(receiver.at('/ops')).toHaveLength(1);
    // The fake clock has moved days past the real one, beyond verify()'s freshness window, so the
    // independent implementation signs the same id, timestamp and body and must agree.
    const timestamp = new Date(Number(alert!.headers['webhook-timestamp']) * 1000);
    expect(alert!.headers['webhook-signature']).toBe(new Webhook(channel.secret).sign(String(alert!.headers['webhook-id']), timestamp, alert!.body));
    expect(JSON.parse(alert!.body)).toEqual({
      type: 'escalation.opened',
      timestamp: expect.any(String),
      data: { escalationId: opened.json<{ id: string }>().id, caseReference: reference, trigger: 'MANUAL', level: 2, priority: 'URGENT' },
    });
    // Agencies' endpoints are not staff channels, and partners cannot see the channel.
    expect((await partner(keyA, 'GET', `/partner/v1/webhooks/${channel.id}/deliveries`)).response.statusCode).toBe(404);
    const log = await app.http!.inject({ method: 'GET', url: `/api/v1/admin/alert-channels/${channel.id}/deliveries`, headers: bearer(admin.token) });
    expect(log.json().items).toEqual([expect.objectContaining({ eventType: 'escalation.opened', status: 'SUCCEEDED' })]);
  });

  it('never sends personal data: no received body contains any of the case plaintext', async () => {
    expect(receiver.received.length).toBeGreaterThan(10);
    const body = intakeBody();
    const needles = [
      body.person.givenName,
      body.person.familyName,
      body.person.patronymic,
      body.person.dateOfBirth,
      body.contact.channels[0]!.value,
      body.contact.safeContactInstructions,
      body.location.city,
      body.location.address,
      body.location.safeHouse,
      body.narrative,
      body.healthNeeds,
      body.documents[0]!.number,
      body.dependants[0]!.givenName,
      'gay',
    ];
    const leaks = receiver.received.flatMap((request) =>
      needles.filter((needle) => request.body.toLowerCase().includes(needle.toLowerCase())).map((needle) => ({ path: request.path, needle })),
    );
    expect(leaks).toEqual([]);
    expect(
      await scanDatabaseForPlaintext(
        db,
        needles.filter((needle) => needle !== 'gay'),
      ),
    ).toEqual([]);
  });

  it('lets admins manage the egress allowlist, audited; without an entry loopback http is refused', async () => {
    const list = await app.http!.inject({ method: 'GET', url: '/api/v1/admin/egress-allowlist', headers: bearer(admin.token) });
    const entry = list.json<{ items: Array<{ id: string; host: string }> }>().items.find((item) => item.host === '127.0.0.1')!;
    expect(entry).toBeDefined();
    const duplicate = await app.http!.inject({
      method: 'POST',
      url: '/api/v1/admin/egress-allowlist',
      headers: bearer(admin.token),
      payload: { host: '127.0.0.1' },
    });
    expect(duplicate.statusCode).toBe(409);
    const bad = await app.http!.inject({
      method: 'POST',
      url: '/api/v1/admin/egress-allowlist',
      headers: bearer(admin.token),
      payload: { host: 'bad host/with path' },
    });
    expect(bad.statusCode).toBe(400);
    expect((await app.http!.inject({ method: 'DELETE', url: `/api/v1/admin/egress-allowlist/${entry.id}`, headers: bearer(admin.token) })).statusCode).toBe(
      204,
    );
    const refused = await partner(keyA, 'POST', '/partner/v1/webhooks', { url: receiver.url('/after-removal'), eventTypes: ['case.shared'] });
    expect(refused.response.statusCode).toBe(422);
    const audit: Array<{ action: string }> = await db.query(`SELECT action FROM audit_events WHERE resource_type = 'egress_allowlist' ORDER BY occurred_at`);
    expect(audit.map((row) => row.action)).toEqual(['egress_allowlist.added', 'egress_allowlist.added', 'egress_allowlist.removed']);
  });
});
