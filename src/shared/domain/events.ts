/**
 * The append-only log. What happens to a case is a sequence of immutable events; current
 * state, inboxes and deadlines are projections rebuilt from it.
 */
import { z } from 'zod';
import { ActKind } from '../workflow/preset';
import { ActingKind, CaseType, Channel, DeliveryChannel, Privacy, Urgency } from './enums';
import { Id } from './org';

const Sha256 = z.string().regex(/^[0-9a-f]{64}$/);

/** An attachment stored content-addressed; the bytes live in the blob store. */
export const AttachmentRef = z.object({
  sha256: Sha256,
  /** Sanitised display name, never used as a path. */
  name: z.string().min(1).max(200),
  mime: z.string().min(1).max(100),
  size: z.number().int().min(0),
});
export type AttachmentRef = z.infer<typeof AttachmentRef>;

export const Complainant = z.object({
  name: z.string().trim().min(1).max(120),
  nik: z
    .string()
    .trim()
    .regex(/^\d{16}$/, 'NIK terdiri dari 16 angka')
    .nullable()
    .default(null),
  phone: z.string().trim().max(30).nullable().default(null),
  email: z.email().max(200).nullable().default(null),
  address: z.string().trim().max(500).nullable().default(null),
});
export type Complainant = z.infer<typeof Complainant>;

export const MAX_DESCRIPTION = 20_000;
export const MAX_NOTE = 5_000;

const RegisteredPayload = z.object({
  ref: z.string().min(1).max(60),
  presetId: z.string().min(1).max(48),
  presetVersion: z.number().int().min(1),
  hubUnitId: Id,
  channel: Channel,
  laporId: z.string().trim().max(40).nullable(),
  receivedAt: z.number().int(),
  type: CaseType,
  categoryId: z.string().max(48).nullable(),
  subcategoryId: z.string().max(48).nullable(),
  title: z.string().trim().min(1).max(300),
  description: z.string().trim().min(1).max(MAX_DESCRIPTION),
  location: z.string().trim().max(300).nullable(),
  privacy: Privacy,
  urgency: Urgency,
  attachments: z.array(AttachmentRef).max(20).default([]),
});
type RegisteredPayload = z.infer<typeof RegisteredPayload>;

/**
 * The complainant's identity is its own event so that the shared server can withhold it
 * (row-level security) from units that may not see a *rahasia* identity. An *anonim* case
 * never has one.
 */
const IdentityPayload = z.object({ complainant: Complainant });

const ClassifiedPayload = z.object({
  type: CaseType,
  categoryId: z.string().max(48).nullable(),
  subcategoryId: z.string().max(48).nullable(),
  urgency: Urgency,
  strategic: z.boolean().default(false),
});

export const Target = z.object({ unitId: Id, positionId: Id.nullable().default(null) });
export type Target = z.infer<typeof Target>;

/** A step done on the printed sheet, recorded by the operator with the scan. */
const PaperRecord = z.object({
  scan: AttachmentRef,
  /** The date the official wrote on the sheet ('YYYY-MM-DD'). */
  writtenOn: z.iso.date(),
  recordedBy: Id,
});

/** A task id: `<id of the event that opened it>:<index>`. */
export const TaskId = z
  .string()
  .min(1)
  .max(80)
  .regex(/^[A-Za-z0-9_-]+:\d+$/, 'id tugas tidak valid');

/** The response letter an approval issues: its number is given at signing and never reused. */
export const LetterMeta = z.object({
  number: z.string().min(1).max(100),
  unitId: Id,
  year: z.number().int().min(2000).max(2100),
  seq: z.number().int().min(1),
  /** Letter date, office-local 'YYYY-MM-DD'. */
  date: z.iso.date(),
  /**
   * The signer as the letter names them, fixed when it is signed (so a reprint after a
   * promotion or a rename still prints what was signed).
   */
  signer: z
    .object({ name: z.string().max(120), rank: z.string().max(80).nullable(), nip: z.string().max(18).nullable(), position: z.string().max(200) })
    .nullable()
    .default(null),
});
export type LetterMeta = z.infer<typeof LetterMeta>;

export const ActPayload = z.object({
  taskId: TaskId,
  stepId: z.string().min(1).max(48),
  actionId: z.string().min(1).max(48),
  targets: z.array(Target).max(50).default([]),
  instructions: z.array(z.string().min(1).max(120)).max(30).default([]),
  note: z.string().trim().max(MAX_NOTE).nullable().default(null),
  urgency: Urgency.nullable().default(null),
  dueAt: z.number().int().nullable().default(null),
  /** The drafted or final response text. */
  response: z.string().trim().max(MAX_DESCRIPTION).nullable().default(null),
  attachments: z.array(AttachmentRef).max(20).default([]),
  paper: PaperRecord.nullable().default(null),
  letter: LetterMeta.nullable().default(null),
});
export type ActPayload = z.infer<typeof ActPayload>;

export const ACT_EVENT_TYPES = {
  forward: 'case.forwarded',
  dispose: 'case.disposed',
  return: 'case.returned',
  draft: 'case.drafted',
  approve: 'case.approved',
  answer: 'case.answered',
} as const satisfies Record<ActKind, string>;

/**
 * Why a case closed: `manual` by the desk (the complainant is satisfied, or another reason in
 * the note), `no_reaction` by the system after the reaction period, `transferred` to another
 * agency and `not_competent` (not this office's) where the step allows it (preset
 * `closeReasons`), `duplicate` of another case (the note names it).
 */
const CLOSE_REASONS = ['manual', 'no_reaction', 'transferred', 'not_competent', 'duplicate'] as const;
export const CloseReason = z.enum(CLOSE_REASONS);
export type CloseReason = z.infer<typeof CloseReason>;

const Reason = z.object({ reason: z.string().trim().min(1).max(MAX_NOTE) });

export const EventBody = z.discriminatedUnion('type', [
  z.object({ type: z.literal('case.registered'), payload: RegisteredPayload }),
  z.object({ type: z.literal('case.identity_recorded'), payload: IdentityPayload }),
  z.object({ type: z.literal('case.classified'), payload: ClassifiedPayload }),
  z.object({ type: z.literal(ACT_EVENT_TYPES.forward), payload: ActPayload }),
  z.object({ type: z.literal(ACT_EVENT_TYPES.dispose), payload: ActPayload }),
  z.object({ type: z.literal(ACT_EVENT_TYPES.return), payload: ActPayload }),
  z.object({ type: z.literal(ACT_EVENT_TYPES.draft), payload: ActPayload }),
  z.object({ type: z.literal(ACT_EVENT_TYPES.approve), payload: ActPayload }),
  z.object({ type: z.literal(ACT_EVENT_TYPES.answer), payload: ActPayload }),
  z.object({ type: z.literal('case.paused'), payload: Reason }),
  z.object({ type: z.literal('case.resumed'), payload: z.object({ note: z.string().max(MAX_NOTE).nullable().default(null) }) }),
  z.object({ type: z.literal('case.note_added'), payload: z.object({ text: z.string().trim().min(1).max(MAX_NOTE) }) }),
  z.object({ type: z.literal('case.attachment_added'), payload: z.object({ attachment: AttachmentRef }) }),
  z.object({ type: z.literal('case.extended'), payload: Reason }),
  z.object({ type: z.literal('case.escalated'), payload: Reason }),
  z.object({
    type: z.literal('case.closed'),
    payload: z.object({
      reason: CloseReason,
      note: z.string().max(MAX_NOTE).nullable().default(null),
      /**
       * The original case a `duplicate` close points to (issue 15). Optional: events stored
       * before it have none, and an older workstation's schema strips it and applies the
       * close as a plain duplicate close whose note names the original.
       */
      duplicateOf: z.uuid().optional(),
    }),
  }),
  z.object({ type: z.literal('case.reopened'), payload: Reason }),
  /**
   * The answer reached the complainant by `channel` at `deliveredAt` (issue 15). A new type:
   * an older workstation refuses it on pull as not matching its schema and keeps it in its
   * refused list (visible in the sync status), never applied and never lost.
   */
  z.object({
    type: z.literal('case.answer_delivered'),
    payload: z.object({ channel: DeliveryChannel, deliveredAt: z.number().int(), note: z.string().trim().max(MAX_NOTE).nullable().default(null) }),
  }),
  /** A printed or saved copy of a document (its SHA-256), so a file can later be verified. */
  z.object({
    type: z.literal('case.document_issued'),
    payload: z.object({
      kind: z.enum(['sheet', 'letter']),
      format: z.enum(['pdf', 'docx']),
      sha256: Sha256,
      /** The signed act the document shows (the approval, for a letter). */
      sourceEventId: z.uuid().nullable(),
    }),
  }),
]);
export type EventBody = z.infer<typeof EventBody>;
export type EventType = EventBody['type'];

const EventMeta = z.object({
  /** UUIDv7: unique across devices, roughly time-ordered. */
  id: z.uuid(),
  caseId: z.uuid(),
  hlc: z.string().min(24).max(100),
  /** When it happened, by the acting device's clock (ms since epoch). */
  at: z.number().int(),
  /** null for acts of the system itself (automatic close, escalation). */
  authorId: Id.nullable(),
  positionId: Id.nullable(),
  acting: ActingKind.nullable(),
  deviceId: z.string().min(1).max(64),
  signature: z.string().max(400).nullable().default(null),
  /**
   * The writer's seal over the whole event (keys/seal.ts): every event a user writes carries
   * one, made with the key opened at login. Absent on events from before sealing and on
   * automatic acts; a pulled event without a valid one is quarantined (sync/event-trust.ts).
   */
  seal: z.string().max(200).nullish(),
});

export const CaseEvent = z.intersection(EventMeta, EventBody);
export type CaseEvent = z.infer<typeof EventMeta> & EventBody;

/** Event types a projection or report may switch over exhaustively. */
export type EventOf<T extends EventType> = CaseEvent & { type: T };
