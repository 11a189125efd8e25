/**
 * Properties over many deterministic pseudo-random cases (mulberry32, fixed seeds):
 * - workingMinutesBetween(t, addWorkingTime(t, {minutes: m})) === m, and the result is the
 *   earliest such instant;
 * - adding d days lands on the d-th next working day;
 * - elapsedWorkingMinutes(start, dueAt(start, {minutes: m}, pauses), pauses) === m.
 */
import { describe, expect, it } from 'vitest';
import {
  addWorkingTime,
  dueAt,
  elapsedWorkingMinutes,
  nextOfficeInstant,
  standardDayMinutes,
  workingMinutesBetween,
  type Pause,
} from '../../../src/shared/calendar/working-time';
import { defaultCalendar } from './fixtures';

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const FROM = Date.UTC(2025, 0, 1);
const SPAN = Date.UTC(2027, 9, 1) - FROM; // stay clear of the end of the data

for (const tz of ['WIB', 'WITA', 'WIT'] as const) {
  const cal = defaultCalendar(tz);
  describe(`properties (${tz})`, () => {
    it('minutes: workingMinutesBetween inverts addWorkingTime and the result is the earliest', () => {
      for (let seed = 1; seed <= 1500; seed++) {
        const rnd = mulberry32(seed);
        const t = FROM + Math.floor(rnd() * SPAN);
        const m = Math.floor(rnd() * 10_000);
        const r = addWorkingTime(cal, t, { minutes: m });
        expect(workingMinutesBetween(cal, t, r)).toBe(m);
        if (m > 0) expect(workingMinutesBetween(cal, t, r - 1)).toBeLessThan(m);
        else expect(r).toBe(nextOfficeInstant(cal, t));
      }
    });

    it('days: d working days are exactly d standard days of office time, so durations add up', () => {
      const std = standardDayMinutes(cal);
      for (let seed = 1; seed <= 500; seed++) {
        const rnd = mulberry32(seed * 7919);
        const t = FROM + Math.floor(rnd() * SPAN);
        const d = 1 + Math.floor(rnd() * 20);
        const m = Math.floor(rnd() * 600);
        const r = addWorkingTime(cal, t, { days: d, minutes: m });
        expect(workingMinutesBetween(cal, t, r)).toBe(d * std + m);
        // Composition: adding in two parts lands on the same instant.
        expect(addWorkingTime(cal, addWorkingTime(cal, t, { minutes: m }), { days: d })).toBe(r);
      }
    });

    it('pauses: the clock ran exactly the standard time at the due instant', () => {
      for (let seed = 1; seed <= 500; seed++) {
        const rnd = mulberry32(seed * 104_729);
        const start = FROM + Math.floor(rnd() * SPAN);
        const m = 1 + Math.floor(rnd() * 5000);
        const pauses: Pause[] = [];
        for (let k = Math.floor(rnd() * 4); k > 0; k--) {
          const from = start - 86_400_000 + Math.floor(rnd() * 20 * 86_400_000);
          pauses.push({ from, to: from + Math.floor(rnd() * 4 * 86_400_000) });
        }
        const due = dueAt(cal, start, { minutes: m }, pauses);
        expect(due).not.toBeNull();
        if (due === null) continue;
        expect(elapsedWorkingMinutes(cal, start, due, pauses)).toBe(m);
        expect(elapsedWorkingMinutes(cal, start, due - 1, pauses)).toBeLessThan(m);
      }
    });
  });
}
