/**
 * Known answers for addWorkingTime & co on the default pemda calendar:
 * Mon–Thu 07:30–12:00 + 13:00–16:00 (450 min), Fri 07:30–11:30 + 13:00–16:30 (450 min),
 * Sat/Sun closed, holidays from resources/calendar/holidays-id.json.
 * October 2025 has no holiday: Mon 6, Tue 7, Wed 8, Thu 9, Fri 10, Sat 11, Sun 12, Mon 13.
 */
import { describe, expect, it } from 'vitest';
import {
  addWorkingTime,
  isWorkingDay,
  localDate,
  nextOfficeInstant,
  nextWorkingDay,
  utcOffsetMinutes,
  workingMinutesBetween,
} from '../../../src/shared/calendar/working-time';
import { WIB, at, defaultCalendar, show } from './fixtures';

const add = (from: string, duration: { days?: number; minutes?: number }) => show(addWorkingTime(WIB, at(from), duration));

describe('crossing a weekend', () => {
  it('minutes: Fri 15:00 + 180 min → 90 on Friday (to 16:30), 90 on Monday from 07:30 → Mon 09:00', () => {
    expect(add('2025-10-10 15:00', { minutes: 180 })).toBe('2025-10-13 09:00');
  });
  it('days: Thu 10:00 + 2 days → Fri (1), Mon (2) → Mon 10:00', () => {
    expect(add('2025-10-09 10:00', { days: 2 })).toBe('2025-10-13 10:00');
  });
  it('days: Fri 10:00 + 5 days → Mon 13, Tue 14, Wed 15, Thu 16, Fri 17 → Fri 17 10:00', () => {
    expect(add('2025-10-10 10:00', { days: 5 })).toBe('2025-10-17 10:00');
  });
  it('a whole week holds 5 × 450 = 2250 office minutes', () => {
    expect(workingMinutesBetween(WIB, at('2025-10-06 00:00'), at('2025-10-13 00:00'))).toBe(2250);
  });
});

describe('crossing Idul Fitri and cuti bersama', () => {
  // 2026: Wed 18 cuti Nyepi, Thu 19 Nyepi, Fri 20 cuti, Sat 21–Sun 22 Idul Fitri, Mon 23–Tue 24 cuti.
  it('2026: Tue 17 Mar 10:00 + 3 days → Wed 25 (1), Thu 26 (2), Fri 27 (3) → 10:00', () => {
    expect(add('2026-03-17 10:00', { days: 3 })).toBe('2026-03-27 10:00');
  });
  it('2026: Tue 17 Mar 15:00 + 120 min → 60 to 16:00, then Wed 25 07:30 + 60 → 08:30', () => {
    expect(add('2026-03-17 15:00', { minutes: 120 })).toBe('2026-03-25 08:30');
  });
  it('2026: no office minute between Tue 17 16:00 and Wed 25 07:30', () => {
    expect(workingMinutesBetween(WIB, at('2026-03-17 16:00'), at('2026-03-25 07:30'))).toBe(0);
  });
  it('2026: two weeks 16–29 Mar hold only Mon 16, Tue 17, Wed 25, Thu 26, Fri 27 = 5 × 450', () => {
    expect(workingMinutesBetween(WIB, at('2026-03-16 00:00'), at('2026-03-30 00:00'))).toBe(2250);
  });
  // 2025: Fri 28 Mar cuti Nyepi, Sat 29 Nyepi, Mon 31–Tue 1 Apr Idul Fitri, Wed 2–Fri 4 + Mon 7 cuti.
  it('2025: Thu 27 Mar 14:00 + 1 day → first working day is Tue 8 Apr → 14:00', () => {
    expect(add('2025-03-27 14:00', { days: 1 })).toBe('2025-04-08 14:00');
  });
  it('2025: Thu 27 Mar 15:00 + 90 min → 60 on Thursday, 30 on Tue 8 Apr → 08:00', () => {
    expect(add('2025-03-27 15:00', { minutes: 90 })).toBe('2025-04-08 08:00');
  });
  it('2025 revision: Mon 18 Aug is cuti bersama (HUT RI ke-80) → Fri 15 Aug + 1 day = Tue 19 Aug', () => {
    expect(add('2025-08-15 09:00', { days: 1 })).toBe('2025-08-19 09:00');
  });
  it('Natal 2025: Wed 24 Dec + 1 day skips Thu 25 (Natal), Fri 26 (cuti), weekend → Mon 29', () => {
    expect(add('2025-12-24 14:00', { days: 1 })).toBe('2025-12-29 14:00');
  });
});

describe('Friday hours (break 11:30–13:00, closing 16:30)', () => {
  // A working day is 450 office minutes (the standard day); Friday's break is 11:30-13:00.
  it('Mon 11:45 + 4 days: 195 on Mon, 3 × 450 Tue-Thu, 240 Fri morning, 15 after the break → Fri 13:15', () => {
    expect(add('2025-10-06 11:45', { days: 4 })).toBe('2025-10-10 13:15');
  });
  it('Thu 11:40 + 1 day: 200 on Thu, 240 Fri morning, 10 after the break → Fri 13:10', () => {
    expect(add('2025-10-09 11:40', { days: 1 })).toBe('2025-10-10 13:10');
  });
  it('Fri 16:15 + 1 day: 15 on Fri, 270 Mon morning, 165 after lunch → Mon 15:45', () => {
    expect(add('2025-10-10 16:15', { days: 1 })).toBe('2025-10-13 15:45');
  });
  it('Fri 16:15 + 1 day + 30 min: 480 = 15 Fri + 450 Mon (to 16:00) + 15 → Tue 07:45', () => {
    expect(add('2025-10-10 16:15', { days: 1, minutes: 30 })).toBe('2025-10-14 07:45');
  });
  it('Fri 11:00 + 60 min → 30 until 11:30, 30 after 13:00 → 13:30', () => {
    expect(add('2025-10-10 11:00', { minutes: 60 })).toBe('2025-10-10 13:30');
  });
  it('Friday and Monday both hold 450 office minutes', () => {
    expect(workingMinutesBetween(WIB, at('2025-10-10 00:00'), at('2025-10-11 00:00'))).toBe(450);
    expect(workingMinutesBetween(WIB, at('2025-10-06 00:00'), at('2025-10-07 00:00'))).toBe(450);
  });
});

describe('starting outside office time', () => {
  it('at night: Tue 20:00 + 60 min → Wed 07:30 + 60 → 08:30', () => {
    expect(add('2025-10-07 20:00', { minutes: 60 })).toBe('2025-10-08 08:30');
  });
  it('at night: Tue 20:00 + 1 day → the whole of Wed (07:30-16:00 holds 450) → Wed 16:00', () => {
    expect(add('2025-10-07 20:00', { days: 1 })).toBe('2025-10-08 16:00');
  });
  it('before opening: Tue 05:00 + 30 min → 08:00 the same day', () => {
    expect(add('2025-10-07 05:00', { minutes: 30 })).toBe('2025-10-07 08:00');
  });
  it('during lunch: Tue 12:30 + 30 min → 13:30', () => {
    expect(add('2025-10-07 12:30', { minutes: 30 })).toBe('2025-10-07 13:30');
  });
  it('during lunch: Tue 12:30 + 1 day → 180 Tue afternoon + 270 Wed morning → Wed 12:00', () => {
    expect(add('2025-10-07 12:30', { days: 1 })).toBe('2025-10-08 12:00');
  });
  it('during Thursday lunch: Thu 12:30 + 1 day → 180 Thu afternoon + 240 Fri morning + 30 → Fri 13:30', () => {
    expect(add('2025-10-09 12:30', { days: 1 })).toBe('2025-10-10 13:30');
  });
  it('on a holiday: Natal Thu 25 Dec 10:00 + 1 day → Fri 26 cuti, weekend → the whole of Mon 29 → 16:00', () => {
    expect(add('2025-12-25 10:00', { days: 1 })).toBe('2025-12-29 16:00');
  });
  it('on a holiday: Natal 10:00 + 60 min → Mon 29 08:30', () => {
    expect(add('2025-12-25 10:00', { minutes: 60 })).toBe('2025-12-29 08:30');
  });
});

describe('edges', () => {
  it('zero duration returns the next office instant (or the instant itself when in office)', () => {
    expect(add('2025-10-11 10:00', {})).toBe('2025-10-13 07:30'); // Saturday → Monday opening
    expect(add('2025-10-06 10:00', { days: 0, minutes: 0 })).toBe('2025-10-06 10:00');
    expect(add('2025-10-06 12:15', {})).toBe('2025-10-06 13:00');
    expect(add('2025-10-06 16:00', {})).toBe('2025-10-06 16:00'); // closing time still counts
    expect(show(nextOfficeInstant(WIB, at('2025-10-06 16:01')))).toBe('2025-10-07 07:30');
  });
  it('ending exactly on an interval end returns that end, not the next opening', () => {
    expect(add('2025-10-06 15:00', { minutes: 60 })).toBe('2025-10-06 16:00');
    expect(add('2025-10-06 11:00', { minutes: 60 })).toBe('2025-10-06 12:00');
    expect(add('2025-10-06 07:30', { minutes: 450 })).toBe('2025-10-06 16:00');
    expect(add('2025-10-06 07:30', { minutes: 451 })).toBe('2025-10-07 07:31');
  });
  it('one day from closing time is closing time the next working day', () => {
    expect(add('2025-10-06 16:00', { days: 1 })).toBe('2025-10-07 16:00');
  });
  it('keeps seconds: 09:00:30 + 1 min → 09:01:30', () => {
    const from = at('2025-10-06 09:00') + 30_000;
    expect(addWorkingTime(WIB, from, { minutes: 1 })).toBe(from + 60_000);
  });
  it('workingMinutesBetween is 0 when b <= a', () => {
    expect(workingMinutesBetween(WIB, at('2025-10-07 10:00'), at('2025-10-06 10:00'))).toBe(0);
    expect(workingMinutesBetween(WIB, at('2025-10-07 10:00'), at('2025-10-07 10:00'))).toBe(0);
  });
  it('refuses negative or fractional durations and non-finite instants', () => {
    expect(() => addWorkingTime(WIB, at('2025-10-06 10:00'), { days: -1 })).toThrow(RangeError);
    expect(() => addWorkingTime(WIB, at('2025-10-06 10:00'), { minutes: 1.5 })).toThrow(/minutes = 1.5/);
    expect(() => addWorkingTime(WIB, Number.NaN, { minutes: 1 })).toThrow(RangeError);
  });
});

describe('dates', () => {
  it('isWorkingDay knows weekends, national holidays and cuti bersama', () => {
    expect(isWorkingDay(WIB, '2025-10-06')).toBe(true);
    expect(isWorkingDay(WIB, '2025-10-11')).toBe(false);
    expect(isWorkingDay(WIB, '2026-03-19')).toBe(false); // Nyepi
    expect(isWorkingDay(WIB, '2026-03-20')).toBe(false); // cuti bersama
    expect(isWorkingDay(WIB, '2026-03-25')).toBe(true);
  });
  it('nextWorkingDay is strictly after the given date', () => {
    expect(nextWorkingDay(WIB, '2026-03-17')).toBe('2026-03-25');
    expect(nextWorkingDay(WIB, '2025-12-24')).toBe('2025-12-29');
    expect(nextWorkingDay(WIB, '2025-10-11')).toBe('2025-10-13');
    expect(nextWorkingDay(WIB, '2025-10-06')).toBe('2025-10-07');
  });
  it('refuses impossible dates', () => {
    expect(() => isWorkingDay(WIB, '2025-02-29')).toThrow(/tanggal tidak valid/);
    expect(() => nextWorkingDay(WIB, '2025-1-1')).toThrow(/tanggal tidak valid/);
  });
});

describe('time zones', () => {
  const WITA = defaultCalendar('WITA');
  const WIT = defaultCalendar('WIT');
  it('offsets are +7, +8, +9 hours', () => {
    expect([utcOffsetMinutes('WIB'), utcOffsetMinutes('WITA'), utcOffsetMinutes('WIT')]).toEqual([420, 480, 540]);
  });
  it('the same instant is 31 Dec in WIB (23:30) but 1 Jan in WITA (00:30) and WIT (01:30)', () => {
    const t = Date.UTC(2025, 11, 31, 16, 30);
    expect(localDate(WIB, t)).toBe('2025-12-31');
    expect(localDate(WITA, t)).toBe('2026-01-01');
    expect(localDate(WIT, t)).toBe('2026-01-01');
  });
  it('same instant 2025-10-06T00:00Z + 60 min: WIB 07:00 → 08:30; WITA 08:00 → 09:00; WIT 09:00 → 10:00', () => {
    const t = Date.UTC(2025, 9, 6, 0, 0);
    expect(addWorkingTime(WIB, t, { minutes: 60 })).toBe(Date.UTC(2025, 9, 6, 1, 30));
    expect(addWorkingTime(WITA, t, { minutes: 60 })).toBe(Date.UTC(2025, 9, 6, 1, 0));
    expect(addWorkingTime(WIT, t, { minutes: 60 })).toBe(Date.UTC(2025, 9, 6, 1, 0));
    expect(show(addWorkingTime(WIT, t, { minutes: 60 }), 'WIT')).toBe('2025-10-06 10:00');
  });
  it('New Year: WIB Wed 31 Dec 23:30 and WIT Thu 1 Jan 01:30 (holiday) both resume Fri 2 Jan 07:30 local', () => {
    const t = Date.UTC(2025, 11, 31, 16, 30);
    expect(show(addWorkingTime(WIB, t, { minutes: 60 }), 'WIB')).toBe('2026-01-02 08:30');
    expect(show(addWorkingTime(WIT, t, { minutes: 60 }), 'WIT')).toBe('2026-01-02 08:30');
    expect(addWorkingTime(WIB, t, { minutes: 60 }) - addWorkingTime(WIT, t, { minutes: 60 })).toBe(2 * 3_600_000);
  });
});

describe('performance', () => {
  it('addWorkingTime for 14 working days takes well under 0.1 ms', () => {
    const base = at('2025-01-02 09:00');
    for (let i = 0; i < 2000; i++) addWorkingTime(WIB, base + i * 3_600_000, { days: 14 }); // warm-up
    const n = 20_000;
    const t0 = performance.now();
    for (let i = 0; i < n; i++) addWorkingTime(WIB, base + (i % 15_000) * 3_600_000, { days: 14, minutes: 90 });
    const perCall = (performance.now() - t0) / n;
    expect(perCall).toBeLessThan(0.1);
  });
});
