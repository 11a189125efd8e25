/**
 * The sync part of the contract: the connection form, the status the status bar shows, and
 * the reports of a round. Shared so the UI and the backend agree on one definition.
 */
import { z } from 'zod';

export const SSL_MODES = ['disable', 'prefer', 'require', 'verify-full'] as const;
export type SslMode = (typeof SSL_MODES)[number];

export const SYNC_ERROR_CODES = [
  'NOT_CONFIGURED',
  'BAD_URL',
  'SERVER_NOT_FOUND',
  'UNREACHABLE',
  'NOT_POSTGRES',
  'WRONG_PASSWORD',
  'DATABASE_NOT_FOUND',
  'NOT_ALUR',
  'SERVER_NEWER',
  'SERVER_OLDER',
  'WORKSTATION_TOO_OLD',
  'NOT_UNIT_LOGIN',
  'WRONG_OFFICE',
  'LOCAL_HAS_OFFICE',
  'LOCAL_NOT_INITIALIZED',
  'TLS_REQUIRED',
  'TLS_FAILED',
  'CERT_CHANGED',
  'REFUSED',
  'APPLY_FAILED',
  'INTERNAL',
] as const;
export type SyncErrorCode = (typeof SYNC_ERROR_CODES)[number];

export interface SyncError {
  code: SyncErrorCode;
  /** One line, Indonesian. */
  message: string;
}

export interface SyncReport {
  pushed: { events: number; refs: number };
  pulled: { events: number; refs: number };
  /** Items refused either way this round (kept in sync_rejected). */
  refused: { count: number; first: string | null };
  ms: number;
}

export interface JoinReport extends SyncReport {
  officeName: string | null;
  unitCode: string;
  isHub: boolean;
}

export interface SyncStatus {
  configured: boolean;
  /** user@host:port/database, no password. */
  server: string | null;
  unitCode: string | null;
  /** The last attempt reached the server. */
  online: boolean;
  syncing: boolean;
  /** Local events the server has not acknowledged yet. */
  pending: number;
  /** Items sync refused (either way) that nobody has resolved. */
  rejected: number;
  lastSyncAt: number | null;
  lastError: SyncError | null;
}

/** The Settings form. `password: null` keeps the stored one (the form never shows it). */
export const SyncSettingsInput = z
  .object({
    host: z.string().trim().min(1).max(255),
    port: z.number().int().min(1).max(65535).default(5432),
    database: z.string().trim().min(1).max(63),
    user: z.string().trim().min(1).max(63),
    password: z.string().min(1).max(200).nullable(),
    sslmode: z.enum(SSL_MODES).default('prefer'),
    sslrootcert: z.string().trim().min(1).max(1000).nullable().default(null),
    /** The admin confirms the server's new TLS certificate (it was renewed): pin it anew. */
    trustNewCertificate: z.boolean().default(false),
  })
  .strict();
export type SyncSettingsInput = z.output<typeof SyncSettingsInput>;

export interface ConnectionTest {
  ok: boolean;
  error: SyncError | null;
  officeName: string | null;
  unitCode: string | null;
  isHub: boolean;
  tls: 'verified' | 'pinned' | 'none' | null;
}

export interface ConfigureResult {
  ok: boolean;
  error: SyncError | null;
  /** What the first round pushed and pulled (joining pulls the whole office). */
  report: JoinReport | null;
  status: SyncStatus;
}

export interface SyncNowResult {
  ok: boolean;
  error: SyncError | null;
  report: SyncReport | null;
  status: SyncStatus;
}

export interface RejectedItem {
  seq: number;
  at: number;
  direction: 'pull' | 'push';
  kind: 'event' | 'ref';
  itemId: string;
  caseId: string | null;
  reason: string;
}
