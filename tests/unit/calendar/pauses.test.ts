/**
 * dueAt / elapsedWorkingMinutes with the clock paused (waiting for the complainant).
 * Default pemda hours: Mon–Thu 07:30–12:00 + 13:00–16:00, Fri 07:30–11:30 + 13:00–16:30.
 * October 2025: Mon 6 … Fri 10, weekend 11–12, Mon 13. No holidays.
 */
import { describe, expect, it } from 'vitest';
import { addWorkingTime, dueAt, elapsedWorkingMinutes, type Pause } from '../../../src/shared/calendar/working-time';
import { WIB, at, show } from './fixtures';

const p = (from: string, to: string | null): Pause => ({ from: at(from), to: to === null ? null : at(to) });
const due = (start: string, duration: { days?: number; minutes?: number }, pauses: Pause[]) => show(dueAt(WIB, at(start), duration, pauses));

describe('dueAt', () => {
  it('without pauses equals addWorkingTime', () => {
    expect(dueAt(WIB, at('2025-10-06 08:00'), { days: 1 }, [])).toBe(addWorkingTime(WIB, at('2025-10-06 08:00'), { days: 1 }));
  });

  it('closed pause: Mon 08:00 + 1 day = Tue 08:00; paused Mon 10:00–14:00 = 120 + 60 office min → Tue 11:00', () => {
    expect(due('2025-10-06 08:00', { days: 1 }, [p('2025-10-06 10:00', '2025-10-06 14:00')])).toBe('2025-10-07 11:00');
  });

  it('overlapping pauses count once', () => {
    const pauses = [p('2025-10-06 10:00', '2025-10-06 14:00'), p('2025-10-06 11:00', '2025-10-06 13:30')];
    expect(due('2025-10-06 08:00', { days: 1 }, pauses)).toBe('2025-10-07 11:00');
  });

  it('pause spanning a weekend: Fri 15:00 → Mon 09:00 holds 90 (Fri) + 90 (Mon) office min', () => {
    // Thu 09:00 + 2 days = Mon 09:00; + 180 office min → Mon 12:00 exactly (lunch start, not 13:00).
    expect(due('2025-10-09 09:00', { days: 2 }, [p('2025-10-10 15:00', '2025-10-13 09:00')])).toBe('2025-10-13 12:00');
  });

  it('a pause with no office minute in it (Sat–Sun) changes nothing', () => {
    expect(due('2025-10-09 09:00', { days: 2 }, [p('2025-10-11 10:00', '2025-10-12 18:00')])).toBe('2025-10-13 09:00');
  });

  it('only the part of a pause after start counts', () => {
    // Wed 10:00–14:00 lies before start: ignored.
    expect(due('2025-10-09 09:00', { days: 2 }, [p('2025-10-08 10:00', '2025-10-08 14:00')])).toBe('2025-10-13 09:00');
    // Wed 10:00 → Thu 10:00: only Thu 09:00–10:00 (60 min) counts → Mon 10:00.
    expect(due('2025-10-09 09:00', { days: 2 }, [p('2025-10-08 10:00', '2025-10-09 10:00')])).toBe('2025-10-13 10:00');
  });

  it('a pause inside the extension also stops the clock', () => {
    // D0 = Tue 08:00, 180 min to add back. Tue 08:00–09:00 runs (60), 09:00–10:00 paused,
    // 10:00–12:00 runs (120) → Tue 12:00. Check: unpaused since Mon 08:00 = 420 + 270 − 240 = 450.
    const pauses = [p('2025-10-06 10:00', '2025-10-06 14:00'), p('2025-10-07 09:00', '2025-10-07 10:00')];
    expect(due('2025-10-06 08:00', { days: 1 }, pauses)).toBe('2025-10-07 12:00');
    expect(elapsedWorkingMinutes(WIB, at('2025-10-06 08:00'), at('2025-10-07 12:00'), pauses)).toBe(450);
  });

  it('open pause begun before the due time → null (deadline unknown while waiting)', () => {
    expect(due('2025-10-06 08:00', { days: 1 }, [p('2025-10-06 10:00', null)])).toBeNull();
  });

  it('open pause begun after the due time → the (already passed) due time', () => {
    expect(due('2025-10-06 08:00', { days: 1 }, [p('2025-10-07 09:00', null)])).toBe('2025-10-07 08:00');
  });

  it('open pause reached while adding back closed-pause minutes → null', () => {
    // Needs 180 min from Tue 08:00; only 60 run before the open pause at 09:00.
    const pauses = [p('2025-10-06 10:00', '2025-10-06 14:00'), p('2025-10-07 09:00', null)];
    expect(due('2025-10-06 08:00', { days: 1 }, pauses)).toBeNull();
  });

  it('refuses a pause ending before it starts', () => {
    expect(() => dueAt(WIB, at('2025-10-06 08:00'), { days: 1 }, [p('2025-10-06 14:00', '2025-10-06 10:00')])).toThrow(RangeError);
  });
});

describe('elapsedWorkingMinutes', () => {
  it('weekend pause: Thu 09:00 → Mon 12:00 = 360 + 450 + 270 = 1080 office min, minus 180 paused = 900', () => {
    const pauses = [p('2025-10-10 15:00', '2025-10-13 09:00')];
    expect(elapsedWorkingMinutes(WIB, at('2025-10-09 09:00'), at('2025-10-13 12:00'), pauses)).toBe(900);
    expect(elapsedWorkingMinutes(WIB, at('2025-10-09 09:00'), at('2025-10-13 12:00'), [])).toBe(1080);
  });
  it('open pause counts up to end: Mon 08:00 → Wed 08:00 = 420 + 450 + 30; paused from Tue 07:30 = 480 → 420', () => {
    expect(elapsedWorkingMinutes(WIB, at('2025-10-06 08:00'), at('2025-10-08 08:00'), [p('2025-10-07 07:30', null)])).toBe(420);
  });
  it('is 0 when end <= start', () => {
    expect(elapsedWorkingMinutes(WIB, at('2025-10-07 08:00'), at('2025-10-06 08:00'), [])).toBe(0);
  });
});
