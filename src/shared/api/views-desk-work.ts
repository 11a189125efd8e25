/** What the desk-work methods answer (issue 15): duplicate links, delivery, bulk results, canned texts. */
import type { CaseStatus, DeliveryChannel } from '../domain/enums';
import type { ActKind, TargetKind } from '../workflow/preset';

/** A case linked to another as duplicate or original, with its complainant as the caller may see them. */
export interface LinkedCase {
  id: string;
  ref: string;
  title: string;
  status: CaseStatus;
  receivedAt: number;
  /** The complainant's name; null when anonymous, or hidden (`complainantHidden`). */
  complainant: string | null;
  /** A *rahasia* identity the caller may not read. */
  complainantHidden: boolean;
}

export interface CaseLinks {
  /** The original this case was closed as a duplicate of. */
  duplicateOf: LinkedCase | null;
  /** Cases closed as duplicates of this one (those the caller may see). */
  duplicates: LinkedCase[];
  /** How the current answer reached the complainant, when recorded. */
  delivery: { channel: DeliveryChannel; at: number } | null;
  /** The caller is on the desk and the case carries an answer. */
  canRecordDelivery: boolean;
  /** The caller is on the desk and the case may still be closed as a duplicate. */
  canLinkDuplicate: boolean;
}

/** An act offered on some cases of a selection. */
export interface BulkOption {
  actionId: string;
  label: string;
  kind: ActKind;
  targets: TargetKind | null;
  signed: boolean;
  /** How many of the selected cases allow it now. */
  cases: number;
}

export interface BulkOutcome {
  caseId: string;
  ref: string;
  ok: boolean;
  /** Why it was refused (Indonesian), when not ok. */
  message: string | null;
}

export interface BulkResult {
  done: number;
  failed: number;
  outcomes: BulkOutcome[];
}

export type CannedKind = 'note' | 'answer';

export interface CannedText {
  id: string;
  kind: CannedKind;
  /** null: the whole office; else only that unit's users are offered it. */
  unitId: string | null;
  title: string;
  text: string;
}
