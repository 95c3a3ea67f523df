import { DataSource } from 'typeorm';
import { StaffRole } from '@common/access/roles';
import { NotificationsService } from '@modules/notifications/notifications.service';
import { newCase } from '@test/support/builders/cases';
import { bearer, login, longLivedStaff, newStaff, type StaffFixture } from '@test/support/builders/staff';
import { buildForChildren, freePort, ProcessGroup, removeBuild } from '@test/support/child-processes';
import { FakeClock } from '@test/support/fake-clock';
import { LogCapture } from '@test/support/log-capture';
import { openSse, type SseStream } from '@test/support/sse-client';
import { TestContext, type TestApp } from '@test/support/test-context';
import { waitFor } from '@test/support/wait-for';

/** waitFor for a check that needs no await (events arrive on their own). */
const eventually = <T>(what: string, check: () => T | undefined | null | false, timeoutMs?: number, everyMs?: number): Promise<T> =>
  waitFor(what, () => Promise.resolve(check()), timeoutMs, everyMs);

/** GET /api/v1/me/events: the user's notifications as Server-Sent Events, across API processes. */
describe('live events for staff', () => {
  let ctx: TestContext;
  let app: TestApp;
  let base: string;
  const clock = new FakeClock(new Date());
  const logs = new LogCapture();
  const streams: SseStream[] = [];

  beforeAll(async () => {
    ctx = await TestContext.create();
    app = await ctx.startApp({ clock, logs });
    await app.http!.listen(0, '127.0.0.1');
    const address = app.http!.getHttpServer().address();
    base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  });
  afterEach(() => {
    for (const stream of streams.splice(0)) stream.close();
  });
  afterAll(() => ctx.close());

  const open = async (url: string, headers: Record<string, string> = {}): Promise<SseStream> => {
    const stream = await openSse(url, headers);
    streams.push(stream);
    return stream;
  };
  const notify = async (userId: string, kind: string, subjectId: string): Promise<void> => {
    await app.context.get(DataSource).transaction((tx) => app.context.get(NotificationsService).notify(tx, [userId], { kind, subjectType: 'case', subjectId }));
  };
  const ticketFor = async (token: string): Promise<string> => {
    const response = await app.http!.inject({ method: 'POST', url: '/api/v1/me/events/ticket', headers: bearer(token) });
    expect(response.statusCode).toBe(201);
    return response.json().ticket;
  };
  const notifications = (stream: SseStream) =>
    stream.events.filter((event) => event.event === 'notification') as Array<{ id: string; data: { id: string; kind: string; subjectId: string } }>;

  it('opens with a single-use ticket (never a token in the URL) and streams my notifications only', async () => {
    const me = await newStaff(app, clock, [StaffRole.Caseworker]);
    const other = await newStaff(app, clock, [StaffRole.Caseworker]);
    const ticket = await ticketFor(me.token);
    expect(ticket).toMatch(/^cet_/);
    const stream = await open(`${base}/api/v1/me/events?ticket=${ticket}`);
    expect(stream.status).toBe(200);
    expect(stream.headers['content-type']).toBe('text/event-stream; charset=utf-8');
    expect(stream.headers['cache-control']).toBe('no-store');
    await eventually('the stream to be ready', () => stream.comments.includes('connected'));

    const spent = await open(`${base}/api/v1/me/events?ticket=${ticket}`);
    expect(spent.status).toBe(401);
    expect(spent.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect((await open(`${base}/api/v1/me/events?ticket=cet_${'A'.repeat(43)}`)).status).toBe(401);
    expect((await open(`${base}/api/v1/me/events`)).status).toBe(401);

    await notify(other.id, 'test.other', 'OTHER-1');
    await notify(me.id, 'test.mine', 'MINE-1');
    const [event] = await eventually('my notification', () => notifications(stream).length > 0 && notifications(stream));
    expect(event!.data).toMatchObject({ kind: 'test.mine', subjectId: 'MINE-1', subjectType: 'case' });
    expect(event!.id).toBe(event!.data.id);
    expect(notifications(stream).some((e) => e.data.kind === 'test.other')).toBe(false);
    // The ticket travelled in a URL: the request log shows the path only.
    expect(logs.text).not.toContain(ticket);
    expect(logs.text).toContain('/api/v1/me/events');
  });

  it('resumes after Last-Event-ID from the table, then goes on live, each row once', async () => {
    const me = await newStaff(app, clock, [StaffRole.Coordinator]);
    const first = await open(`${base}/api/v1/me/events`, bearer(me.token));
    await eventually('the stream to be ready', () => first.comments.includes('connected'));
    await notify(me.id, 'test.one', 'R-1');
    const [one] = await eventually('the first event', () => notifications(first).length === 1 && notifications(first));
    first.close();
    clock.advance(1_000);
    await notify(me.id, 'test.two', 'R-2');
    clock.advance(1_000);
    await notify(me.id, 'test.three', 'R-3');

    const resumed = await open(`${base}/api/v1/me/events`, { ...bearer(me.token), 'last-event-id': one!.id });
    await eventually('the missed events', () => notifications(resumed).length === 2);
    clock.advance(1_000);
    await notify(me.id, 'test.four', 'R-4');
    await eventually('the live event', () => notifications(resumed).length === 3);
    expect(notifications(resumed).map((e) => e.data.subjectId)).toEqual(['R-2', 'R-3', 'R-4']);
    // The query form, for a new EventSource that cannot set the header.
    const viaQuery = await open(`${base}/api/v1/me/events?lastEventId=${one!.id}`, bearer(me.token));
    await eventually('the replay', () => notifications(viaQuery).length === 3);
    expect((await open(`${base}/api/v1/me/events?lastEventId=nope`, bearer(me.token))).status).toBe(400);
  });

  it('ends a stream when its session is revoked', async () => {
    const me = await newStaff(app, clock, [StaffRole.Caseworker]);
    const second = await login(app, me.email, me.password, me.nextCode());
    const stream = await open(`${base}/api/v1/me/events`, bearer(second.accessToken));
    await eventually('the stream to be ready', () => stream.comments.includes('connected'));
    const sessions = (await app.http!.inject({ method: 'GET', url: '/api/v1/me/sessions', headers: bearer(me.token) })).json<
      Array<{ id: string; current: boolean }>
    >();
    const target = sessions.find((session) => !session.current)!;
    expect((await app.http!.inject({ method: 'DELETE', url: `/api/v1/me/sessions/${target.id}`, headers: bearer(me.token) })).statusCode).toBe(204);
    await stream.ended;
    expect(stream.events.at(-1)).toEqual({ event: 'end', data: { reason: 'session-ended' } });
  });

  it('ends every stream when the system locks down', async () => {
    const admin = await longLivedStaff(app, clock, [StaffRole.Admin]);
    const me = await newStaff(app, clock, [StaffRole.Caseworker]);
    const stream = await open(`${base}/api/v1/me/events`, bearer(me.token));
    await eventually('the stream to be ready', () => stream.comments.includes('connected'));
    expect((await app.http!.inject({ method: 'POST', url: '/api/v1/admin/lockdown', headers: bearer(admin.token) })).statusCode).toBe(200);
    await stream.ended;
    expect(stream.events.at(-1)).toEqual({ event: 'end', data: { reason: 'lockdown' } });
  });
});

describe('live events across API processes', () => {
  let ctx: TestContext;
  let app: TestApp;
  let buildDir: string | undefined;
  let caseworker: StaffFixture;
  const clock = new FakeClock(new Date());
  const processes = new ProcessGroup(() => buildDir!);
  const streams: SseStream[] = [];

  beforeAll(async () => {
    buildDir = buildForChildren();
    ctx = await TestContext.create();
    app = await ctx.startApp({ clock });
    caseworker = await longLivedStaff(app, clock, [StaffRole.Caseworker]);
  }, 120_000);
  afterAll(async () => {
    for (const stream of streams) stream.close();
    await processes.stopAll();
    await ctx?.close();
    removeBuild(buildDir);
  });

  const start = async (name: string, roles: string): Promise<string> => {
    const port = await freePort();
    const child = processes.spawn(name, ctx.env({ CORRIDOR_ROLES: roles, PORT: String(port), LOG_LEVEL: 'info', OUTBOX_POLL_MS: '50' }));
    if (roles.includes('worker')) await child.waitForOutput('worker consuming jobs', 60_000);
    const url = `http://127.0.0.1:${port}`;
    await waitFor(`${name} to answer`, async () => (await fetch(`${url}/health`).catch(() => null))?.ok, 60_000);
    return url;
  };

  it('a duress check-in submitted through one process reaches a stream opened on the other, and a revoked session closes it there', async () => {
    const [one, two] = await Promise.all([start('api-worker-one', 'api,worker'), start('api-two', 'api')]);
    const { reference } = await newCase(app, caseworker.token, { priority: 'URGENT' });
    const staff = (method: 'PUT' | 'POST', url: string, payload: Record<string, unknown>) =>
      app.http!.inject({ method, url, headers: bearer(caseworker.token), payload });
    expect((await staff('PUT', `/api/v1/cases/${reference}/checkin-pins`, { safetyPin: '48213', duressPin: '90675' })).statusCode).toBe(204);
    const link = (await staff('POST', `/api/v1/cases/${reference}/checkin-links`, {})).json().path as string;

    const ticket = ((await (await fetch(`${two}/api/v1/me/events/ticket`, { method: 'POST', headers: bearer(caseworker.token) })).json()) as { ticket: string })
      .ticket;
    const stream = await openSse(`${two}/api/v1/me/events?ticket=${ticket}`);
    streams.push(stream);
    expect(stream.status).toBe(200);
    await eventually('the stream to be ready', () => stream.comments.includes('connected'));

    const submitted = Date.now();
    const form = await fetch(`${one}${link}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'pin=90675' });
    expect(form.status).toBe(200);
    const raised = await eventually(
      'the DURESS escalation on the other process',
      () => stream.events.find((event) => event.event === 'notification' && (event.data as { kind: string }).kind === 'escalation.raised'),
      2_000,
      10,
    );
    process.stdout.write(`duress check-in → event on the other API process (ms): ${Date.now() - submitted}\n`);
    expect(raised.data).toMatchObject({ subjectType: 'escalation', details: { caseReference: reference, trigger: 'DURESS', level: 3 } });
    // References only: nothing from the case file.
    expect(JSON.stringify(stream.events)).not.toMatch(/person|name|phone/i);

    // The session is ended through the first process; the stream on the second closes.
    expect((await fetch(`${one}/api/v1/auth/logout`, { method: 'POST', headers: bearer(caseworker.token) })).status).toBe(204);
    await stream.ended;
    expect(stream.events.at(-1)).toEqual({ event: 'end', data: { reason: 'session-ended' } });
  }, 180_000);
});
