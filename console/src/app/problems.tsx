/**
 * One way to show what went wrong, for every page of the console (consb, consc: use these, not
 * your own Alerts).
 *
 * - A query or an action failed: `<ProblemAlert error={query.error} onRetry={() => void query.refetch()} />`.
 *   It words each state: network lost (with "Try again"), 401 (rarely seen: the request waits
 *   for ReauthModal and is retried), 403, 404, 409 with the unmet guards listed, 429 with a
 *   live countdown of Retry-After, and anything else with the server's own detail. Renders
 *   nothing for a null error.
 * - A form: `const problems = useFormProblems(form, ['person.givenName', 'contact.channels.0.value'])`
 *   then in the submit handler `catch (error) { problems.show(error) }` and
 *   `<ProblemAlert error={problems.general} />` above the fields. Each field error of a
 *   problem+json answer goes next to the field its JSON Pointer names (`/person/givenName` →
 *   `person.givenName`, Mantine's form path); whatever names no field of the form is said above
 *   it. Call `problems.clear()` before submitting again.
 * - Session ended (401): nothing to do. `api` (console/src/api/client.ts) holds the request,
 *   refreshes silently or asks for the password in a dialog over the page, then sends it again,
 *   so a half-filled form keeps its state in memory.
 * - Network loss in general: the shell shows a banner while requests fail for want of a network.
 */
import { Alert, Button, List, Stack, Text } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import type { TFunction } from 'i18next';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiProblem, NetworkProblem } from '@console/api/problem';
import { placeProblem, problemMessage } from './problem-messages';

/** Which state an error is, for a title and a test id. */
export type ProblemKind = 'network' | 'session' | 'forbidden' | 'not-found' | 'conflict' | 'rate-limited' | 'invalid' | 'other';

export function problemKind(error: unknown): ProblemKind {
  if (error instanceof NetworkProblem) return 'network';
  if (!(error instanceof ApiProblem)) return 'other';
  if (error.status === 401) return 'session';
  if (error.status === 403) return 'forbidden';
  if (error.status === 404) return 'not-found';
  if (error.status === 409) return 'conflict';
  if (error.status === 429) return 'rate-limited';
  if (error.status === 400 || error.status === 422) return 'invalid';
  return 'other';
}

const TITLES: Record<ProblemKind, string> = {
  network: 'errors.networkTitle',
  session: 'errors.sessionTitle',
  forbidden: 'errors.forbiddenTitle',
  'not-found': 'errors.notFoundTitle',
  conflict: 'errors.conflictTitle',
  'rate-limited': 'errors.rateLimitedTitle',
  invalid: 'errors.invalidTitle',
  other: 'errors.otherTitle',
};

/** Seconds left of a 429's Retry-After, counting down; 0 once the user may try again. */
function useCountdown(error: unknown): number {
  const seconds = error instanceof ApiProblem && error.status === 429 ? (error.retryAfterSeconds ?? 60) : 0;
  const [left, setLeft] = useState(seconds);
  useEffect(() => {
    setLeft(seconds);
    if (seconds <= 0) return;
    const started = Date.now();
    const timer = setInterval(() => {
      const remaining = Math.max(0, seconds - Math.floor((Date.now() - started) / 1000));
      setLeft(remaining);
      if (remaining === 0) clearInterval(timer);
    }, 1000);
    return () => clearInterval(timer);
  }, [error, seconds]);
  return left;
}

function body(t: TFunction, error: unknown, kind: ProblemKind, secondsLeft: number): string {
  if (kind === 'rate-limited') return secondsLeft > 0 ? t('errors.rateLimited', { count: secondsLeft }) : t('errors.rateLimitedOver');
  if (kind === 'network') return t('problem.network');
  if (kind === 'forbidden') return t('errors.forbidden');
  if (kind === 'not-found') return t('errors.notFound');
  if (kind === 'session') return t('problem.unauthenticated');
  return problemMessage(t, error);
}

/** Any failed request as a clear state, in the user's language; nothing for null. */
export function ProblemAlert({ error, onRetry, mb = 'md' }: { error: unknown; onRetry?: () => void; mb?: string }) {
  const { t } = useTranslation();
  const kind = problemKind(error);
  const secondsLeft = useCountdown(error);
  if (error === null || error === undefined) return null;
  const unmet = kind === 'conflict' && error instanceof ApiProblem ? error.unmet : [];
  const retryable = onRetry && (kind === 'network' || kind === 'other' || (kind === 'rate-limited' && secondsLeft === 0));
  return (
    <Alert color={kind === 'rate-limited' || kind === 'network' ? 'orange' : 'red'} role="alert" title={t(TITLES[kind])} mb={mb} data-problem={kind}>
      <Stack gap="xs">
        <Text size="sm">{body(t, error, kind, secondsLeft)}</Text>
        {unmet.length > 0 && (
          <>
            <Text size="sm" fw={600}>
              {t('errors.unmetGuards')}
            </Text>
            <List size="sm" withPadding>
              {unmet.map((guard) => (
                <List.Item key={guard.guard}>{guard.detail ? `${guard.description}: ${guard.detail}` : guard.description}</List.Item>
              ))}
            </List>
          </>
        )}
        {retryable && (
          <div>
            <Button size="xs" variant="default" onClick={onRetry}>
              {t('errors.retry')}
            </Button>
          </div>
        )}
      </Stack>
    </Alert>
  );
}

export interface FormProblems {
  /** The error to show above the form (its field errors are on the fields), or null. */
  general: unknown;
  show: (error: unknown) => void;
  clear: () => void;
}

/** Places a failed submit's field errors on the form's fields by JSON Pointer; the rest goes to `general`. */
export function useFormProblems<Values extends Record<string, unknown>>(form: UseFormReturnType<Values>, fieldNames: readonly string[]): FormProblems {
  const { t } = useTranslation();
  const [general, setGeneral] = useState<unknown>(null);
  const show = useCallback(
    (error: unknown) => {
      const placed = placeProblem(t, error, fieldNames);
      form.setErrors(placed.fields);
      setGeneral(placed.general === null ? null : error);
    },
    // The form object is stable for the component's life; the field list is a constant.
    [t, form, fieldNames],
  );
  const clear = useCallback(() => setGeneral(null), []);
  return { general, show, clear };
}
