import { request } from 'node:http';

export interface SseEvent {
  id?: string;
  event: string;
  data: unknown;
}

export interface SseStream {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** Events received so far (parsed as they arrive). */
  readonly events: SseEvent[];
  readonly comments: string[];
  /** The body of an answer that is not a stream (problem+json). */
  body(): string;
  /** Resolves when the server ends the stream. */
  readonly ended: Promise<void>;
  close(): void;
}

/** A minimal EventSource for tests: GET with headers, events parsed as they arrive. */
export function openSse(url: string, headers: Record<string, string> = {}): Promise<SseStream> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'GET', headers: { accept: 'text/event-stream', ...headers } }, (res) => {
      const events: SseEvent[] = [];
      const comments: string[] = [];
      let buffer = '';
      let raw = '';
      res.setEncoding('utf8');
      const ended = new Promise<void>((done) => {
        res.on('end', done);
        res.on('close', done);
        res.on('error', () => done());
      });
      res.on('data', (chunk: string) => {
        raw += chunk;
        buffer += chunk;
        let split: number;
        while ((split = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, split);
          buffer = buffer.slice(split + 2);
          const event: { id?: string; event: string; data?: string } = { event: 'message' };
          for (const line of block.split('\n')) {
            if (line.startsWith(':')) comments.push(line.slice(1).trim());
            else if (line.startsWith('id: ')) event.id = line.slice(4);
            else if (line.startsWith('event: ')) event.event = line.slice(7);
            else if (line.startsWith('data: ')) event.data = line.slice(6);
          }
          if (event.data !== undefined) events.push({ id: event.id, event: event.event, data: JSON.parse(event.data) as unknown });
        }
      });
      resolve({ status: res.statusCode ?? 0, headers: res.headers, events, comments, body: () => raw, ended, close: () => req.destroy() });
    });
    req.on('error', reject);
    req.end();
  });
}
