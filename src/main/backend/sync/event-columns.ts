/**
 * The columns an event carries between workstations: the local `event` table's columns except
 * `seq` (local arrival order), `local` (who wrote it) and `hash` (the local integrity check of
 * the stored row, projection/event-hash.ts; each workstation computes its own). Push, pull and the bench build their SQL
 * from this one list, and the record below does not compile until a column added to EventTable is
 * placed here (or with seq and local), so a new column cannot be silently left out of sync.
 */
import type { EventTable } from '../db/schema';

type WireColumn = Exclude<keyof EventTable, 'seq' | 'local' | 'hash'>;

// A Record over WireColumn: a missing or unknown column is a type error. Key order is SQL order.
const WIRE: Record<WireColumn, true> = {
  id: true,
  case_id: true,
  type: true,
  hlc: true,
  at: true,
  author_id: true,
  position_id: true,
  acting: true,
  device_id: true,
  payload: true,
  signature: true,
  seal: true,
};

/** The wire columns, in SQL order. */
export const EVENT_WIRE_COLUMNS = Object.keys(WIRE) as readonly WireColumn[];

/** One event's wire columns, as the local table holds them. */
export type EventWireRow = Pick<EventTable, WireColumn>;

/** A row's values in EVENT_WIRE_COLUMNS order, for positional parameters. */
export function eventWireValues(r: EventWireRow): Array<string | number | null> {
  return EVENT_WIRE_COLUMNS.map((c) => r[c]);
}
