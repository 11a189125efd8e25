/**
 * Closed vocabularies of the domain. Ids are stable data (stored in the log and synced);
 * their user-visible labels live in the locale files under `src/renderer/i18n`.
 */
import { z } from 'zod';

export const CHANNELS = ['lapor', 'web', 'sms1708', 'whatsapp', 'phone', 'email', 'social', 'letter', 'walkin'] as const;
export const Channel = z.enum(CHANNELS);
export type Channel = z.infer<typeof Channel>;

/** aspirasi, pengaduan, permintaan informasi */
export const CASE_TYPES = ['aspirasi', 'pengaduan', 'informasi'] as const;
export const CaseType = z.enum(CASE_TYPES);
export type CaseType = z.infer<typeof CaseType>;

/** biasa; rahasia: identity hidden from OPDs; anonim: no identity kept at all. */
export const PRIVACIES = ['biasa', 'rahasia', 'anonim'] as const;
export const Privacy = z.enum(PRIVACIES);
export type Privacy = z.infer<typeof Privacy>;

export const URGENCIES = ['biasa', 'segera', 'sangat_segera'] as const;
export const Urgency = z.enum(URGENCIES);
export type Urgency = z.infer<typeof Urgency>;

/** Sort weight: the inbox shows the most urgent first. */
export function urgencyRank(u: Urgency): number {
  return u === 'sangat_segera' ? 2 : u === 'segera' ? 1 : 0;
}

/**
 * Where a case stands as a whole. `registered`: at the complaint desk before it leaves
 * Diskominfo; `in_process`: with one or more OPDs; `responded`: the OPD's response is back at
 * the desk; `answered`: the complainant has the answer (and, where the preset says so, a
 * period to react); `closed`.
 */
export const CASE_STATUSES = ['registered', 'in_process', 'responded', 'answered', 'closed'] as const;
export const CaseStatus = z.enum(CASE_STATUSES);
export type CaseStatus = z.infer<typeof CaseStatus>;

/** Which side of the chain a role works on. */
const ROLE_SCOPES = ['hub', 'opd'] as const;
export const RoleScope = z.enum(ROLE_SCOPES);
export type RoleScope = z.infer<typeof RoleScope>;

export const UNIT_KINDS = ['hub', 'opd'] as const;
export const UnitKind = z.enum(UNIT_KINDS);
export type UnitKind = z.infer<typeof UnitKind>;

/** Plt. (pelaksana tugas) for a vacant post, Plh. (pelaksana harian) for an absent holder. */
export const ACTING_KINDS = ['plt', 'plh'] as const;
export const ActingKind = z.enum(ACTING_KINDS);
export type ActingKind = z.infer<typeof ActingKind>;

/**
 * How the answer reached the complainant (issue 15): LAPOR!, SMS, WhatsApp, e-mail, a letter,
 * the telephone or in person at the desk.
 */
export const DELIVERY_CHANNELS = ['lapor', 'sms', 'whatsapp', 'email', 'letter', 'phone', 'in_person'] as const;
export const DeliveryChannel = z.enum(DELIVERY_CHANNELS);
export type DeliveryChannel = z.infer<typeof DeliveryChannel>;
