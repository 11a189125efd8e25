/** What the backend returns to the UI: plain, serialisable view models. */
import type { SignatureCheck } from '../signing/canonical';
import type { TimelineSummary } from './timeline-summary';
import type { CaseStatus, CaseType, Channel, Privacy, Urgency, ActingKind } from '../domain/enums';
import type { ActorPosition, Unit, Position, User } from '../domain/org';
import type { AttachmentRef, Complainant, EventType } from '../domain/events';
import type { Conflict, Task } from '../workflow/state';
import type { PresetAction, WorkflowPreset } from '../workflow/preset';
import type { Holiday, OfficeHours, TimeZoneCode } from '../calendar/working-time';

export interface AppInfo {
  version: string;
  schemaVersion: number;
  initialized: boolean;
  officeName: string | null;
  presetId: string | null;
  deviceId: string;
  /** Where this process keeps its data (shown in Settings and the status bar). */
  dataDir: string;
  caseCount: number;
  /** The office's update server (Pengaturan › Kantor), read by the desktop shell's updater. */
  updateUrl: string | null;
}

export interface PresetSummary {
  id: string;
  name: string;
  region: string;
  stepCount: number;
  timeZone: TimeZoneCode;
}

export interface SessionInfo {
  token: string;
  user: Pick<User, 'id' | 'username' | 'fullName' | 'nip' | 'rank' | 'isAdmin'>;
  positions: ActorPosition[];
  /** Minutes of inactivity after which the app locks. */
  idleLockMinutes: number;
}

export interface OfficeOverview {
  officeName: string;
  preset: WorkflowPreset;
  units: Unit[];
  positions: Position[];
}

export interface CaseRow {
  id: string;
  ref: string;
  laporId: string | null;
  title: string;
  channel: Channel;
  type: CaseType;
  categoryId: string | null;
  status: CaseStatus;
  urgency: Urgency;
  privacy: Privacy;
  receivedAt: number;
  /** Earliest due time among open tasks (null when none or paused). */
  dueAt: number | null;
  overdue: boolean;
  paused: boolean;
  /** Names of the steps currently open, for the list's "Posisi" column. */
  currentSteps: string[];
  opdUnitIds: string[];
  conflictCount: number;
}

export interface CaseList {
  rows: CaseRow[];
  /** How many cases match; when `totalIsLowerBound`, counting stopped there and more match. */
  total: number;
  /** Only present, and true, when the count was cut short (a broad list or search). */
  totalIsLowerBound?: true;
}

export interface TimelineEntry {
  id: string;
  type: EventType;
  at: number;
  hlc: string;
  authorName: string | null;
  positionTitle: string | null;
  acting: ActingKind | null;
  /** Step name and action label for workflow acts. */
  stepName: string | null;
  actionLabel: string | null;
  /** Working minutes the closed task took, against the step standard. */
  tookMinutes: number | null;
  standardMinutes: number | null;
  /** The step's standard as the SOP states it (working days or office minutes), for display. */
  standard: { days?: number; minutes?: number } | null;
  summary: TimelineSummary;
  paper: boolean;
  conflict: string | null;
  /** For a signed act: whether its signature verifies here (null for acts that are not signed). */
  signature: SignatureCheck | null;
}

export interface AllowedActionView {
  taskId: string;
  stepId: string;
  stepName: string;
  action: PresetAction;
  asPositionId: string;
  asTitle: string;
  acting: ActingKind | null;
}

export interface CaseDetail {
  case: CaseRow & {
    description: string;
    location: string | null;
    subcategoryId: string | null;
    strategic: boolean;
    extended: boolean;
    escalatedAt: number | null;
    answer: string | null;
    response: string | null;
    answeredAt: number | null;
    closedAt: number | null;
    presetId: string;
    attachments: AttachmentRef[];
  };
  tasks: Task[];
  conflicts: Conflict[];
  timeline: TimelineEntry[];
  allowed: AllowedActionView[];
  /** null when the case has none, or the caller may not see it (rahasia outside the desk). */
  identity: Complainant | null;
  identityHidden: boolean;
}

export interface InboxRow extends CaseRow {
  taskId: string;
  stepId: string;
  stepName: string;
  taskDueAt: number | null;
  taskOpenedAt: number;
  asPositionId: string;
  returned: boolean;
  dueSoon: boolean;
}

export interface InboxCounts {
  open: number;
  overdue: number;
  dueSoon: number;
}

export interface CalendarView {
  timeZone: TimeZoneCode;
  officeHours: OfficeHours;
  holidays: Holiday[];
}

export interface DuplicateCandidate {
  id: string;
  ref: string;
  title: string;
  status: CaseRow['status'];
  receivedAt: number;
  /** Why it looks the same: the LAPOR! id, the complainant, or the text. */
  reasons: Array<'lapor' | 'complainant' | 'text'>;
}

export interface SavedSearch {
  id: string;
  name: string;
  /** The case-list filters, as `case.list` takes them. */
  filters: Record<string, unknown>;
}

export interface OfficeSettingsView {
  name: string;
  refFormat: string;
  idleLockMinutes: number;
  attachmentLimitMb: number;
  updateUrl: string | null;
  /** This workstation's code in tracking numbers ({DEV}). */
  station: string;
}

export interface AttachmentData {
  name: string;
  mime: string;
  dataBase64: string;
}
