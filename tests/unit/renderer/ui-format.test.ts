/**
 * Numbers and deadlines as the office reads and types them (issue 16): decimal commas and
 * percent in Indonesian, SOP standards in their own unit, typed deadlines parsed or refused,
 * a date alone at the end of that office day.
 */
import i18next from 'i18next';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import dayjs from 'dayjs';
import hours from '../../../resources/calendar/office-hours-default.json';
import type { OfficeHours } from '../../../src/shared/calendar/working-time';
import { closingTime, parseTypedDeadline } from '../../../src/renderer/format/deadline';
import { formatNumber, formatPercent, formatStandard } from '../../../src/renderer/format/numbers';
import id from '../../../src/renderer/i18n/id.json';
import en from '../../../src/renderer/i18n/en.json';

const HOURS = hours.officeHours as OfficeHours;

describe('numbers', () => {
  beforeAll(async () => {
    await i18next.init({ resources: { id: { translation: id }, en: { translation: en } }, lng: 'id', interpolation: { escapeValue: false } });
  });
  afterAll(async () => {
    await i18next.changeLanguage('id');
  });

  it('writes decimals and percentages with a comma in Indonesian, a point in English', async () => {
    expect(formatPercent(0.931, i18next.t)).toBe('93,1%');
    expect(formatPercent(0.8, i18next.t)).toBe('80%');
    expect(formatPercent(null, i18next.t)).toBe(i18next.t('common.dash'));
    expect(formatNumber(5.14)).toBe('5,1');
    expect(formatNumber(1234)).toBe('1.234');
    await i18next.changeLanguage('en');
    expect(formatPercent(0.931, i18next.t)).toBe('93.1%');
    expect(formatNumber(1234.56)).toBe('1,234.6');
  });

  it('states an SOP standard in its own unit, never converted', async () => {
    await i18next.changeLanguage('id');
    expect(formatStandard({ minutes: 60 }, i18next.t)).toBe('60 menit');
    expect(formatStandard({ days: 5 }, i18next.t)).toBe('5 hari kerja');
    expect(formatStandard({ days: 1, minutes: 30 }, i18next.t)).toBe('1 hari kerja 30 menit');
  });
});

describe('typed deadlines', () => {
  const fmt = (d: dayjs.Dayjs | null) => (d ? d.format('YYYY-MM-DD HH:mm') : null);

  it('a date alone is the end of that office day (Friday closes later), with or without leading zeros', () => {
    expect(fmt(parseTypedDeadline('11/12/2026', HOURS))).toBe('2026-12-11 16:30');
    expect(fmt(parseTypedDeadline('14/12/2026', HOURS))).toBe('2026-12-14 16:00');
    expect(fmt(parseTypedDeadline('7-1-2027', HOURS))).toBe('2027-01-07 16:00');
    expect(fmt(parseTypedDeadline(' 2026-12-14 ', HOURS))).toBe('2026-12-14 16:00');
    // A closed day (Saturday) takes the latest closing time of the week.
    expect(closingTime(HOURS, dayjs('2026-12-12'))).toBe('16:30');
  });

  it('a date with a time is taken as typed; anything else is refused (null), not guessed', () => {
    expect(fmt(parseTypedDeadline('11/12/2026 10.00', HOURS))).toBe('2026-12-11 10:00');
    expect(fmt(parseTypedDeadline('11/12/2026 09:45', HOURS))).toBe('2026-12-11 09:45');
    for (const bad of ['31/13/2026', '32/12/2026', 'besok', '11/12', '2026', '11/12/2026 25.00']) expect(parseTypedDeadline(bad, HOURS)).toBeNull();
  });
});
