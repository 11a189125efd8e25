/** Contract methods of signatures and documents (issue 6): keys, letterheads, sheets, letters, verification. */
import { z } from 'zod';
import { Id } from '../../domain/org';
import { AttachmentRef, MAX_DESCRIPTION } from '../../domain/events';
import { method } from '../method';
import { LetterPageFields } from '../../domain/letter-page';
import type { DocumentFile, DocumentVerification, KeyView, LetterheadView } from '../views-documents';

const Line = (max: number) => z.string().trim().max(max);

export const documentMethods = {
  /** The lembar disposisi of a case as PDF (recorded on the case as an issued copy). */
  'document.sheet': method<DocumentFile>()(z.object({ caseId: z.uuid() }).strict(), 'user'),
  /** The surat tanggapan issued by an approval (the latest when eventId is null). */
  'document.letter': method<DocumentFile>()(
    z
      .object({
        caseId: z.uuid(),
        eventId: z.uuid().nullable().default(null),
        format: z.enum(['pdf', 'docx']),
        /** Also sign the PDF itself (PAdES) with the office's BSrE certificate; PDF only. */
        pades: z
          .object({
            p12Base64: z.string().min(1).max(200_000),
            passphrase: z.string().max(200),
            /** A visible signature box (signer, date) on the signature block. */
            visible: z.boolean().default(false),
          })
          .strict()
          .nullable()
          .default(null),
      })
      .strict(),
    'user',
  ),
  /** The letter as signing would issue it (KONSEP, no number, not recorded), from `response` or the current draft. */
  'document.preview': method<DocumentFile>()(
    z.object({ caseId: z.uuid(), response: z.string().max(MAX_DESCRIPTION).nullable().default(null) }).strict(),
    'user',
  ),
  /** The unit's outgoing letter register (buku agenda surat keluar) of a year, as XLSX; not recorded on any case. */
  'document.letterRegister': method<DocumentFile>()(z.object({ unitId: Id, year: z.number().int().min(2000).max(2100) }).strict(), 'user'),
  /** Checks a PDF or DOCX file: issued by Alur, unaltered, signature valid. */
  'document.verify': method<DocumentVerification>()(
    z.object({ fileName: z.string().min(1).max(300), dataBase64: z.string().min(1).max(30_000_000, 'berkas lebih dari 20 MB') }).strict(),
    'user',
  ),
  /** Checks a letter by its printed verification code or the text of its QR code. */
  'document.verifyCode': method<DocumentVerification>()(z.object({ code: z.string().trim().min(1).max(120) }).strict(), 'user'),

  'key.list': method<KeyView[]>()(z.object({}).strict(), 'admin'),
  /** Revokes a key from `from` (default now): signatures made from then on fail verification. */
  'key.revoke': method<KeyView>()(
    z
      .object({
        keyId: z.string().regex(/^[0-9a-f]{16}$/),
        reason: z.string().trim().min(1).max(300),
        from: z.number().int().nullable().default(null),
      })
      .strict(),
    'admin',
  ),
  /** Certifies a user key with the office root key held by this administrator's session. */
  'key.certify': method<KeyView>()(z.object({ keyId: z.string().regex(/^[0-9a-f]{16}$/) }).strict(), 'admin'),

  'letterhead.list': method<LetterheadView[]>()(z.object({}).strict(), 'admin'),
  'letterhead.save': method<LetterheadView>()(
    z
      .object({
        unitId: Id,
        government: Line(200),
        agency: Line(200),
        address: Line(300),
        contacts: Line(300),
        place: Line(80),
        /** Uploaded first with attachment.upload; must be a PNG or JPEG by content. */
        logo: AttachmentRef.nullable(),
        numberFormat: z
          .string()
          .trim()
          .min(1)
          .max(80)
          .refine((f) => /\{SEQ(:\d)?\}/.test(f), 'format nomor surat wajib memuat {SEQ}')
          // The sequence starts again each year: without the year a number would repeat.
          .refine((f) => f.includes('{YYYY}'), 'format nomor surat wajib memuat {YYYY}')
          .refine(
            (f) => /^([A-Za-z0-9./_ -]|\{(KLAS|UNIT|YYYY|MM|ROMAWI|SEQ(:\d)?)\})+$/.test(f),
            'format hanya boleh huruf, angka, . / - _ dan {KLAS} {SEQ} {UNIT} {MM} {ROMAWI} {YYYY}',
          ),
        classification: Line(30),
        tembusan: z.array(z.string().trim().min(1).max(200)).max(10),
        // Page setup and wording (issue 14); omitted by older callers, which get the defaults.
        ...LetterPageFields,
      })
      .strict(),
    'admin',
  ),
} as const;
