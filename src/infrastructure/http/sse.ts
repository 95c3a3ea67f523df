import type { FastifyReply, FastifyRequest } from 'fastify';

/** How often an open stream gets a comment line, so proxies and browsers keep it open. */
export const SSE_HEARTBEAT_MS = 15_000;
/** What a browser waits before reconnecting a dropped stream. */
const RETRY_MS = 3_000;

/**
 * One Server-Sent Events response. The reply is hijacked (Fastify stops managing it): headers
 * Fastify had set (helmet's, the request id) are copied, and nothing else is ever written to it
 * but events and comments.
 */
export class SseSink {
  private ended = false;
  private readonly closeListeners = new Set<() => void>();

  private constructor(private readonly raw: FastifyReply['raw']) {
    raw.on('close', () => this.finish());
  }

  static open(request: FastifyRequest, reply: FastifyReply): SseSink {
    reply.hijack();
    const inherited = Object.fromEntries(Object.entries(reply.getHeaders()).filter(([, value]) => value !== undefined)) as Record<
      string,
      string | number | string[]
    >;
    reply.raw.writeHead(200, {
      ...inherited,
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      'x-accel-buffering': 'no',
      'x-request-id': String(request.id),
      connection: 'keep-alive',
    });
    reply.raw.write(`retry: ${RETRY_MS}\n\n`);
    return new SseSink(reply.raw);
  }

  get closed(): boolean {
    return this.ended;
  }

  /** One event; `data` is serialised as one JSON line (ids and codes only). */
  send(event: { id?: string; event: string; data: unknown }): void {
    if (this.ended) return;
    const id = event.id && /^[A-Za-z0-9_.:-]{1,100}$/.test(event.id) ? `id: ${event.id}\n` : '';
    this.raw.write(`${id}event: ${event.event}\ndata: ${JSON.stringify(event.data)}\n\n`);
  }

  comment(text: string): void {
    if (!this.ended) this.raw.write(`: ${text.replace(/[\r\n]/g, ' ')}\n\n`);
  }

  onClose(listener: () => void): void {
    if (this.ended) listener();
    else this.closeListeners.add(listener);
  }

  end(): void {
    if (this.ended) return;
    this.raw.end();
    this.finish();
  }

  private finish(): void {
    if (this.ended && this.closeListeners.size === 0) return;
    this.ended = true;
    const listeners = [...this.closeListeners];
    this.closeListeners.clear();
    for (const listener of listeners) listener();
  }
}
