/** Contract methods of the complaint desk (issue 5): attachments, paper steps, duplicates, saved searches, settings. */
import { z } from 'zod';
import { AttachmentRef, MAX_DESCRIPTION, MAX_NOTE, Target, TaskId } from '../../domain/events';
import { Complainant } from '../../domain/events';
import { Urgency } from '../../domain/enums';
import { Id } from '../../domain/org';
import { method } from '../method';
import type { AttachmentData, DuplicateCandidate, OfficeSettingsView, SavedSearch } from '../views';
import { CaseListInput } from '../filters';

const Sha256 = z.string().regex(/^[0-9a-f]{64}$/);

export const deskMethods = {
  /** Upload first, then reference the returned attachment in a registration, an act or `case.attach`. */
  'attachment.upload': method<AttachmentRef>()(z.object({ name: z.string().min(1).max(300), dataBase64: z.string().min(1) }).strict(), 'user'),
  'attachment.get': method<AttachmentData>()(z.object({ caseId: z.uuid(), sha256: Sha256 }).strict(), 'user'),
  'case.attach': method<{ eventId: string }>()(z.object({ caseId: z.uuid(), attachment: AttachmentRef }).strict(), 'user'),
  /**
   * A step done on the printed sheet: the desk (or a user of the task's unit) records what the
   * official wrote, with the scan; the act is the official's, marked as paper.
   */
  'case.recordPaper': method<{ caseId: string; eventId: string }>()(
    z
      .object({
        caseId: z.uuid(),
        taskId: TaskId,
        actionId: z.string().min(1).max(48),
        /** The official's post whose act this is. */
        positionId: Id,
        writtenOn: z.iso.date(),
        scan: AttachmentRef,
        targets: z.array(Target).max(50).default([]),
        instructions: z.array(z.string().min(1).max(120)).max(30).default([]),
        note: z.string().trim().max(MAX_NOTE).nullable().default(null),
        urgency: Urgency.nullable().default(null),
        dueAt: z.number().int().nullable().default(null),
        response: z.string().trim().min(1).max(MAX_DESCRIPTION).nullable().default(null),
      })
      .strict(),
    'user',
  ),
  /** Likely duplicates of a case about to be registered (shown before saving). */
  'case.duplicates': method<DuplicateCandidate[]>()(
    z
      .object({
        laporId: z.string().trim().max(40).nullable().default(null),
        complainant: Complainant.nullable().default(null),
        title: z.string().trim().max(300).default(''),
        description: z.string().trim().max(MAX_DESCRIPTION).default(''),
      })
      .strict(),
    'user',
  ),
  'search.saved.list': method<SavedSearch[]>()(z.object({}).strict(), 'user'),
  'search.saved.save': method<SavedSearch>()(
    z.object({ id: Id.nullable(), name: z.string().trim().min(1).max(80), filters: CaseListInput }).strict(),
    'user',
  ),
  'search.saved.delete': method<null>()(z.object({ id: Id }).strict(), 'user'),
  'settings.get': method<OfficeSettingsView>()(z.object({}).strict(), 'admin'),
  'settings.save': method<OfficeSettingsView>()(
    z
      .object({
        name: z.string().trim().min(1).max(200),
        refFormat: z
          .string()
          .trim()
          .min(1)
          .max(60)
          .refine((f) => /\{SEQ(:\d)?\}/.test(f), 'format nomor wajib memuat {SEQ} atau {SEQ:n}')
          .refine(
            (f) => /^([A-Za-z0-9./_-]|\{(YYYY|YY|MM|DEV|UNIT|SEQ(:\d)?)\})+$/.test(f),
            'format hanya boleh huruf, angka, . / - _ dan {YYYY} {YY} {MM} {DEV} {UNIT} {SEQ:n}',
          ),
        idleLockMinutes: z.number().int().min(1).max(240),
        attachmentLimitMb: z.number().int().min(1).max(200),
        updateUrl: z
          .url({ protocol: /^https?$/ })
          .max(300)
          .nullable(),
        station: z
          .string()
          .trim()
          .regex(/^[A-Z0-9]{1,4}$/, 'kode stasiun 1-4 huruf besar atau angka'),
      })
      .strict(),
    'admin',
  ),
} as const;
