/**
 * Kysely table types of the local SQLite database. Column names are snake_case in SQL and
 * here; repositories map them to the domain's camelCase types.
 */
import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';
import type { CaseStatus, CaseType, Channel, Privacy, Urgency } from '../../../shared/domain/enums';

interface LocalMetaTable {
  key: string;
  value: string;
}

/** Mutable reference data, merged last-writer-wins per field by HLC (see refdata/). */
interface RefRecordTable {
  kind: string;
  id: string;
  /** JSON object of field -> value. */
  fields: string;
  /** JSON object of field -> HLC of its last write. */
  clocks: string;
  /** Greatest HLC among `clocks` (for sync cursors and sorting). */
  updated_hlc: string;
}

/** The append-only log. Triggers refuse UPDATE and DELETE. */
export interface EventTable {
  /** Local arrival order; push sends local events after the push cursor in this order. */
  seq: Generated<number>;
  id: string;
  case_id: string;
  type: string;
  hlc: string;
  at: number;
  author_id: string | null;
  position_id: string | null;
  acting: string | null;
  device_id: string;
  payload: string;
  signature: string | null;
  /** The writer's seal over the whole event (migration 0006, keys/seal.ts); NULL before sealing and on automatic acts. */
  seal: string | null;
  /** 1 when this workstation wrote it, 0 when it arrived by sync. */
  local: number;
  /** SHA-256 of the stored content (projection/event-hash.ts); NULL only until filled at start. */
  hash: string | null;
}
export type EventRow = Selectable<EventTable>;
export type NewEventRow = Insertable<EventTable>;

/** Projection: one row per case (drop and rebuild from `event` at will). */
export interface CaseTable {
  // The enum columns carry the domain's closed types: the projection writes them from parsed
  // events, so a read needs no cast (CHECK constraints are not what guarantees it).
  id: string;
  ref: string;
  lapor_id: string | null;
  preset_id: string;
  preset_version: number;
  hub_unit_id: string;
  channel: Channel;
  type: CaseType;
  category_id: string | null;
  subcategory_id: string | null;
  title: string;
  description: string;
  location: string | null;
  privacy: Privacy;
  urgency: Urgency;
  urgency_rank: number;
  strategic: number;
  status: CaseStatus;
  received_at: number;
  registered_at: number;
  /** Earliest due time of an open task; null when none is open or the clock is paused. */
  next_due_at: number | null;
  due_at: number | null;
  paused: number;
  answered_at: number | null;
  closed_at: number | null;
  escalated_at: number | null;
  /** Issue 15 (migration 0009): how the case closed, the original of a duplicate, reopens, the answer's delivery. */
  close_reason: string | null;
  duplicate_of: string | null;
  reopen_count: number;
  delivered_at: number | null;
  delivery_channel: string | null;
  conflict_count: number;
  event_count: number;
  last_event_at: number;
  last_hlc: string;
  /** The engine's full CaseState, so an incoming event applies without a replay. */
  state: string;
}

interface CaseTaskTable {
  id: string;
  case_id: string;
  step_id: string;
  role_id: string;
  unit_id: string;
  position_id: string | null;
  branch_id: string | null;
  state: string;
  opened_at: number;
  due_at: number | null;
  closed_at: number | null;
  urgency_rank: number;
  returned: number;
}

interface CaseUnitTable {
  case_id: string;
  unit_id: string;
}

/** Projection of `case.identity_recorded`: kept apart so every read goes through one guarded path. */
interface IdentityTable {
  case_id: string;
  name: string;
  nik: string | null;
  phone: string | null;
  email: string | null;
  address: string | null;
}

/** Chained audit trail: identity reads and administrative changes (services/audit.ts). */
export interface AuditTable {
  seq: Generated<number>;
  at: number;
  user_id: string | null;
  action: string;
  target: string;
  detail: string;
  prev_hash: string;
  hash: string;
  /** 1: `hash` is the keyed HMAC; 0: the plain SHA-256 of entries from before migration 7. */
  keyed: Generated<number>;
}

/** LAN sync: the server connection, encrypted (one row). */
interface SyncConfigTable {
  id: number;
  settings: string;
  /** user@host:port/database, without the password. */
  server: string;
  office_id: string;
  unit_id: string;
  unit_code: string;
  is_hub: number;
  updated_at: number;
}

/** LAN sync cursors and the last outcome (one row). */
interface SyncStateTable {
  id: number;
  pull_seq: Generated<number>;
  ref_pull_seq: Generated<number>;
  push_seq: Generated<number>;
  ref_push_hlc: Generated<string>;
  last_sync_at: number | null;
  last_error_code: string | null;
  last_error_message: string | null;
}

/** What sync refused, with the reason (never dropped silently). */
interface SyncRejectedTable {
  seq: Generated<number>;
  at: number;
  direction: string;
  kind: string;
  item_id: string;
  case_id: string | null;
  /** The server's seq for a pulled item; 0 for a pushed one. */
  server_seq: number;
  reason: string;
  raw: string | null;
  resolved_at: number | null;
}

export interface Database {
  local_meta: LocalMetaTable;
  ref_record: RefRecordTable;
  event: EventTable;
  cases: CaseTable;
  case_task: CaseTaskTable;
  case_unit: CaseUnitTable;
  identity: IdentityTable;
  audit: AuditTable;
  sync_config: SyncConfigTable;
  sync_state: SyncStateTable;
  sync_rejected: SyncRejectedTable;
}

export type Timestamp = ColumnType<number, number, number>;
