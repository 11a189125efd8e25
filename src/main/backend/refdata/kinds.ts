/** The kinds of reference data and the schema each record is parsed with when read. */
import { z } from 'zod';
import { Assignment, Position, Unit, User } from '../../../shared/domain/org';
import { Holiday, OfficeHours, TimeZoneCode } from '../../../shared/calendar/working-time';
import { LaporMappingFields } from '../../../shared/api/methods/imports';
import { LetterPageFields } from '../../../shared/domain/letter-page';

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
const Credential = z.object({ hash: z.string().min(1) });

/** A workflow preset as the office stores it: the JSON document, by `<id>@<version>`. */
const StoredPreset = z.object({ json: z.string().min(2) });

const CalendarSettings = z.object({ timeZone: TimeZoneCode, officeHours: OfficeHours, holidays: z.array(Holiday) });
type CalendarSettings = z.infer<typeof CalendarSettings>;

/** A user's saved case-list filters (private to that user). */
const SavedSearchRecord = z.object({
  id: z.string().min(1),
  userId: z.string().min(1),
  name: z.string().min(1),
  filters: z.record(z.string(), z.unknown()),
});

/**
 * A public signing key (Ed25519, raw 32 bytes in base64). `userId` null marks an office root
 * key, which certifies user keys; a user key without a valid certificate does not verify.
 */
export const SigningKey = z.object({
  id: z.string().regex(/^[0-9a-f]{16}$/),
  userId: z.string().min(1).nullable(),
  publicKey: z.string().min(40).max(60),
  createdAt: z.number().int(),
  certifiedBy: z.string().nullable().default(null),
  cert: z.string().nullable().default(null),
  /** From this moment on the key's signatures fail; earlier ones stay valid. */
  revokedAt: z.number().int().nullable().default(null),
  revokedReason: z.string().nullable().default(null),
  /** Replaced by a newer key (password reset): no new signatures, old ones stay valid. */
  retiredAt: z.number().int().nullable().default(null),
});
export type SigningKey = z.infer<typeof SigningKey>;

/** A private key wrapped (AES-256-GCM) under a key derived from its holder's password. */
const KeySecret = z.object({ keyId: z.string().min(1), userId: z.string().min(1), wrapped: z.string().min(1) });
type KeySecret = z.infer<typeof KeySecret>;

/** Kop surat and letter numbering of one unit (id = unit id), set by the administrator. */
export const Letterhead = z.object({
  unitId: z.string().min(1),
  government: z.string().max(200).default(''),
  agency: z.string().max(200).default(''),
  address: z.string().max(300).default(''),
  contacts: z.string().max(300).default(''),
  /** Place written before the letter date, e.g. Paringin. */
  place: z.string().max(80).default(''),
  /** Logo image in the blob store (PNG or JPEG, checked by content). */
  logo: z.object({ sha256: z.string(), name: z.string(), mime: z.string(), size: z.number() }).nullable().default(null),
  /** Tokens {KLAS} {SEQ} {SEQ:n} {UNIT} {MM} {ROMAWI} {YYYY}. */
  numberFormat: z.string().min(1).max(80).default('{KLAS}/{SEQ}/{UNIT}/{YYYY}'),
  classification: z.string().max(30).default(''),
  tembusan: z.array(z.string().min(1).max(200)).max(10).default([]),
  ...LetterPageFields,
});
export type Letterhead = z.infer<typeof Letterhead>;

/** A standard note or answer of the office or one unit (issue 15), offered in the act dialogs. */
const CannedTextRecord = z.object({
  id: z.string().min(1),
  kind: z.enum(['note', 'answer']),
  unitId: z.string().min(1).nullable().default(null),
  title: z.string().min(1).max(80),
  text: z.string().min(1).max(20_000),
});

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
  signing_key: SigningKey,
  key_secret: KeySecret,
  letterhead: Letterhead,
  canned_text: CannedTextRecord,
} as const;
export type RefKind = keyof typeof REF_KINDS;
export type RefOf<K extends RefKind> = z.infer<(typeof REF_KINDS)[K]>;
