import { Injectable, Logger, type BeforeApplicationShutdown } from '@nestjs/common';
import { staffOf, type RequestContext } from '@common/access/request-context';
import { DomainException, FailureKind } from '@common/errors/domain.exception';
import { PgListener } from '@infra/database/pg-listener';
import { SSE_HEARTBEAT_MS, type SseSink } from '@infra/http/sse';
import { StaffTokenAuthenticator } from '@modules/access/authenticators';
import { NotificationsRepository } from './notifications.repository';
import { toView, type NotificationView } from './notifications.service';

/** Channels the migration's triggers NOTIFY on (payloads are ids only). */
export const NOTIFICATION_CHANNEL = 'corridor_staff_notifications';
export const SESSION_CHANNEL = 'corridor_staff_sessions';
/** Most rows replayed when a stream resumes (the inbox has the rest). */
const RESUME_LIMIT = 200;

export class LiveEventsUnavailableException extends DomainException {
  constructor() {
    super('live-events-unavailable', FailureKind.Unavailable, 'Live events are unavailable right now. Try again shortly.');
  }
}

type EndReason = 'session-ended' | 'lockdown' | 'shutdown';

interface Subscriber {
  userId: string;
  sessionId: string;
  sink: SseSink;
  /** Until the backlog has been sent, live rows wait here (then are sent unless already sent). */
  pending: NotificationView[] | null;
  lastSentId: string | null;
  /** Ids already sent (bounded): a row both in the backlog and signalled live goes out once. */
  sent: Set<string>;
}

const SENT_MEMORY = 1_000;

/**
 * Live events for staff: each new inbox row of a user reaches that user's open streams, in
 * whichever API process they are connected to. The notification row is the source: a trigger
 * NOTIFYs its id at commit, each process LISTENs on one connection and reads the row. Streams
 * resume after `Last-Event-ID` from the table, and close when their session is revoked or the
 * credential epoch moves (lockdown) — signalled the same way, and checked with every heartbeat.
 */
@Injectable()
export class NotificationStreamService implements BeforeApplicationShutdown {
  private readonly logger = new Logger(NotificationStreamService.name);
  private readonly byUser = new Map<string, Set<Subscriber>>();
  private listening: Promise<void> | null = null;
  private heartbeat: NodeJS.Timeout | null = null;

  constructor(
    private readonly repository: NotificationsRepository,
    private readonly listener: PgListener,
    private readonly sessions: StaffTokenAuthenticator,
  ) {}

  /** Before the response is taken over: the LISTEN connection must be there (else 503). */
  async prepare(): Promise<void> {
    try {
      await this.listen();
    } catch {
      throw new LiveEventsUnavailableException();
    }
  }

  /** Starts streaming to `sink`: the backlog after `lastEventId` (if any), then live rows. */
  async open(ctx: RequestContext, lastEventId: string | null, sink: SseSink): Promise<void> {
    const principal = staffOf(ctx);
    const subscriber: Subscriber = {
      userId: principal.userId,
      sessionId: principal.sessionId,
      sink,
      pending: [],
      lastSentId: lastEventId,
      sent: new Set(lastEventId ? [lastEventId] : []),
    };
    this.add(subscriber);
    sink.onClose(() => this.remove(subscriber));
    sink.comment('connected');
    await this.catchUp(subscriber);
    const waiting = subscriber.pending ?? [];
    subscriber.pending = null;
    for (const view of waiting) this.deliver(subscriber, view);
  }

  private async catchUp(subscriber: Subscriber): Promise<void> {
    if (!subscriber.lastSentId) return;
    const rows = await this.repository.after(subscriber.userId, subscriber.lastSentId, RESUME_LIMIT);
    for (const row of rows) this.deliver(subscriber, toView(row));
  }

  private deliver(subscriber: Subscriber, view: NotificationView): void {
    if (subscriber.pending) {
      subscriber.pending.push(view);
      return;
    }
    if (subscriber.sent.has(view.id)) return;
    subscriber.sink.send({ id: view.id, event: 'notification', data: view });
    subscriber.lastSentId = view.id;
    subscriber.sent.add(view.id);
    if (subscriber.sent.size > SENT_MEMORY) subscriber.sent.delete(subscriber.sent.values().next().value as string);
  }

  private listen(): Promise<void> {
    this.listening ??= (async () => {
      await this.listener.listen(
        NOTIFICATION_CHANNEL,
        (payload) => void this.onNotification(payload),
        () => void this.resync(),
      );
      await this.listener.listen(SESSION_CHANNEL, (payload) => void this.onSessionSignal(payload));
    })().catch((error: unknown) => {
      this.listening = null;
      throw error;
    });
    return this.listening;
  }

  private async onNotification(payload: string): Promise<void> {
    const [userId, id] = payload.split(':');
    const subscribers = userId ? this.byUser.get(userId) : undefined;
    if (!subscribers || subscribers.size === 0 || !id) return;
    const row = await this.repository.findById(id);
    if (!row || row.recipientUserId !== userId) return;
    const view = toView(row);
    for (const subscriber of subscribers) this.deliver(subscriber, view);
  }

  private async onSessionSignal(payload: string): Promise<void> {
    if (payload.startsWith('session:')) {
      const sessionId = payload.slice('session:'.length);
      for (const subscriber of this.all()) if (subscriber.sessionId === sessionId) this.end(subscriber, 'session-ended');
    } else if (payload.startsWith('epoch:')) {
      await this.checkAll('lockdown');
    }
  }

  /** After a lost LISTEN connection: whatever was committed meanwhile, from the table. */
  private async resync(): Promise<void> {
    for (const subscriber of this.all()) {
      if (subscriber.pending) continue;
      await this.catchUp(subscriber).catch(() => undefined);
    }
  }

  private async checkAll(reason: EndReason): Promise<void> {
    for (const subscriber of this.all()) {
      const live = await this.sessions.isSessionLive(subscriber.sessionId).catch(() => true);
      if (!live) this.end(subscriber, reason);
    }
  }

  private end(subscriber: Subscriber, reason: EndReason): void {
    subscriber.sink.send({ event: 'end', data: { reason } });
    subscriber.sink.end();
    this.remove(subscriber);
  }

  private add(subscriber: Subscriber): void {
    let set = this.byUser.get(subscriber.userId);
    if (!set) this.byUser.set(subscriber.userId, (set = new Set()));
    set.add(subscriber);
    this.heartbeat ??= setInterval(() => void this.beat(), SSE_HEARTBEAT_MS);
    this.heartbeat.unref();
  }

  private remove(subscriber: Subscriber): void {
    const set = this.byUser.get(subscriber.userId);
    set?.delete(subscriber);
    if (set && set.size === 0) this.byUser.delete(subscriber.userId);
    if (this.byUser.size === 0 && this.heartbeat) {
      clearInterval(this.heartbeat);
      this.heartbeat = null;
    }
  }

  private async beat(): Promise<void> {
    for (const subscriber of this.all()) subscriber.sink.comment('heartbeat');
    // Expiry, deactivation or a signal missed while the LISTEN connection was down.
    await this.checkAll('session-ended').catch((error: unknown) => this.logger.warn({ error: (error as Error).name }, 'stream session check failed'));
  }

  private all(): Subscriber[] {
    return [...this.byUser.values()].flatMap((set) => [...set]);
  }

  /** Open streams would keep the HTTP server from closing: end them first. */
  beforeApplicationShutdown(): void {
    for (const subscriber of this.all()) this.end(subscriber, 'shutdown');
  }

  /** Open streams in this process (for tests and metrics). */
  get openStreams(): number {
    return this.all().length;
  }
}
