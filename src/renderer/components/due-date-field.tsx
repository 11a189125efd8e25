/**
 * A deadline field that does what was typed. The picker alone drops a typed "11/12/2026" that
 * does not match its date-and-time format and gives midnight for a picked day; here:
 * - a typed date, with or without a time, in the usual Indonesian ways is taken (Enter or
 *   leaving the field), anything else is refused with a message, never silently dropped;
 * - a date alone (typed, or a day picked) means the END of that office day (the weekday's
 *   closing time in the office calendar), never 00:00.
 */
import { DatePicker, Space, TimePicker, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useRef, useState, type FocusEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { atClosing, parseTypedDeadline } from '../format/deadline';
import { useQuery } from '../hooks/use-query';

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
  const typed = useRef(false);

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
    // Only what the user typed since: leaving the field untouched keeps a time set in the time picker.
    if (!typed.current && value && text === value.format(t('format.datePicker'))) return;
    typed.current = false;
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
            else if (e.key.length === 1 || e.key === 'Backspace' || e.key === 'Delete') typed.current = true;
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
