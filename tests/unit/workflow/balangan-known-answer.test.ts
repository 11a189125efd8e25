/**
 * Known answer: a Balangan case in which every step takes exactly its full standard ends
 * 7 working days 8 h 30 min after registration, counted in the office calendar (WITA,
 * Mon-Thu 07:30-12:00 & 13:00-16:00, Fri 07:30-11:30 & 13:00-16:30, shipped holidays).
 */
import { describe, expect, it } from 'vitest';
import { addWorkingTime, workingMinutesBetween } from '../../../src/shared/calendar/working-time';
import { allowedActions } from '../../../src/shared/workflow/engine';
import { Walk, at, calendarFor, everyone, loadPreset, mainPath, opdId, show, targetsFor, textFor } from './helpers';

const preset = loadPreset('balangan');
const cal = calendarFor('WITA');
const ctx = { calendar: cal };
const opds = [opdId('PUPR')];
const all = everyone(preset, opds);

/** Walks the main path, each act exactly at its task's due time; returns the walk. */
function fullStandardWalk(registered: string): Walk {
  return fullStandardWalkAt(at(registered, 'WITA'));
}

function fullStandardWalkAt(registeredAt: number): Walk {
  const w = new Walk(preset, ctx, { at: registeredAt });
  for (let i = 0; i < 30 && w.state.status !== 'closed'; i++) {
    const task = w.sole();
    if (task.dueAt === null) throw new Error('no due time');
    w.now = task.dueAt;
    const a = mainPath(allowedActions(preset, w.state, all));
    if (!a) throw new Error(`stuck at ${task.stepId}`);
    w.act(all, {
      taskId: a.taskId,
      actionId: a.action.id,
      asPositionId: a.as.positionId,
      targets: targetsFor(preset, a, opds),
      response: textFor(a.action.kind),
    });
  }
  return w;
}

describe('Balangan, every step at its full standard', () => {
  it.each([
    // Monday morning: nothing in the way.
    // 08:00 +4x60 → 12:00; +30 → 13:30 (break); +30 → 14:00; +60 → 15:00; +5 days → Mon 9 Mar 15:00;
    // +2 days → Wed 11 Mar 15:00; +60 → 16:00; +30 → Thu 12 Mar 08:00; +60 → 09:00.
    ['2026-03-02 08:00', '2026-03-12 09:00'],
    // Tuesday 17 March 2026, the last working day before Nyepi (18-19) and the Idul Fitri
    // cuti bersama (20, 23, 24; 21-22 weekend):
    // 14:00 +60 → 15:00, +60 → 16:00 (close); +60 → Wed 25 Mar 08:30; +60 → 09:30; +30 → 10:00;
    // +30 → 10:30; +60 → 11:30; +5 days (26, 27, 30, 31 Mar, 1 Apr) → Wed 1 Apr 11:30;
    // +2 days (2 Apr, Good Friday 3 Apr closed, Mon 6 Apr) → Mon 6 Apr 11:30;
    // +60 → 12:00 + 13:00-13:30 → 13:30; +30 → 14:00; +60 → 15:00.
    ['2026-03-17 14:00', '2026-04-06 15:00'],
    // Over a weekend: Saturday 10:00 starts Monday 07:30.
    // +4x60 → 11:30; +30 → 12:00; +30 → 13:30; +60 → 14:30; +5 days → Mon 16 Mar 14:30;
    // +2 days (17 Mar, then 25 Mar) → Wed 25 Mar 14:30; +60 → 15:30; +30 → 16:00; +60 → Thu 26 Mar 08:30.
    ['2026-03-07 10:00', '2026-03-26 08:30'],
    // Thursday just before the lunch break.
    ['2026-03-05 11:45', '2026-03-17 13:45'],
  ])('registered %s: answered exactly 7 days 8 h 30 min later (%s)', (registered, expected) => {
    const w = fullStandardWalk(registered);
    const reg = at(registered, 'WITA');
    expect(w.state.status).toBe('closed');
    expect(w.state.answeredAt).toBe(addWorkingTime(cal, reg, { days: 7, minutes: 510 }));
    if (expected) expect(show(w.state.answeredAt, 'WITA')).toBe(expected);
    // The whole-case due time is the SOP total, and the case was never overdue.
    expect(w.state.dueAt).toBe(addWorkingTime(cal, reg, { days: 7, minutes: 510 }));
    expect(w.state.tasks).toHaveLength(12);
    expect(w.state.tasks.every((t) => t.state === 'done')).toBe(true);
  });

  it('registered on a Friday afternoon (Fri 6 Mar 2026 14:00 WITA): still exactly 7 days 8 h 30 min', () => {
    // A working day is 450 office minutes. Chain: 14:00 +60 → 15:00, +60 → 16:00, +60 → 16:30
    // (30) + Mon 9 Mar 07:30-08:00; +60 → 09:00; +30 → 09:30; +30 → 10:00; +60 → 11:00;
    // +5 days (2250): Mon 9 240, Tue-Fri 1800, Mon 16 Mar 210 → 11:00; +2 days (900): Mon 16 240,
    // Tue 17 450, then Nyepi (18-19) and the Idul Fitri cuti bersama (20, 23, 24) → Wed 25 Mar
    // 07:30 + 210 → 11:00; +60 → 12:00; +30 → 13:30 (lunch); +60 → 14:30.
    // Total: 3660 office minutes from Fri 14:00 = 150 Fri + 7 × 450 (Mon 9 - Tue 17) + 360 Wed 25 → 14:30.
    const w = fullStandardWalk('2026-03-06 14:00');
    const reg = at('2026-03-06 14:00', 'WITA');
    expect(show(w.state.answeredAt, 'WITA')).toBe('2026-03-25 14:30');
    expect(w.state.answeredAt).toBe(addWorkingTime(cal, reg, { days: 7, minutes: 510 }));
    expect(workingMinutesBetween(cal, reg, w.state.answeredAt ?? 0)).toBe(7 * 450 + 510);
    expect(w.state.dueAt).toBe(w.state.answeredAt);
  });

  it('whatever the start: every 37 minutes over two weeks across Nyepi, Idul Fitri 2026 and weekends', () => {
    const from = at('2026-03-13 06:00', 'WITA');
    for (let t = from; t < from + 14 * 86_400_000; t += 37 * 60_000) {
      const w = fullStandardWalkAt(t);
      expect(workingMinutesBetween(cal, t, w.state.answeredAt ?? 0)).toBe(7 * 450 + 510);
      expect(w.state.answeredAt).toBe(addWorkingTime(cal, t, { days: 7, minutes: 510 }));
    }
  });
});
