import { Alert, Badge } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { placeProblem } from '@console/app/problem-messages';

/**
 * Small shared pieces of the case page's work tabs: problem placement (each field's error next to
 * the field its pointer names, the rest above the form for the tabs' plain-state forms) and
 * locale-aware dates.
 */
export function useFormProblem(error: unknown, fieldNames: readonly string[]): { field: (name: string) => string | undefined; general: string | null } {
  const { t } = useTranslation();
  if (!error) return { field: () => undefined, general: null };
  const placed = placeProblem(t, error, fieldNames);
  return { field: (name) => placed.fields[name], general: placed.general };
}

/**
 * What a form's failure says beyond its fields (`useFormProblem(...).general`), announced. A
 * failed read or action with no form shows the console's one `ProblemAlert` (app/problems.tsx).
 */
export function GeneralProblem({ message }: { message: string | null }) {
  if (!message) return null;
  return (
    <Alert color="red" role="alert" my="sm">
      {message}
    </Alert>
  );
}

/** Formatters in the user's language (dates in UTC for calendar days the API gives as YYYY-MM-DD). */
export function useFormats() {
  const { i18n } = useTranslation();
  const language = i18n.language;
  const dateTime = new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' });
  const day = new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeZone: 'UTC' });
  const number = new Intl.NumberFormat(language);
  return {
    dateTime: (value: string | null | undefined) => (value ? dateTime.format(new Date(value)) : '—'),
    day: (value: string | null | undefined) => (value ? day.format(new Date(value.length === 10 ? `${value}T00:00:00Z` : value)) : '—'),
    number: (value: number) => number.format(value),
    money: (amountMinor: number, currency: string) => {
      try {
        const format = new Intl.NumberFormat(language, { style: 'currency', currency });
        const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
        return format.format(amountMinor / 10 ** digits);
      } catch {
        return `${number.format(amountMinor / 100)} ${currency}`;
      }
    },
    /** "3 hours ago", "in 2 days": the largest whole unit. */
    relative: (value: string) => {
      const seconds = Math.round((new Date(value).getTime() - Date.now()) / 1000);
      const format = new Intl.RelativeTimeFormat(language, { numeric: 'auto' });
      const units: Array<[Intl.RelativeTimeFormatUnit, number]> = [
        ['day', 86_400],
        ['hour', 3_600],
        ['minute', 60],
      ];
      for (const [unit, size] of units) if (Math.abs(seconds) >= size) return format.format(Math.trunc(seconds / size), unit);
      return format.format(seconds, 'second');
    },
  };
}

/** Today's calendar day (UTC) as the API's YYYY-MM-DD. */
export const todayIso = (): string => new Date().toISOString().slice(0, 10);

/** A code the catalogue does not word (a configured value), readable: `LEG_PLANNED` → "Leg planned". */
export const humanize = (code: string): string => {
  const words = code.replace(/[._]/g, ' ').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
};

export type Tone = 'ok' | 'warn' | 'danger' | 'info' | 'neutral';

/** A state badge whose colours meet WCAG AA at badge size (Mantine's light greens and oranges fall short). */
export function StatusBadge({ tone, children }: { tone: Tone; children: ReactNode }) {
  return (
    <Badge variant="light" color="gray" className={`tab-badge tab-badge-${tone}`}>
      {children}
    </Badge>
  );
}
