/**
 * Contract methods of the signature book (issue 15): what awaits the caller's signature or
 * approval across all their posts (Plt./Plh. included), several signed acts with one password
 * entry, and "Disposisi keluar" (what the caller passed on and where each case is now).
 */
import { z } from 'zod';
import { ActingKind, Urgency } from '../../domain/enums';
import { MAX_NOTE, TaskId, Target } from '../../domain/events';
import { Id } from '../../domain/org';
import type { ApiError } from '../../result';
import type { PresetAction } from '../../workflow/preset';
import { method } from '../method';

/** Most acts one batch may carry: each is its own transaction, the password is checked once. */
const MAX_BATCH = 50;
/** "Disposisi keluar" answers at most this many acts, newest first. */
export const OUTGOING_LIMIT = 500;

/** One act of a batch: what `case.act` takes, without the password (given once for all). */
const BatchActItem = z
  .object({
    caseId: z.uuid(),
    taskId: TaskId,
    actionId: z.string().min(1).max(48),
    asPositionId: Id,
    targets: z.array(Target).max(50).default([]),
    instructions: z.array(z.string().min(1).max(120)).max(30).default([]),
    note: z.string().trim().max(MAX_NOTE).nullable().default(null),
    urgency: Urgency.nullable().default(null),
    dueAt: z.number().int().nullable().default(null),
  })
  .strict();
export type BatchActItem = z.input<typeof BatchActItem>;

/** Someone who acted: name and the post they acted as. */
export interface ActorRef {
  name: string;
  positionTitle: string | null;
  acting: ActingKind | null;
}

/** A task of one of the caller's posts at a step whose act the SOP has signed. */
export interface SignBookItem {
  caseId: string;
  ref: string;
  title: string;
  urgency: Urgency;
  taskId: string;
  stepName: string;
  asPositionId: string;
  asTitle: string;
  acting: ActingKind | null;
  /** The signed act offered at this step (a disposition or the approval of a drafted letter). */
  action: PresetAction;
  /** The way back the step offers (a reason is required), or null. */
  returnAction: PresetAction | null;
  /** Who handed it over (the act that opened this task), null for an automatic one. */
  sentBy: ActorRef | null;
  sentAt: number;
  dueAt: number | null;
  overdue: boolean;
  /** Signable in a batch with no further input: an approval signs the draft as it stands. */
  batchable: boolean;
}

export type BatchItemResult =
  { caseId: string; taskId: string; ok: true; eventId: string } | { caseId: string; taskId: string; ok: false; error: ApiError };

/** Where a case I passed on is now: each open task's step and unit. */
export interface OutgoingPlace {
  stepName: string;
  unitName: string;
  dueAt: number | null;
  overdue: boolean;
}

export interface OutgoingItem {
  eventId: string;
  caseId: string;
  ref: string;
  title: string;
  at: number;
  /** The act's label in the preset ("Disposisi ke OPD", "Teruskan"). */
  actionLabel: string;
  stepName: string;
  asTitle: string | null;
  acting: ActingKind | null;
  /** Units or posts it went to (a disposition's targets). */
  targets: string[];
  status: string;
  now: OutgoingPlace[];
  overdue: boolean;
}

export interface OutgoingList {
  rows: OutgoingItem[];
  /** More acts than OUTGOING_LIMIT in the period: the oldest are left out. */
  truncated: boolean;
}

export const signbookMethods = {
  'signbook.list': method<SignBookItem[]>()(z.object({}).strict(), 'user'),
  /**
   * Signs several acts with one password: checked once, the key opened once, then each act
   * in its own transaction; one failing does not undo the others. Answers one result per item.
   */
  'signbook.signBatch': method<BatchItemResult[]>()(
    z.object({ items: z.array(BatchActItem).min(1).max(MAX_BATCH), signingPassword: z.string().min(1).max(200) }).strict(),
    'user',
  ),
  /** My forwards and dispositions acted in [from, to] (epoch ms), and where each case is now. */
  'signbook.outgoing': method<OutgoingList>()(
    z
      .object({ from: z.number().int(), to: z.number().int() })
      .strict()
      .refine((v) => v.from <= v.to, 'tanggal akhir sebelum tanggal mulai'),
    'user',
  ),
} as const;
