import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { Client, type Notification } from 'pg';
import { DatabaseConfig } from '@config/database.config';

export type ChannelHandler = (payload: string) => void;

const RECONNECT_MS = [250, 500, 1_000, 2_000, 5_000];

/**
 * One dedicated PostgreSQL connection per process for LISTEN (pooled connections cannot hold a
 * LISTEN). Connected on the first subscription, so processes that never listen open nothing.
 * After a lost connection it reconnects, LISTENs again and calls each channel's `onResync`, so
 * subscribers can read what they may have missed (NOTIFY is not queued for absent listeners).
 */
@Injectable()
export class PgListener implements OnApplicationShutdown {
  private readonly logger = new Logger(PgListener.name);
  private readonly handlers = new Map<string, Set<ChannelHandler>>();
  private readonly resyncs = new Set<() => void>();
  private client: Client | null = null;
  private connecting: Promise<void> | null = null;
  private attempts = 0;
  private closed = false;

  constructor(@Inject(DatabaseConfig) private readonly config: DatabaseConfig) {}

  /** Subscribes to a channel; resolves once the LISTEN is in place. Returns the unsubscribe. */
  async listen(channel: string, handler: ChannelHandler, onResync?: () => void): Promise<() => void> {
    if (!/^[a-z_]{1,63}$/.test(channel)) throw new Error('channel names are lower-case identifiers');
    let set = this.handlers.get(channel);
    const fresh = !set;
    if (!set) this.handlers.set(channel, (set = new Set()));
    set.add(handler);
    if (onResync) this.resyncs.add(onResync);
    await this.connect();
    if (fresh && this.client) await this.client.query(`LISTEN ${channel}`);
    return () => {
      set.delete(handler);
      if (onResync) this.resyncs.delete(onResync);
    };
  }

  private connect(): Promise<void> {
    if (this.client) return Promise.resolve();
    this.connecting ??= this.open().finally(() => (this.connecting = null));
    return this.connecting;
  }

  private async open(): Promise<void> {
    const client = new Client({ connectionString: this.config.url, application_name: 'corridor:listen' });
    client.on('notification', (message: Notification) => this.dispatch(message));
    client.on('error', () => this.lost(client));
    client.on('end', () => this.lost(client));
    await client.connect();
    for (const channel of this.handlers.keys()) await client.query(`LISTEN ${channel}`);
    this.client = client;
    this.attempts = 0;
  }

  private dispatch(message: Notification): void {
    for (const handler of this.handlers.get(message.channel) ?? []) {
      try {
        handler(message.payload ?? '');
      } catch (error) {
        this.logger.error({ channel: message.channel, error: (error as Error).name }, 'listener handler failed');
      }
    }
  }

  private lost(client: Client): void {
    if (this.client !== client) return;
    this.client = null;
    client.removeAllListeners('end');
    void client.end().catch(() => undefined);
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    if (this.closed) return;
    const delay = RECONNECT_MS[Math.min(this.attempts, RECONNECT_MS.length - 1)] ?? 5_000;
    this.attempts += 1;
    this.logger.warn({ retryInMs: delay }, 'LISTEN connection lost; reconnecting');
    setTimeout(() => {
      if (this.closed) return;
      this.connect()
        .then(() => {
          for (const resync of this.resyncs) resync();
        })
        .catch(() => this.scheduleReconnect());
    }, delay).unref();
  }

  async onApplicationShutdown(): Promise<void> {
    this.closed = true;
    const client = this.client;
    this.client = null;
    if (client) await client.end().catch(() => undefined);
  }
}
