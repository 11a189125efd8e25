/** Contract methods of the SP4N-LAPOR! import (issue 7): preview, commit, the saved column mapping. */
import { z } from 'zod';
import { method } from '../method';
import type { LaporCommitResult, LaporMappingView, LaporPreview } from '../views-imports';

/** The largest export accepted (bytes of the file itself, before base64). */
export const MAX_IMPORT_MB = 20;
export const MAX_IMPORT_BYTES = MAX_IMPORT_MB * 1024 * 1024;
/** Base64 of MAX_IMPORT_BYTES, rounded up to whole quads. */
const MAX_IMPORT_BASE64 = Math.ceil(MAX_IMPORT_BYTES / 3) * 4;

/** The fields of a LAPOR! export that Alur reads, in the order a mapping screen shows them. */
export const LAPOR_FIELDS = [
  'laporId',
  'receivedAt',
  'title',
  'description',
  'type',
  'category',
  'location',
  'name',
  'email',
  'phone',
  'anonymous',
  'confidential',
  'agency',
  'status',
] as const;
export const LaporField = z.enum(LAPOR_FIELDS);
export type LaporField = z.infer<typeof LaporField>;

const Header = z.string().trim().min(1).max(200);

/**
 * Which column (by its header text, matched case-insensitively) feeds each field. A header
 * means "this column"; a field left out is found by the default LAPOR! header names
 * ("Tracking ID", "Tanggal Laporan", "Judul Laporan"...). Null means "ignore this field" in
 * a preview or commit; in the saved mapping it means "back to the default names".
 */
const Column = Header.nullable().optional();
export const LaporMappingFields = z.object({
  laporId: Column,
  receivedAt: Column,
  title: Column,
  description: Column,
  type: Column,
  category: Column,
  location: Column,
  name: Column,
  email: Column,
  phone: Column,
  anonymous: Column,
  confidential: Column,
  agency: Column,
  status: Column,
} satisfies Record<LaporField, typeof Column>);
export const LaporMapping = LaporMappingFields.strict();
export type LaporMapping = z.infer<typeof LaporMapping>;

const FileName = z.string().trim().min(1).max(300);
const DataBase64 = z
  .string()
  .min(1, 'berkas kosong')
  .max(MAX_IMPORT_BASE64, `berkas terlalu besar (maks. ${MAX_IMPORT_MB} MB)`)
  .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'data berkas bukan base64');

export const importMethods = {
  /** Reads the file and checks every row; writes nothing. */
  'import.lapor.preview': method<LaporPreview>()(
    z.object({ fileName: FileName, dataBase64: DataBase64, mapping: LaporMapping.nullable().default(null) }).strict(),
    'admin',
  ),
  /**
   * Imports every accepted row of the same file in one transaction, or nothing. `sha256` is
   * the preview's: a file that changed since is refused.
   */
  'import.lapor.commit': method<LaporCommitResult>()(
    z
      .object({
        fileName: FileName,
        dataBase64: DataBase64,
        mapping: LaporMapping,
        sha256: z.string().regex(/^[0-9a-f]{64}$/, 'hash SHA-256 tidak valid'),
      })
      .strict(),
    'admin',
  ),
  /** The office's saved mapping (synced like other reference data) and the default header names. */
  'import.lapor.mapping.get': method<LaporMappingView>()(z.object({}).strict(), 'admin'),
  'import.lapor.mapping.save': method<LaporMappingView>()(z.object({ mapping: LaporMapping }).strict(), 'admin'),
} as const;
