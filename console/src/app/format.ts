import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * Dates, times, numbers and durations in the user's language (Intl with the console's current
 * language: `ru` gives "7 дек. 2026 г., 09:12" and "1 234", `en` "7 Dec 2026, 09:12" and "1,234").
 * Use it for every date or number a page shows.
 */
export interface Formatters {
  dateTime: (iso: string) => string;
  date: (iso: string) => string;
  number: (value: number) => string;
  /** "in 14 min" / "через 14 мин." (negative: "14 min ago"). */
  relative: (seconds: number) => string;
  /** A countdown as "1 h 05 min" / "1 ч 05 мин" (never negative). */
  duration: (seconds: number) => string;
}

export function formatters(language: string): Formatters {
  const dateTime = new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' });
  const date = new Intl.DateTimeFormat(language, { dateStyle: 'medium' });
  const number = new Intl.NumberFormat(language);
  const relative = new Intl.RelativeTimeFormat(language, { numeric: 'auto', style: 'short' });
  const hours = new Intl.NumberFormat(language, { style: 'unit', unit: 'hour', unitDisplay: 'short' });
  const minutes = new Intl.NumberFormat(language, { style: 'unit', unit: 'minute', unitDisplay: 'short' });
  const seconds = new Intl.NumberFormat(language, { style: 'unit', unit: 'second', unitDisplay: 'short' });
  return {
    dateTime: (iso) => dateTime.format(new Date(iso)),
    date: (iso) => date.format(new Date(iso)),
    number: (value) => number.format(value),
    relative: (value) => {
      const abs = Math.abs(value);
      if (abs < 60) return relative.format(Math.round(value), 'second');
      if (abs < 3600) return relative.format(Math.round(value / 60), 'minute');
      if (abs < 86_400) return relative.format(Math.round(value / 3600), 'hour');
      return relative.format(Math.round(value / 86_400), 'day');
    },
    duration: (value) => {
      const total = Math.max(0, Math.floor(value));
      const h = Math.floor(total / 3600);
      const m = Math.floor((total % 3600) / 60);
      if (h > 0) return `${hours.format(h)} ${minutes.format(m)}`;
      if (m > 0) return minutes.format(m);
      return seconds.format(total % 60);
    },
  };
}

export function useFormat(): Formatters {
  const { i18n } = useTranslation();
  return useMemo(() => formatters(i18n.language), [i18n.language]);
}
