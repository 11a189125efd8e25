/**
 * The working-time engine on a compiled calendar. Everything walks day by day and, inside a
 * day, interval by interval, so cost grows with the number of calendar days spanned, never
 * with the number of minutes.
 */
import { type CompiledCalendar, type Span, dayStartInstant, localDayNumber, nextWorkDay, spansOfDay, workDayAtOrAfter } from './compiled-calendar';

/** A half-open span of instants `[from, to)`; `to` may be `Infinity` (a pause still open). */
interface Blocked {
  readonly from: number;
  readonly to: number;
}

/** A position in office time: a working day and milliseconds after its local midnight. */
interface OfficePoint {
  readonly day: number;
  readonly tod: number;
}

/**
 * Moves `t` forward into office time. An instant inside an interval, or exactly on its end,
 * stays where it is (closing time still counts as "in the office" so that a deadline of
 * one day from 16:00 is 16:00 the next working day); otherwise the next interval start.
 * Returned as day + time of day because an interval may end at 24:00, which as an instant
 * is already the next day.
 */
function snap(c: CompiledCalendar, t: number): OfficePoint {
  const today = localDayNumber(c, t);
  const tod = t - dayStartInstant(c, today);
  for (const sp of spansOfDay(c, today)) {
    if (tod <= sp.e) return { day: today, tod: Math.max(tod, sp.s) };
  }
  const day = nextWorkDay(c, today);
  return { day, tod: firstStart(spansOfDay(c, day)) };
}

function firstStart(spans: readonly Span[]): number {
  for (const sp of spans) return sp.s;
  return 0;
}

/** {@link snap} as an instant. */
export function snapForward(c: CompiledCalendar, t: number): number {
  const p = snap(c, t);
  return dayStartInstant(c, p.day) + p.tod;
}

/**
 * Consumes `ms` of office time starting at `from`, skipping breaks, closed days and the
 * `blocked` spans (sorted, non-overlapping). Ends exactly where the budget runs out, so a
 * budget that fits an interval exactly ends at that interval's end (or at the start of a
 * blocked span). Returns `null` when an open-ended blocked span is reached first.
 */
export function advance(c: CompiledCalendar, from: number, ms: number, blocked: readonly Blocked[] = []): number | null {
  if (ms <= 0) return from;
  let remaining = ms;
  let j = 0;
  for (let day = workDayAtOrAfter(c, localDayNumber(c, from)); ; day = nextWorkDay(c, day)) {
    const base = dayStartInstant(c, day);
    for (const sp of spansOfDay(c, day)) {
      const hi = base + sp.e;
      let lo = Math.max(from, base + sp.s);
      while (lo < hi) {
        while (j < blocked.length && (blocked[j]?.to ?? Infinity) <= lo) j++;
        const b = blocked[j];
        if (b && b.from <= lo) {
          if (b.to === Infinity) return null;
          lo = Math.min(hi, b.to);
          continue;
        }
        const next = b ? Math.min(hi, b.from) : hi;
        const avail = next - lo;
        if (remaining <= avail) return lo + remaining;
        remaining -= avail;
        lo = next;
      }
    }
  }
}

/** Milliseconds of office time in `[a, b)`; 0 when `b <= a`. Both must be finite. */
export function officeMsBetween(c: CompiledCalendar, a: number, b: number): number {
  if (!(b > a)) return 0;
  let total = 0;
  const lastDay = localDayNumber(c, b);
  for (let day = localDayNumber(c, a); day <= lastDay; day++) {
    const spans = spansOfDay(c, day);
    if (spans.length === 0) continue;
    const base = dayStartInstant(c, day);
    for (const sp of spans) {
      const lo = Math.max(a, base + sp.s);
      const hi = Math.min(b, base + sp.e);
      if (hi > lo) total += hi - lo;
    }
  }
  return total;
}

/**
 * Turns pauses into sorted, merged blocked spans, clipped to start no earlier than `floor`.
 * An open pause (`to: null`) runs to `openEnd`. Empty spans are dropped.
 */
export function toBlocked(pauses: readonly { from: number; to: number | null }[], floor: number, openEnd: number): Blocked[] {
  const spans = pauses
    .map((p) => ({ from: Math.max(p.from, floor), to: p.to ?? openEnd }))
    .filter((p) => p.to > p.from)
    .sort((x, y) => x.from - y.from);
  const merged: { from: number; to: number }[] = [];
  for (const s of spans) {
    const last = merged[merged.length - 1];
    if (last && s.from <= last.to) last.to = Math.max(last.to, s.to);
    else merged.push({ ...s });
  }
  return merged;
}

/** Office milliseconds inside `blocked` before `until` (each span clipped at `until`). */
export function blockedOfficeMs(c: CompiledCalendar, blocked: readonly Blocked[], until: number): number {
  let total = 0;
  for (const b of blocked) {
    if (b.from >= until) break;
    total += officeMsBetween(c, b.from, Math.min(b.to, until));
  }
  return total;
}
