/**
 * Contract methods of the desk's daily work (issue 15): linking a duplicate to its original,
 * recording how the answer reached the complainant, bulk acts on a list selection, and the
 * office's canned notes and answers.
 */
import { z } from 'zod';
import { DeliveryChannel } from '../../domain/enums';
import { MAX_DESCRIPTION, MAX_NOTE, Target } from '../../domain/events';
import { Id } from '../../domain/org';
import { ActKind } from '../../workflow/preset';
// contract.ts imports this file: the registration schema is read lazily, after both loaded.
import { RegisterCaseInput } from '../contract';
import { method } from '../method';
import type { BulkOption, BulkResult, CannedText, CaseLinks } from '../views-desk-work';

const Note = z.string().trim().max(MAX_NOTE, `catatan terlalu panjang (maks. ${MAX_NOTE} karakter)`);
/** At most this many cases per bulk call: each is its own transaction, and the UI waits for all. */
const MAX_BULK = 200;
const CaseIds = z.array(z.uuid()).min(1, 'pilih minimal satu aduan').max(MAX_BULK, `maks. ${MAX_BULK} aduan sekaligus`);

export const BulkOp = z.discriminatedUnion('kind', [
  /** The same workflow action on each case where the engine offers it to the caller. */
  z
    .object({
      kind: z.literal('act'),
      actionKind: ActKind,
      actionId: z.string().min(1).max(48),
      targets: z.array(Target).max(50).default([]),
      instructions: z.array(z.string().min(1).max(120)).max(30).default([]),
      note: Note.nullable().default(null),
      /** One password entry for a signed act: each case still gets its own signed event. */
      signingPassword: z.string().min(1).max(200).nullable().default(null),
    })
    .strict(),
  /** Each case closed as a duplicate of `originalId`. */
  z.object({ kind: z.literal('closeDuplicate'), originalId: z.uuid(), note: Note.nullable().default(null) }).strict(),
]);

export const deskWorkMethods = {
  'case.links': method<CaseLinks>()(z.object({ caseId: z.uuid() }).strict(), 'user'),
  /** Closes `caseId` as a duplicate of `originalId` (the desk only). */
  'case.linkDuplicate': method<{ eventId: string }>()(
    z.object({ caseId: z.uuid(), originalId: z.uuid(), note: Note.nullable().default(null) }).strict(),
    'user',
  ),
  /** Registers a case and closes it at once as a duplicate of `originalId`, in one transaction. */
  'case.registerDuplicate': method<{ caseId: string; ref: string }>()(
    z.object({ registration: z.lazy(() => RegisterCaseInput), originalId: z.uuid(), note: Note.nullable().default(null) }).strict(),
    'user',
  ),
  /** How and when the answer reached the complainant (the desk only, on an answered case). */
  'case.recordDelivery': method<{ eventId: string }>()(
    z.object({ caseId: z.uuid(), channel: DeliveryChannel, deliveredAt: z.number().int(), note: Note.nullable().default(null) }).strict(),
    'user',
  ),
  'case.bulkOptions': method<BulkOption[]>()(z.object({ caseIds: CaseIds }).strict(), 'user'),
  'case.bulk': method<BulkResult>()(z.object({ caseIds: CaseIds, op: BulkOp }).strict(), 'user'),
  /** The canned texts the caller is offered (the office's and their units'); `all` lists every one (administrators). */
  'canned.list': method<CannedText[]>()(z.object({ all: z.boolean().default(false) }).strict(), 'user'),
  'canned.save': method<CannedText>()(
    z
      .object({
        id: Id.nullable(),
        kind: z.enum(['note', 'answer']),
        unitId: Id.nullable(),
        title: z.string().trim().min(1, 'wajib diisi').max(80),
        text: z.string().trim().min(1, 'wajib diisi').max(MAX_DESCRIPTION),
      })
      .strict(),
    'admin',
  ),
  'canned.delete': method<null>()(z.object({ id: Id }).strict(), 'admin'),
} as const;
