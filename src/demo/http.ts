import { randomUUID } from 'node:crypto';

/** An answer the story did not expect. Carries the problem's type and detail, never a body with data. */
export class DemoHttpError extends Error {
  constructor(
    readonly method: string,
    readonly path: string,
    readonly status: number,
    readonly problemType: string | null,
    detail: string | null,
  ) {
    super(`${method} ${redactPath(path)} answered ${status}${problemType ? ` ${problemType}` : ''}${detail ? `: ${detail}` : ''}`);
  }
}

/** One-time tokens in paths (`/c/<token>`) are not repeated in messages. */
function redactPath(path: string): string {
  return path.replace(/^\/c\/[^/?]+/, '/c/<token>');
}

export type Credential = { kind: 'staff'; token: string } | { kind: 'partner'; apiKey: string } | { kind: 'none' };

export interface RequestOptions {
  body?: unknown;
  /** Partner writes carry one; the same key on a retry replays the first answer. */
  idempotencyKey?: string;
  /** Statuses that are part of the story rather than a failure of it. */
  accept?: number[];
}

export interface Answer<T> {
  status: number;
  body: T;
}

/** The demo's only way into the service: HTTP on loopback, like any other client. */
export class DemoHttp {
  constructor(readonly base: string) {}

  async request<T>(credential: Credential, method: string, path: string, options: RequestOptions = {}): Promise<Answer<T>> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (credential.kind === 'staff') headers.authorization = `Bearer ${credential.token}`;
    if (credential.kind === 'partner') headers.authorization = `Bearer ${credential.apiKey}`;
    if (options.idempotencyKey) headers['idempotency-key'] = options.idempotencyKey;
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(`${this.base}${path}`, {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: AbortSignal.timeout(30_000),
    });
    const text = await response.text();
    const body = text && (response.headers.get('content-type') ?? '').includes('json') ? (JSON.parse(text) as unknown) : text;
    if (response.ok || options.accept?.includes(response.status)) return { status: response.status, body: body as T };
    const problem = typeof body === 'object' && body !== null ? (body as { type?: unknown; detail?: unknown; errors?: unknown }) : {};
    const detail = [
      typeof problem.detail === 'string' ? problem.detail : null,
      Array.isArray(problem.errors) ? JSON.stringify(problem.errors).slice(0, 400) : null,
    ]
      .filter(Boolean)
      .join(' ');
    throw new DemoHttpError(method, path, response.status, typeof problem.type === 'string' ? problem.type : null, detail || null);
  }

  /** Any answer but a 2xx fails the step, and with it the demo. */
  async send<T>(credential: Credential, method: string, path: string, options: RequestOptions = {}): Promise<T> {
    return (await this.request<T>(credential, method, path, options)).body;
  }

  async call<T>(credential: Credential, method: string, path: string, body?: unknown): Promise<T> {
    return (await this.request<T>(credential, method, path, body === undefined ? {} : { body })).body;
  }

  /** The one-time check-in page, as a phone's browser would submit it. */
  async submitCheckinPage(path: string, pin: string): Promise<number> {
    const response = await fetch(`${this.base}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ pin }).toString(),
      signal: AbortSignal.timeout(30_000),
    });
    await response.text();
    return response.status;
  }
}

export const newIdempotencyKey = (): string => randomUUID();
