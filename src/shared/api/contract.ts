/**
 * The one typed contract between the UI and the backend: method name -> input schema ->
 * result type, plus the events the backend pushes. Every transport (Electron IPC, in-process
 * for the CLI and tests, loopback HTTP/WebSocket for `npm run dev:web`) serves exactly this,
 * and the receiving side parses every input with these schemas before anything runs.
 */
import { z } from 'zod';
import { method, type MethodSpec } from './method';
import type { SyncStatus } from './sync-types';
import { CaseListInput } from './filters';
import { deskMethods } from './methods/desk';
import { documentMethods } from './methods/documents';
import { reportMethods } from './methods/reports';
import { syncMethods } from './methods/sync';
import { importMethods } from './methods/imports';
import { sessionMethods } from './methods/session';
import { backupMethods } from './methods/backup';
import { reactionMethods } from './methods/reaction';
import { exportMethods } from './methods/exports';
import { supportMethods } from './methods/support';
import { signbookMethods } from './methods/signbook';
import { auditMethods } from './methods/audit';
import { repairMethods } from './methods/repair';
import { deskWorkMethods } from './methods/desk-work';
import { CaseType, Channel, Privacy, Urgency, ActingKind } from '../domain/enums';
import { AttachmentRef, Complainant, MAX_DESCRIPTION, MAX_NOTE, Target, TaskId } from '../domain/events';
import { Id, Username } from '../domain/org';
import { Holiday, OfficeHours, TimeZoneCode } from '../calendar/working-time';
import type { Result } from '../result';
import type { AppInfo, CalendarView, CaseDetail, CaseList, InboxCounts, InboxRow, OfficeOverview, PresetSummary, SessionInfo } from './views';
import type { Assignment, Position, Unit, User } from '../domain/org';

const Password = z.string().min(8, 'kata sandi minimal 8 karakter').max(200);
const Empty = z.object({}).strict();
const Description = z
  .string()
  .trim()
  .min(1, 'uraian tidak boleh kosong')
  .max(MAX_DESCRIPTION, `uraian terlalu panjang (maks. ${MAX_DESCRIPTION} karakter)`);
const Note = z.string().trim().max(MAX_NOTE, `catatan terlalu panjang (maks. ${MAX_NOTE} karakter)`);

export const RegisterCaseInput = z
  .object({
    channel: Channel,
    laporId: z.string().trim().max(40).nullable().default(null),
    receivedAt: z.number().int(),
    type: CaseType,
    categoryId: z.string().max(48).nullable().default(null),
    subcategoryId: z.string().max(48).nullable().default(null),
    title: z.string().trim().min(1, 'judul tidak boleh kosong').max(300),
    description: Description,
    location: z.string().trim().max(300).nullable().default(null),
    privacy: Privacy,
    urgency: Urgency.default('biasa'),
    complainant: Complainant.nullable(),
    /** Uploaded first with `attachment.upload`. */
    attachments: z.array(AttachmentRef).max(20).default([]),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.privacy === 'anonim' && v.complainant !== null)
      ctx.addIssue({ code: 'custom', path: ['complainant'], message: 'aduan anonim tidak menyimpan identitas pengadu' });
    if (v.privacy !== 'anonim' && v.complainant === null)
      ctx.addIssue({ code: 'custom', path: ['complainant'], message: 'identitas pengadu wajib diisi (atau pilih anonim)' });
    if (v.channel === 'lapor' && !v.laporId)
      ctx.addIssue({ code: 'custom', path: ['laporId'], message: 'nomor tracking LAPOR! wajib diisi untuk kanal LAPOR!' });
  });
export type RegisterCaseInput = z.input<typeof RegisterCaseInput>;

export { CaseListInput } from './filters';

const CaseRefInput = z.object({ caseId: z.uuid() }).strict();

export const ActInput = z
  .object({
    caseId: z.uuid(),
    taskId: TaskId,
    actionId: z.string().min(1).max(48),
    /** The post the actor acts as (a user may hold several). */
    asPositionId: Id,
    targets: z.array(Target).max(50).default([]),
    instructions: z.array(z.string().min(1).max(120)).max(30).default([]),
    note: Note.nullable().default(null),
    urgency: Urgency.nullable().default(null),
    dueAt: z.number().int().nullable().default(null),
    response: Description.nullable().default(null),
    /** Evidence for a drafted response, uploaded first with `attachment.upload`. */
    attachments: z.array(AttachmentRef).max(20).default([]),
    /** Required for an act the SOP has signed: opens the signer's key for this act only. */
    signingPassword: z.string().min(1).max(200).nullable().default(null),
  })
  .strict();
export type ActInput = z.input<typeof ActInput>;

/** Methods of the foundation: office, sessions, cases, inbox, administration. */
export const coreMethods = {
  'app.info': method<AppInfo>()(Empty, 'public'),
  'office.presets': method<PresetSummary[]>()(Empty, 'public'),
  'office.create': method<{ officeName: string }>()(
    z
      .object({
        presetId: z.string().min(1).max(48),
        officeName: z.string().trim().min(1).max(200),
        admin: z.object({ username: Username, fullName: z.string().trim().min(1).max(120), password: Password }).strict(),
      })
      .strict(),
    'public',
  ),
  'session.login': method<SessionInfo>()(
    z.object({ username: z.string().trim().min(1).max(40), password: z.string().min(1).max(200) }).strict(),
    'public',
  ),
  'session.logout': method<null>()(Empty, 'user'),
  'session.me': method<SessionInfo>()(Empty, 'user'),
  'office.overview': method<OfficeOverview>()(Empty, 'user'),

  'case.register': method<{ caseId: string; ref: string }>()(RegisterCaseInput, 'user'),
  'case.list': method<CaseList>()(CaseListInput, 'user'),
  'case.get': method<CaseDetail>()(CaseRefInput, 'user'),
  'case.act': method<{ caseId: string; eventId: string }>()(ActInput, 'user'),
  'case.classify': method<{ eventId: string }>()(
    z
      .object({
        caseId: z.uuid(),
        type: CaseType,
        categoryId: z.string().max(48).nullable(),
        subcategoryId: z.string().max(48).nullable(),
        urgency: Urgency,
        strategic: z.boolean().default(false),
      })
      .strict(),
    'user',
  ),
  'case.pause': method<{ eventId: string }>()(z.object({ caseId: z.uuid(), reason: Note.min(1) }).strict(), 'user'),
  'case.resume': method<{ eventId: string }>()(z.object({ caseId: z.uuid(), note: Note.nullable().default(null) }).strict(), 'user'),
  'case.note': method<{ eventId: string }>()(z.object({ caseId: z.uuid(), text: Note.min(1) }).strict(), 'user'),
  'case.extend': method<{ eventId: string }>()(z.object({ caseId: z.uuid(), reason: Note.min(1) }).strict(), 'user'),
  'inbox.list': method<InboxRow[]>()(Empty, 'user'),
  'inbox.counts': method<InboxCounts>()(Empty, 'user'),

  'user.list': method<Array<User & { assignments: Assignment[] }>>()(Empty, 'admin'),
  'user.save': method<{ id: string }>()(
    z
      .object({
        id: Id.nullable(),
        username: Username,
        fullName: z.string().trim().min(1).max(120),
        nip: z
          .string()
          .trim()
          .regex(/^\d{18}$/, 'NIP terdiri dari 18 angka')
          .nullable()
          .default(null),
        rank: z.string().trim().max(80).nullable().default(null),
        isAdmin: z.boolean().default(false),
        active: z.boolean().default(true),
        /** Required for a new user; for an existing one, null keeps the current password. */
        password: Password.nullable().default(null),
      })
      .strict(),
    'admin',
  ),
  'unit.save': method<Unit>()(
    z
      .object({
        id: Id.nullable(),
        code: z.string().trim().min(1).max(20),
        name: z.string().trim().min(1).max(200),
        active: z.boolean().default(true),
      })
      .strict(),
    'admin',
  ),
  'position.save': method<Position>()(
    z.object({ id: Id.nullable(), unitId: Id, roleId: Id, title: z.string().trim().min(1).max(200), active: z.boolean().default(true) }).strict(),
    'admin',
  ),
  'assignment.save': method<Assignment>()(
    z
      .object({
        id: Id.nullable(),
        userId: Id,
        positionId: Id,
        acting: ActingKind.nullable(),
        from: z.iso.date().nullable(),
        until: z.iso.date().nullable(),
      })
      .strict()
      .refine((a) => !a.from || !a.until || a.from <= a.until, 'tanggal akhir sebelum tanggal mulai')
      .refine((a) => a.acting === null || (a.from !== null && a.until !== null), 'Plt./Plh. wajib memiliki rentang tanggal'),
    'admin',
  ),
  'assignment.delete': method<null>()(z.object({ id: Id }).strict(), 'admin'),
  'calendar.get': method<CalendarView>()(Empty, 'user'),
  'calendar.save': method<CalendarView>()(
    z.object({ timeZone: TimeZoneCode, officeHours: OfficeHours, holidays: z.array(Holiday).max(1000) }).strict(),
    'admin',
  ),
} as const;

/**
 * The whole contract. Each feature area keeps its methods in its own file under `methods/`
 * (and its handlers in `src/main/backend/handlers/`), so areas grow without touching each other.
 */
export const contract = {
  ...coreMethods,
  ...deskMethods,
  ...documentMethods,
  ...reportMethods,
  ...syncMethods,
  ...importMethods,
  ...supportMethods,
  ...sessionMethods,
  ...backupMethods,
  ...reactionMethods,
  ...exportMethods,
  ...signbookMethods,
  ...auditMethods,
  ...repairMethods,
  ...deskWorkMethods,
} as const;

type Contract = typeof contract;
export type MethodName = keyof Contract;
export const METHOD_NAMES = Object.keys(contract) as MethodName[];

/** What a caller passes (defaults may be omitted). */
export type InputOf<M extends MethodName> = z.input<Contract[M]['input']>;
/** What the backend sees after parsing. */
export type ParsedInputOf<M extends MethodName> = z.output<Contract[M]['input']>;
export type { Access, MethodSpec } from './method';
export type ResultOf<M extends MethodName> = Contract[M] extends MethodSpec<z.ZodType, infer R> ? R : never;

/** Events the backend pushes to every connected UI. */
export type ServerEvent =
  | { type: 'cases.changed'; caseIds: string[] }
  | { type: 'session.expired' }
  | { type: 'notice'; level: 'info' | 'warning'; message: string; caseId: string | null }
  /** A task opened (a case arrived in an inbox) or is about to be late: the UI tells its user if it is theirs. */
  | { type: 'task.opened' | 'task.due_soon'; task: TaskNotice }
  /** After every sync round, for the status bar. */
  | { type: 'sync.status'; status: SyncStatus };

export interface TaskNotice {
  caseId: string;
  ref: string;
  title: string;
  stepName: string;
  unitId: string;
  roleId: string;
  positionId: string | null;
  dueAt: number | null;
}

/** A client of the contract: one named, typed function per method. */
export type AlurApi = { [M in MethodName]: (input: InputOf<M>) => Promise<Result<ResultOf<M>>> };

/**
 * The single shape every transport adapter implements: deliver one call, with the session
 * token (null before login), and return the backend's `Result` untouched.
 */
export type Transport = (method: MethodName, token: string | null, input: unknown) => Promise<Result<unknown>>;

/** Builds the typed client over any transport. The token is read at every call (it changes at login). */
export function createClient(transport: Transport, getToken: () => string | null): AlurApi {
  const api: Partial<Record<MethodName, (input: unknown) => Promise<Result<unknown>>>> = {};
  for (const name of METHOD_NAMES) {
    api[name] = (input: unknown) => transport(name, getToken(), input);
  }
  // Each entry was built from METHOD_NAMES with the transport's untyped result; the contract
  // types are what the backend guarantees after parsing, so the widening is sound here.
  return api as AlurApi;
}
