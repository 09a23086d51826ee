import { locale } from './i18n';

export function money(text: string): string {
  return new Intl.NumberFormat(locale(), { style: 'currency', currency: 'EUR' }).format(
    Number(text),
  );
}

export function count(n: number): string {
  return new Intl.NumberFormat(locale()).format(n);
}

export function percent(p: number): string {
  const sign = p > 0 ? '+' : '';
  return `${sign}${new Intl.NumberFormat(locale(), { maximumFractionDigits: 1, minimumFractionDigits: 1 }).format(p)} %`;
}

// "2024-12-16T10:00" (dashboard zone wall clock) shown as a local date and time.
export function minute(text: string): string {
  const [d, tm] = text.split('T');
  const [y, m, day] = d.split('-').map(Number);
  const [h, mi] = (tm ?? '00:00').split(':').map(Number);
  const date = new Date(Date.UTC(y, m - 1, day, h, mi));
  return new Intl.DateTimeFormat(locale(), {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: 'UTC',
  }).format(date);
}

// A UTC instant shown on the dashboard time zone's clock (as minutes and days are).
export function instant(text: string, timeZone: string): string {
  const options: Intl.DateTimeFormatOptions = { dateStyle: 'medium', timeStyle: 'short' };
  try {
    return new Intl.DateTimeFormat(locale(), { ...options, timeZone }).format(new Date(text));
  } catch {
    return new Intl.DateTimeFormat(locale(), { ...options, timeZone: 'UTC' }).format(new Date(text));
  }
}
