import type { TFunction } from 'i18next';
import { ApiProblem, NetworkProblem, pointerToPath } from '../api/problem';

/** Problem codes the catalogue words itself; others show the server's own detail. */
const KNOWN = new Set([
  'invalid-credentials',
  'invalid-enrolment-token',
  'enrolment-not-started',
  'invalid-totp-code',
  'weak-password',
  'validation-failed',
  'rate-limited',
  'not-found',
  'forbidden',
  'unauthenticated',
]);

/** Where a problem belongs when its answer names no pointer (one field is plainly meant). */
const FIELD_OF: Record<string, string> = {
  'weak-password': 'password',
  'invalid-totp-code': 'code',
};

/** A sentence for any error a request can end in, in the user's language. */
export function problemMessage(t: TFunction, error: unknown): string {
  if (error instanceof NetworkProblem) return t('problem.network');
  if (!(error instanceof ApiProblem)) return t('problem.unexpected');
  if (error.status === 429) {
    const minutes = Math.max(1, Math.ceil((error.retryAfterSeconds ?? 60) / 60));
    return t('problem.rate-limited', { minutes });
  }
  if (KNOWN.has(error.code)) return t(`problem.${error.code}`);
  return error.detail ?? error.title;
}

export interface PlacedProblem {
  /** Messages by form field path (`person.givenName`). */
  fields: Record<string, string>;
  /** What belongs to no field of this form. */
  general: string | null;
}

/** Places each field error next to the field its pointer names; the rest is said above the form. */
export function placeProblem(t: TFunction, error: unknown, fieldNames: readonly string[]): PlacedProblem {
  const fields: Record<string, string> = {};
  if (error instanceof ApiProblem) {
    for (const field of error.fields) {
      const path = pointerToPath(field.pointer);
      if (fieldNames.includes(path)) fields[path] = fields[path] ? `${fields[path]} ${field.detail}` : field.detail;
    }
    const implied = FIELD_OF[error.code];
    if (implied && fieldNames.includes(implied) && !fields[implied]) fields[implied] = problemMessage(t, error);
  }
  const placed = Object.keys(fields).length > 0;
  return { fields, general: placed ? null : problemMessage(t, error) };
}
