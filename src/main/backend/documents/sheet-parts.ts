/**
 * What a lembar disposisi shows, unit by unit: offices keep one sheet per unit's part of the
 * chain (the desk's, then each OPD's), each with the unit's own agenda number and the officials
 * the case was passed to. Gathered from the log and the projection; sheet.ts lays it out.
 */
import { sql } from 'kysely';
import type { CaseEvent, EventOf } from '../../../shared/domain/events';
import type { Assignment, Position, Unit, User } from '../../../shared/domain/org';
import { localDate, type WorkCalendar } from '../../../shared/calendar/working-time';
import type { BackendContext } from '../services/context';

export type Disposition = EventOf<'case.forwarded' | 'case.disposed' | 'case.returned'>;

function isDisposition(e: CaseEvent): e is Disposition {
  return e.type === 'case.forwarded' || e.type === 'case.disposed' || e.type === 'case.returned';
}

export interface SheetPart {
  unitId: string;
  /** When the unit first got the case (its first task opened). */
  receivedAt: number;
  /** Where the case came from into this unit: the previous unit's forward, or null for the desk. */
  arrival: Disposition | null;
  dispositions: Disposition[];
  /** The unit still holds an open task: the sheet keeps a blank level for the next disposition in ink. */
  open: boolean;
}

/** The chain split by the unit of each disposition's author, in the order the units got the case. */
export function sheetParts(
  events: readonly CaseEvent[],
  tasks: ReadonlyArray<{ unitId: string; openedAt: number; state: string }>,
  positions: ReadonlyMap<string, Position>,
  hubUnitId: string,
): SheetPart[] {
  const parts = new Map<string, SheetPart>();
  const firstOpened = new Map<string, number>();
  for (const t of tasks) firstOpened.set(t.unitId, Math.min(firstOpened.get(t.unitId) ?? Infinity, t.openedAt));
  const part = (unitId: string, at: number): SheetPart => {
    let p = parts.get(unitId);
    if (!p) {
      p = { unitId, receivedAt: firstOpened.get(unitId) ?? at, arrival: null, dispositions: [], open: false };
      parts.set(unitId, p);
    }
    return p;
  };
  part(hubUnitId, events[0]?.at ?? 0);
  for (const e of events) {
    if (!isDisposition(e)) continue;
    const unitId = (e.positionId ? positions.get(e.positionId)?.unitId : undefined) ?? hubUnitId;
    part(unitId, e.at).dispositions.push(e);
    // A forward into another unit starts (or continues) that unit's sheet.
    for (const t of e.payload.targets) if (t.unitId !== unitId) part(t.unitId, e.at).arrival ??= e;
  }
  for (const t of tasks) if (t.state === 'open' && parts.has(t.unitId)) (parts.get(t.unitId) as SheetPart).open = true;
  return [...parts.values()].sort((a, b) => (a.unitId === hubUnitId ? -1 : b.unitId === hubUnitId ? 1 : a.receivedAt - b.receivedAt));
}

/**
 * The unit's agenda number for the case: its place, in the unit's year, among the cases the unit
 * received (by the time its first task opened; ties by case id), as an agenda book numbers them.
 */
export async function agendaNumber(ctx: BackendContext, cal: WorkCalendar, unitId: string, caseId: string, receivedAt: number): Promise<string> {
  const year = localDate(cal, receivedAt).slice(0, 4);
  const firsts = ctx.db
    .selectFrom('case_task')
    .select(['case_id', sql<number>`min(opened_at)`.as('at')])
    .where('unit_id', '=', unitId)
    .groupBy('case_id');
  const rows = await ctx.db
    .selectFrom(firsts.as('f'))
    .select(['f.case_id', 'f.at'])
    // Only the year around it can count (exact year bounds are checked below, in local time).
    .where('f.at', '>=', receivedAt - 367 * 86_400_000)
    .where((eb) => eb.or([eb('f.at', '<', receivedAt), eb.and([eb('f.at', '=', receivedAt), eb('f.case_id', '<=', caseId)])]))
    .execute();
  // Year bounds in office-local time: counted here, as the calendar knows the zone.
  const seq = rows.filter((r) => localDate(cal, r.at).slice(0, 4) === year).length;
  return `${seq}/${year}`;
}

/** Who held a post on a date (the definitive holder before an acting one), as "Name" or "Plt. Name". */
export function holderOn(assignments: readonly Assignment[], users: ReadonlyMap<string, User>, positionId: string, date: string): string | null {
  const on = assignments.filter((a) => a.positionId === positionId && (a.from === null || a.from <= date) && (a.until === null || a.until >= date));
  const a = on.find((x) => x.acting === null) ?? on[0];
  if (!a) return null;
  const name = users.get(a.userId)?.fullName;
  if (!name) return null;
  return a.acting === 'plt' ? `Plt. ${name}` : a.acting === 'plh' ? `Plh. ${name}` : name;
}

/** "Kepala Bidang ... (Nama)" for a target post, or the unit's name. */
export function targetLabel(
  t: { unitId: string; positionId: string | null },
  units: ReadonlyMap<string, Unit>,
  positions: ReadonlyMap<string, Position>,
  holder: (positionId: string) => string | null,
): string {
  if (!t.positionId) return units.get(t.unitId)?.name ?? '-';
  const title = positions.get(t.positionId)?.title ?? '-';
  const who = holder(t.positionId);
  return who ? `${title} (${who})` : title;
}
