import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedEvent {
  type: string;
  verified: boolean;
  /** The event's `data` (thin: ids, codes, times), for the story to follow what it was told. */
  data: Record<string, unknown>;
  /** The body exactly as delivered, for the test that looks for personal data in it. */
  body: string;
}

/**
 * A partner's webhook endpoint on loopback. It verifies every delivery the way the Standard
 * Webhooks scheme says (`v1,` + base64 HMAC-SHA256 of `id.timestamp.body` under the `whsec_`
 * secret, timestamp within five minutes) and answers 401 to anything that does not verify.
 */
export class WebhookReceiver {
  readonly events: ReceivedEvent[] = [];
  private secret: Buffer | null = null;
  private server: Server | null = null;

  constructor(readonly name: string) {}

  async start(): Promise<string> {
    const server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        const verified = this.verify(request.headers, body);
        let type = 'unknown';
        let data: Record<string, unknown> = {};
        try {
          const parsed = JSON.parse(body) as { type?: unknown; data?: unknown };
          if (typeof parsed.type === 'string') type = parsed.type;
          if (parsed.data !== null && typeof parsed.data === 'object') data = parsed.data as Record<string, unknown>;
        } catch {
          // not JSON: kept as 'unknown', and it cannot have verified either
        }
        this.events.push({ type, verified, data, body });
        response.writeHead(verified ? 204 : 401).end();
      });
    });
    this.server = server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/${this.name}`;
  }

  /** Deliveries by event type, verified ones only (what the partner would act on). */
  countsByType(): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const event of this.events) if (event.verified) counts[event.type] = (counts[event.type] ?? 0) + 1;
    return counts;
  }

  /** The secret the service showed once at registration. */
  useSecret(secret: string): void {
    this.secret = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  }

  verify(headers: Record<string, string | string[] | undefined>, body: string): boolean {
    const id = headers['webhook-id'];
    const timestamp = headers['webhook-timestamp'];
    const signatures = headers['webhook-signature'];
    if (!this.secret || typeof id !== 'string' || typeof timestamp !== 'string' || typeof signatures !== 'string') return false;
    if (!/^\d+$/.test(timestamp) || Math.abs(Date.now() / 1000 - Number(timestamp)) > 300) return false;
    const expected = Buffer.from(createHmac('sha256', this.secret).update(`${id}.${timestamp}.${body}`).digest('base64'));
    return signatures.split(' ').some((candidate) => {
      const [version, signature] = candidate.split(',');
      if (version !== 'v1' || !signature) return false;
      const given = Buffer.from(signature);
      return given.length === expected.length && timingSafeEqual(given, expected);
    });
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
