import { personalFieldsOf } from './personal-data.decorator';

export const REDACTED = '[REDACTED]';
const MAX_DEPTH = 6;

/** Returns a copy of a log object with every @PersonalData field replaced. */
export function redactPersonal(value: unknown, depth = 0): unknown {
  if (value === null || typeof value !== 'object' || depth > MAX_DEPTH) return value;
  if (value instanceof Date || value instanceof Error) return value;
  if (Array.isArray(value)) return value.map((item) => redactPersonal(item, depth + 1));
  const personal = new Set(personalFieldsOf(value));
  const copy: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) {
    copy[key] = personal.has(key) ? REDACTED : redactPersonal(field, depth + 1);
  }
  return copy;
}

/** What the request log says for a path no route matched. */
export const UNMATCHED_PATH = '(unmatched)';

/**
 * The path as logged: the template of the route that served the request (`/c/:token`,
 * `/api/v1/cases/:reference`), never the path the client sent. Secrets travel in some paths
 * (check-in link tokens) and a client can spell a path many ways (`/%63/<token>`, `//c/<token>`,
 * `/C/<token>`), so the raw path is never logged — and a path no route matched is logged as
 * `(unmatched)`, whatever it contained.
 */
export function loggablePath(routeTemplate: string | undefined): string {
  return routeTemplate && routeTemplate.length > 0 ? routeTemplate : UNMATCHED_PATH;
}
