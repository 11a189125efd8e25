/**
 * What the contract's sync handlers call: the status bar's state, the Settings form
 * (test, save) and "Sinkronkan sekarang". Failures to reach or use the server are expected
 * and come back as data (`error: {code, message}`), never as a thrown exception.
 */
import type { BackendContext } from '../services/context';
import { disconnect, type ServerSettings } from './server-connection';
import { connectOffice, openSession, syncRound } from './sync-engine';
import { syncError, type SyncError } from './sync-errors';
import { kickSyncLoop } from './sync-loop';
import { downloadBlob } from './blob-sync';
import { writeBlob } from '../services/attachment.service';
import { loadConfig } from './settings-store';
import { syncStatus as readStatus, type SyncStatus } from './sync-status';
import { SyncSettingsInput, type ConfigureResult, type ConnectionTest, type SyncNowResult } from '../../../shared/api/sync-types';
export { SyncSettingsInput, type ConfigureResult, type ConnectionTest, type SyncNowResult };

export function syncStatus(ctx: BackendContext): Promise<SyncStatus> {
  return readStatus(ctx);
}

/** The settings to use: the form's, with the stored password and pinned certificate kept. */
async function settingsFrom(input: SyncSettingsInput, ctx: BackendContext | null): Promise<ServerSettings | null> {
  const stored = ctx ? (await loadConfig(ctx.db, ctx.options.dataDir))?.settings : null;
  const password = input.password ?? stored?.password ?? null;
  if (password === null) return null;
  const keepPin = stored && stored.host === input.host && stored.port === input.port && !input.trustNewCertificate;
  const { trustNewCertificate: _t, ...fields } = input;
  return { ...fields, password, pinnedCert: keepPin ? stored.pinnedCert : null };
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
  return r.ok
    ? { ok: true, error: null, report: r.value, status: await readStatus(ctx) }
    : { ok: false, error: r.error, report: null, status: await readStatus(ctx) };
}

/**
 * The first-run screen's "join an office on the server": only on a workstation with no office
 * yet (so it can be public: there is no administrator to log in as). Otherwise refused.
 */
export async function joinOffice(ctx: BackendContext, input: SyncSettingsInput): Promise<ConfigureResult> {
  const has = (await ctx.db.selectFrom('ref_record').select('id').where('kind', '=', 'office').executeTakeFirst()) !== undefined;
  const joined = (await loadConfig(ctx.db, ctx.options.dataDir)) !== null;
  if (has || joined) return { ok: false, error: syncError('LOCAL_HAS_OFFICE'), report: null, status: await readStatus(ctx) };
  return configureSync(ctx, input);
}

import type { RejectedItem } from '../../../shared/api/sync-types';
export type { RejectedItem };

/** What sync refused and nobody resolved yet, newest first (the copy kept is not shown). */
export async function listRejected(ctx: BackendContext, limit = 200): Promise<RejectedItem[]> {
  const rows = await ctx.db
    .selectFrom('sync_rejected')
    .select(['seq', 'at', 'direction', 'kind', 'item_id', 'case_id', 'reason'])
    .where('resolved_at', 'is', null)
    .orderBy('seq', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    seq: r.seq,
    at: r.at,
    direction: r.direction === 'push' ? 'push' : 'pull',
    kind: r.kind === 'ref' ? 'ref' : 'event',
    itemId: r.item_id,
    caseId: r.case_id,
    reason: r.reason,
  }));
}

/** One round now. */
export async function syncNow(ctx: BackendContext): Promise<SyncNowResult> {
  const r = await syncRound(ctx);
  return r.ok
    ? { ok: true, error: null, report: r.value, status: await readStatus(ctx) }
    : { ok: false, error: r.error, report: null, status: await readStatus(ctx) };
}

/**
 * Fetches an attachment this workstation does not hold from the server (on demand, when
 * someone opens it), checks its hash and stores it. Null when there is no server or it has none.
 */
export async function fetchBlob(ctx: BackendContext, sha256: string): Promise<Uint8Array | null> {
  const cfg = await loadConfig(ctx.db, ctx.options.dataDir);
  if (!cfg?.settings) return null;
  const s = await openSession(cfg.settings);
  if (!s.ok) return null;
  try {
    const bytes = await downloadBlob(s.value.client, sha256);
    if (bytes) writeBlob(ctx.options.dataDir, sha256, bytes);
    return bytes;
  } finally {
    await disconnect(s.value.client);
  }
}
