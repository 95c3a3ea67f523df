/**
 * RFC 9457 problem documents as the console reads them. The shape is read defensively at run
 * time (an answer is data from the network), and each field error is keyed by its JSON Pointer.
 */
export interface FieldProblem {
  pointer: string;
  detail: string;
}

/** A rule a 409 says is still unmet (`unmet` of a refused stage move, or the one `guard`). */
export interface UnmetGuard {
  guard: string;
  description: string;
  detail: string | undefined;
}

export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    readonly title: string,
    readonly detail: string | undefined,
    readonly fields: FieldProblem[],
    /** Seconds to wait (429), from Retry-After. */
    readonly retryAfterSeconds: number | undefined,
    /** What still stands in the way (409). */
    readonly unmet: UnmetGuard[] = [],
  ) {
    super(detail ?? title);
    this.name = 'ApiProblem';
  }

  /** The stable part of `type` (`urn:corridor:problem:<code>`). */
  get code(): string {
    return this.type.split(':').pop() ?? this.type;
  }
}

/** The network failed before any answer came. */
export class NetworkProblem extends Error {
  constructor() {
    super('network');
    this.name = 'NetworkProblem';
  }
}

const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

function fieldProblems(body: Record<string, unknown>): FieldProblem[] {
  const list = Array.isArray(body.errors) ? body.errors : [];
  const fields: FieldProblem[] = [];
  for (const entry of list) {
    if (!entry || typeof entry !== 'object') continue;
    const pointer = text((entry as Record<string, unknown>).pointer);
    const detail = text((entry as Record<string, unknown>).detail);
    if (pointer !== undefined && detail !== undefined) fields.push({ pointer, detail });
  }
  const pointer = text(body.pointer);
  if (pointer !== undefined) fields.push({ pointer, detail: text(body.detail) ?? text(body.title) ?? '' });
  return fields;
}

function unmetGuards(body: Record<string, unknown>): UnmetGuard[] {
  const list = Array.isArray(body.unmet) ? body.unmet : [];
  const guards: UnmetGuard[] = [];
  for (const entry of list) {
    if (!entry || typeof entry !== 'object') continue;
    const item = entry as Record<string, unknown>;
    const guard = text(item.guard);
    if (guard !== undefined) guards.push({ guard, description: text(item.description) ?? guard, detail: text(item.detail) });
  }
  const single = text(body.guard);
  if (guards.length === 0 && single !== undefined) guards.push({ guard: single, description: text(body.detail) ?? single, detail: undefined });
  return guards;
}

/** Retry-After as an HTTP date: the seconds from now (never negative), or undefined. */
function retryDate(value: string): number | undefined {
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - Date.now()) / 1000));
}

export function toProblem(status: number, body: unknown, retryAfter: string | null): ApiProblem {
  const record = body && typeof body === 'object' ? (body as Record<string, unknown>) : {};
  const retry = retryAfter === null ? undefined : /^\d+$/.test(retryAfter) ? Number(retryAfter) : retryDate(retryAfter);
  return new ApiProblem(
    status,
    text(record.type) ?? `urn:corridor:problem:http-${status}`,
    text(record.title) ?? '',
    text(record.detail),
    fieldProblems(record),
    retry,
    unmetGuards(record),
  );
}

/** `/person/givenName` → `person.givenName` (the form's field path). */
export function pointerToPath(pointer: string): string {
  return pointer
    .replace(/^\//, '')
    .split('/')
    .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'))
    .join('.');
}
