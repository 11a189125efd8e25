/**
 * Numbers the way the office reads them: Indonesian decimal commas and thousands points
 * ("93,1%", "5,1 hari", "1.234"), English style in English. Every figure on screen goes
 * through here, so a screen never mixes "83.3%" with "5,1 hari".
 */
import i18next, { type TFunction } from 'i18next';

/** The UI language's number locale (components re-render on a language change through useTranslation). */
function locale(): string {
  return i18next.language === 'en' ? 'en-US' : 'id-ID';
}

/** A count or measure with at most `digits` decimals: "1.234", "5,1". */
export function formatNumber(x: number, digits = 1): string {
  return new Intl.NumberFormat(locale(), { maximumFractionDigits: digits }).format(x);
}

/** A fraction (0..1) as a percent with one decimal: 0.931 -> "93,1%". */
export function formatPercent(fraction: number | null, t: TFunction): string {
  if (fraction === null) return t('common.dash');
  return new Intl.NumberFormat(locale(), { style: 'percent', maximumFractionDigits: 1 }).format(fraction);
}

/** An SOP time standard in its own unit: "5 hari kerja", "60 menit" (never converted). */
export function formatStandard(std: { days?: number; minutes?: number }, t: TFunction): string {
  const parts: string[] = [];
  if (std.days) parts.push(t('ui.workDays', { count: std.days }));
  if (std.minutes) parts.push(t('span.minutes', { count: std.minutes }));
  return parts.join(' ');
}
