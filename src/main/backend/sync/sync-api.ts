/**
 * What the contract's sync handlers call: the status bar's state, the Settings form
 * (test, save) and "Sinkronkan sekarang". Failures to reach or use the server are expected
 * and come back as data (`error: {code, message}`), never as a thrown exception.
 */
import { z } from 'zod';
import type { BackendContext } from '../services/context';
import { disconnect, SSL_MODES, type ServerSettings } from './server-connection';
import { connectOffice, openSession, syncRound, type JoinReport, type SyncReport } from './sync-engine';
import type { SyncError } from './sync-errors';
import { kickSyncLoop } from './sync-loop';
import { loadConfig } from './settings-store';
import { syncStatus as readStatus, type SyncStatus } from './sync-status';

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

export function syncStatus(ctx: BackendContext): Promise<SyncStatus> {
  return readStatus(ctx);
}

/** The settings to use: the form's, with the stored password and pinned certificate kept. */
async function settingsFrom(input: SyncSettingsInput, ctx: BackendContext | null): Promise<ServerSettings | null> {
  const stored = ctx ? (await loadConfig(ctx.db, ctx.options.dataDir))?.settings : null;
  const password = input.password ?? stored?.password ?? null;
  if (password === null) return null;
  const sameServer = stored && stored.host === input.host && stored.port === input.port;
  return { ...input, password, pinnedCert: sameServer ? stored.pinnedCert : null };
}

const NEED_PASSWORD: SyncError = { code: 'BAD_URL', message: 'Kata sandi login server wajib diisi.' };

/** Tries the settings without saving anything. */
export async function testConnection(input: SyncSettingsInput, ctx: BackendContext | null = null): Promise<ConnectionTest> {
  const settings = await settingsFrom(input, ctx);
  if (!settings) return { ok: false, error: NEED_PASSWORD, officeName: null, unitCode: null, isHub: false, tls: null };
  const s = await openSession(settings);
  if (!s.ok) return { ok: false, error: s.error, officeName: null, unitCode: null, isHub: false, tls: null };
  await disconnect(s.value.client);
  const m = s.value.membership;
  return { ok: true, error: null, officeName: s.value.officeName, unitCode: m.unitCode, isHub: m.isHub, tls: s.value.tls };
}

/**
 * Saves the settings after checking them against the server, and runs a first round (which,
 * on a workstation without an office yet, joins the office and pulls it). Refused settings
 * leave the workstation as it was.
 */
export async function configureSync(ctx: BackendContext, input: SyncSettingsInput): Promise<ConfigureResult> {
  const settings = await settingsFrom(input, ctx);
  if (!settings) return { ok: false, error: NEED_PASSWORD, report: null, status: await readStatus(ctx) };
  const r = await connectOffice(ctx, settings);
  kickSyncLoop(ctx);
  return r.ok ? { ok: true, error: null, report: r.value, status: await readStatus(ctx) } : { ok: false, error: r.error, report: null, status: await readStatus(ctx) };
}

/** One round now. */
export async function syncNow(ctx: BackendContext): Promise<SyncNowResult> {
  const r = await syncRound(ctx);
  return r.ok ? { ok: true, error: null, report: r.value, status: await readStatus(ctx) } : { ok: false, error: r.error, report: null, status: await readStatus(ctx) };
}
