/**
 * Contract methods of the end of a case besides the answer (issue 15): the complainant's
 * reaction (reopen within the preset's reaction window), a close by hand with a reason, and
 * the ways out of a step the preset offers (Magetan: forwarded by the Super Admin to another
 * agency, not the kabupaten's). The complaint desk only.
 */
import { z } from 'zod';
import { MAX_NOTE } from '../../domain/events';
import { method } from '../method';
import type { ManualCloseReason } from '../../workflow/engine-reaction';

const Text = z.string().trim().min(1, 'wajib diisi').max(MAX_NOTE, `terlalu panjang (maks. ${MAX_NOTE} karakter)`);

/** What the desk may do now to end or reopen the case. */
export interface CaseEndOptions {
  /** Empty when the caller is not on the desk or the case is closed. */
  closeReasons: ManualCloseReason[];
  /** The end of the complainant's reaction period when the case can be reopened now, else null. */
  reopenUntil: number | null;
}

export const reactionMethods = {
  'case.endOptions': method<CaseEndOptions>()(z.object({ caseId: z.uuid() }).strict(), 'user'),
  /** Close by hand: the reason (one the case's step allows) and a note saying why. */
  'case.close': method<{ eventId: string }>()(
    z.object({ caseId: z.uuid(), reason: z.enum(['manual', 'transferred', 'not_competent', 'duplicate']), note: Text }).strict(),
    'user',
  ),
  /** The complainant reacted to the answer within the window: their words reopen the case. */
  'case.reopen': method<{ eventId: string }>()(z.object({ caseId: z.uuid(), words: Text }).strict(), 'user'),
} as const;
