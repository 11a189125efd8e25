/**
 * A deadline field that does what was typed. The picker alone drops a typed "11/12/2026" that
 * does not match its date-and-time format and gives midnight for a picked day; here:
 * - a typed date, with or without a time, in the usual Indonesian ways is taken (Enter or
 *   leaving the field), anything else is refused with a message, never silently dropped;
 * - a date alone (typed, or a day picked) means the END of that office day (the weekday's
 *   closing time in the office calendar), never 00:00.
 */
import { DatePicker, Space, TimePicker, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import customParseFormat from 'dayjs/plugin/customParseFormat';
import { useState, type FocusEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { OfficeHours } from '../../shared/calendar/working-time';
import { api } from '../api/client';
import { useQuery } from '../hooks/use-query';

dayjs.extend(customParseFormat);

const DATE_TIME_FORMATS = ['DD/MM/YYYY HH.mm', 'D/M/YYYY HH.mm', 'DD/MM/YYYY HH:mm', 'D/M/YYYY HH:mm', 'DD-MM-YYYY HH.mm', 'DD-MM-YYYY HH:mm', 'YYYY-MM-DD HH:mm'];
const DATE_FORMATS = ['DD/MM/YYYY', 'D/M/YYYY', 'DD-MM-YYYY', 'D-M-YYYY', 'DD.MM.YYYY', 'YYYY-MM-DD'];

/** The closing time ("HH:MM") of the weekday of `day`, or the latest closing time of the week when that day is closed. */
export function closingTime(hours: OfficeHours | undefined, day: Dayjs): string {
  if (!hours) return '16:00';
  const iso = String(((day.day() + 6) % 7) + 1) as keyof OfficeHours;
  const today = hours[iso];
  const last = today[today.length - 1];
  if (last) return last.end;
  const ends = Object.values(hours).flatMap((d) => d.map((iv) => iv.end));
  return ends.sort().at(-1) ?? '16:00';
}

/** `day` at the office's closing time of that day. */
function atClosing(hours: OfficeHours | undefined, day: Dayjs): Dayjs {
  const [h = '16', m = '0'] = closingTime(hours, day).split(':');
  // 24:00 is the end of the day: the last minute of it.
  return Number(h) >= 24 ? day.hour(23).minute(59).second(0).millisecond(0) : day.hour(Number(h)).minute(Number(m)).second(0).millisecond(0);
}

/** Parses typed text: a date and time, or a date alone (then at closing time); null when not a date. */
export function parseTypedDeadline(text: string, hours: OfficeHours | undefined): Dayjs | null {
  const s = text.trim().replace(/\s+/g, ' ');
  for (const f of DATE_TIME_FORMATS) {
    const d = dayjs(s, f, true);
    if (d.isValid()) return d;
  }
  for (const f of DATE_FORMATS) {
    const d = dayjs(s, f, true);
    if (d.isValid()) return atClosing(hours, d);
  }
  return null;
}

interface Props {
  value?: Dayjs | null;
  onChange?: (v: Dayjs | null) => void;
  /** Told whenever the typed text is (message) or is no longer (null) unreadable. */
  onInvalid?: (message: string | null) => void;
  testId?: string;
  id?: string;
}

/** Date-and-time deadline input for a Form.Item. */
export function DueDateField({ value, onChange, onInvalid, testId, id }: Props) {
  const { t } = useTranslation();
  const calendar = useQuery(() => api['calendar.get']({}), 'calendar');
  const hours = calendar.data?.officeHours;
  const [error, setError] = useState<string | null>(null);

  function report(message: string | null): void {
    setError(message);
    onInvalid?.(message);
  }

  /** A day (picked or typed without a time) becomes the end of that office day. */
  function setDay(d: Dayjs | null): void {
    report(null);
    onChange?.(d ? atClosing(hours, d) : null);
  }

  // The picker keeps typed text it cannot read to itself: read it here, take it or say no.
  function readTyped(e: FocusEvent<HTMLElement> | KeyboardEvent<HTMLElement>): void {
    const input = e.target instanceof HTMLInputElement ? e.target : null;
    if (!input) return;
    const text = input.value.trim();
    if (!text) {
      // Emptied and confirmed with Enter: no special deadline (the SOP standard applies).
      if (error || (value && e.type === 'keydown')) setDay(null);
      return;
    }
    if (value && text === value.format(t('format.datePicker'))) return;
    const parsed = parseTypedDeadline(text, hours);
    if (parsed) {
      report(null);
      onChange?.(parsed);
    } else report(t('ui.date.unreadable', { text }));
  }

  // Date and time apart: antd's combined picker shows 00:00 for a clicked day until confirmed,
  // and drops typed text that lacks the time; a day alone here is always the closing time.
  return (
    <div data-testid={testId}>
      <Space.Compact style={{ width: '100%' }}>
        <DatePicker
          id={id}
          value={value ?? null}
          onChange={setDay}
          format={t('format.datePicker')}
          status={error ? 'error' : undefined}
          style={{ flex: 3 }}
          onBlur={readTyped}
          onKeyDown={(e) => {
            if (e.key === 'Enter') readTyped(e);
          }}
        />
        <TimePicker
          aria-label={t('ui.date.time')}
          value={value ?? null}
          format="HH.mm"
          minuteStep={5}
          needConfirm={false}
          allowClear={false}
          disabled={!value}
          style={{ flex: 2 }}
          onChange={(tm) => {
            if (value && tm) onChange?.(value.hour(tm.hour()).minute(tm.minute()).second(0).millisecond(0));
          }}
        />
      </Space.Compact>
      {error && (
        <Typography.Text type="danger" role="alert" data-testid={testId ? `${testId}-error` : undefined}>
          {error}
        </Typography.Text>
      )}
    </div>
  );
}
