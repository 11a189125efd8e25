/** The kinds of reference data and the schema each record is parsed with when read. */
import { z } from 'zod';
import { Assignment, Position, Unit, User } from '../../../shared/domain/org';
import { Holiday, OfficeHours, TimeZoneCode } from '../../../shared/calendar/working-time';
import { LaporMappingFields } from '../../../shared/api/methods/imports';

/** Office-wide settings (one record, id `office`). */
export const OfficeSettings = z.object({
  name: z.string().min(1),
  presetId: z.string().min(1),
  presetVersion: z.number().int().min(1),
  hubUnitId: z.string().min(1),
  /** Tracking number format: tokens {YYYY} {YY} {MM} {DEV} {SEQ:n} {UNIT}. */
  refFormat: z.string().min(1).default('ADU-{YYYY}-{DEV}{SEQ:5}'),
  idleLockMinutes: z.number().int().min(1).max(240).default(15),
  attachmentLimitMb: z.number().int().min(1).max(200).default(10),
  updateUrl: z.string().nullable().default(null),
});
export type OfficeSettings = z.infer<typeof OfficeSettings>;

/** A password hash, kept apart from the user record so listings never carry it. */
export const Credential = z.object({ hash: z.string().min(1) });

/** A workflow preset as the office stores it: the JSON document, by `<id>@<version>`. */
export const StoredPreset = z.object({ json: z.string().min(2) });

export const CalendarSettings = z.object({ timeZone: TimeZoneCode, officeHours: OfficeHours, holidays: z.array(Holiday) });
export type CalendarSettings = z.infer<typeof CalendarSettings>;

/** A user's saved case-list filters (private to that user). */
export const SavedSearchRecord = z.object({ id: z.string().min(1), userId: z.string().min(1), name: z.string().min(1), filters: z.record(z.string(), z.unknown()) });

export const REF_KINDS = {
  office: OfficeSettings,
  unit: Unit,
  position: Position,
  user: User,
  credential: Credential,
  assignment: Assignment,
  preset: StoredPreset,
  calendar: CalendarSettings,
  saved_search: SavedSearchRecord,
  /** The office's column mapping for LAPOR! imports (id `lapor`); each field merges on its own. */
  import_mapping: LaporMappingFields,
} as const;
export type RefKind = keyof typeof REF_KINDS;
export type RefOf<K extends RefKind> = z.infer<(typeof REF_KINDS)[K]>;
