/**
 * What the case page shows of one event's payload (`TimelineEntry.summary`), one shape per kind
 * of event, named (ids resolved) by the backend's detail service. The identity is never in it.
 */
import type { AttachmentRef, CloseReason, EventBody, EventType } from '../domain/events';
import type { DeliveryChannel, Urgency } from '../domain/enums';

type PayloadOf<T extends EventType> = Extract<EventBody, { type: T }>['payload'];

/** A file of an event, with what the case page needs to offer it for download. */
export type SummaryFile = Pick<AttachmentRef, 'name' | 'sha256' | 'mime' | 'size'>;

/** A disposition's target: the post's title when one was chosen, else the unit's name. */
interface SummaryTarget {
  unitId: string;
  positionId: string | null;
  name: string;
}

/** A workflow act (forward, dispose, return, draft, approve, answer). */
export interface ActSummary {
  kind: 'act';
  targets: SummaryTarget[];
  instructions: string[];
  note: string | null;
  urgency: Urgency | null;
  dueAt: number | null;
  response: string | null;
  attachments: string[];
  files: SummaryFile[];
  letterNumber: string | null;
  /** An approval whose text the approver corrected before signing: the draft as it was. */
  draftText?: string;
  /** A step done on paper: the date on the sheet, who entered it (null when unknown here), and the scan. */
  paper: { writtenOn: string; recordedBy: string | null; scan: SummaryFile } | null;
}

export type TimelineSummary =
  /** The identity event: nothing of it is shown in the timeline. */
  | { kind: 'hidden' }
  | ({ kind: 'registered'; files: SummaryFile[] } & Pick<
      PayloadOf<'case.registered'>,
      'ref' | 'channel' | 'laporId' | 'receivedAt' | 'type' | 'title' | 'privacy' | 'urgency'
    >)
  | ({ kind: 'classified' } & PayloadOf<'case.classified'>)
  | ActSummary
  | { kind: 'attachment'; attachments: string[]; files: SummaryFile[] }
  | { kind: 'document'; document: PayloadOf<'case.document_issued'>['kind']; format: PayloadOf<'case.document_issued'>['format'] }
  /** Paused, extended, escalated, reopened: the reason given. */
  | { kind: 'reason'; reason: string }
  | { kind: 'resumed'; note: string | null }
  | { kind: 'note'; text: string }
  /** A case closed; a duplicate names the original it was closed for (its id). */
  | { kind: 'closed'; reason: CloseReason; note: string | null; duplicateOf?: string }
  /** How and when the answer reached the complainant. */
  | { kind: 'delivered'; channel: DeliveryChannel; deliveredAt: number; note: string | null };

/** The act's summary of an entry, or null when the entry is not a workflow act. */
export function actSummary(entry: { summary: TimelineSummary }): ActSummary | null {
  return entry.summary.kind === 'act' ? entry.summary : null;
}

/** The note an entry carries (an act's, a resume's or a close's), or null. */
export function summaryNote(s: TimelineSummary): string | null {
  return s.kind === 'act' || s.kind === 'resumed' || s.kind === 'closed' || s.kind === 'delivered' ? s.note : null;
}
