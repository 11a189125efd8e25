/**
 * One sync round, and joining an office: connect, check the server (PostgreSQL, ours, this
 * version, this office, a unit login), push what is waiting here, pull what is new there.
 * Every step is idempotent and every cursor moves only after its data is safe, so a round
 * can be cut anywhere (network, killed process, server restart) and simply run again.
 *
 * Order: reference data before events, both ways, because an event may name a preset, unit
 * or user that arrives as reference data (a new preset version must exist before a case that
 * started with it is projected).
 */
import type pg from 'pg';
import { getRef } from '../refdata/ref-store';
import type { BackendContext } from '../services/context';
import { connectServer, disconnect, parseServerUrl, type ServerSettings } from './server-connection';
import { inspectServer, refuseState, SERVER_SCHEMA_VERSION } from './server-schema';
import { classifyError, syncError, syncFail, SyncFailure, type SyncError, type SyncResult } from './sync-errors';
import { pullEvents, pullRefs } from './sync-pull';
import { retryQuarantine } from './clock-quarantine';
import { pushEvents, pushRefs } from './sync-push';
import { loadConfig, recordOutcome, saveConfig, type Membership, type Rejection } from './settings-store';
import { runExclusive, setRuntime } from './sync-status';
import { auditSyncStep } from '../audit/audit-server';
import { SYNC_PROTOCOL, tooOld } from './sync-protocol';

interface Session {
  client: pg.Client;
  settings: ServerSettings;
  membership: Membership;
  officeName: string | null;
  tls: 'verified' | 'pinned' | 'none';
}

import type { JoinReport, SyncReport } from '../../../shared/api/sync-types';
export type { JoinReport, SyncReport };

/**
 * Connects and checks that this server is one we can sync with, as this login. The returned
 * settings carry the certificate pinned on first use.
 */
export async function openSession(settings: ServerSettings, timeoutMs?: number): Promise<SyncResult<Session>> {
  const c = await connectServer(settings, timeoutMs);
  if (!c.ok) return c;
  const client = c.value.client;
  const target = { host: settings.host, port: settings.port, user: settings.user, database: settings.database };
  let good = false;
  try {
    const state = await inspectServer(client);
    const refusal = refuseState(state, settings.database);
    if (refusal) return { ok: false, error: refusal };
    if (state.kind === 'empty') return syncFail('NOT_ALUR', { database: settings.database, reason: 'belum disiapkan dengan "alur server init"' });
    if (state.kind === 'ours' && state.version < SERVER_SCHEMA_VERSION)
      return syncFail('SERVER_OLDER', { server: state.version, app: SERVER_SCHEMA_VERSION });
    const oldest = state.kind === 'ours' ? tooOld(state.minProtocol) : null;
    if (oldest !== null) return syncFail('WORKSTATION_TOO_OLD', { min: oldest, app: SYNC_PROTOCOL });
    const me = await client.query<{ unit_id: string; unit_code: string; is_hub: boolean }>(
      'SELECT unit_id, unit_code, is_hub FROM alur.unit_login WHERE login = current_user',
    );
    const row = me.rows[0];
    if (!row || state.kind !== 'ours' || !state.officeId) return syncFail('NOT_UNIT_LOGIN', { user: settings.user });
    const session: Session = {
      client,
      settings: { ...settings, pinnedCert: c.value.pinnedCert },
      membership: { officeId: state.officeId, unitId: row.unit_id, unitCode: row.unit_code, isHub: row.is_hub },
      officeName: state.officeName,
      tls: c.value.tls,
    };
    good = true;
    return { ok: true, value: session };
  } catch (e) {
    return { ok: false, error: classifyError(e, target) };
  } finally {
    // Only a failed check closes here; a good session is the caller's to close.
    if (!good) await disconnect(client);
  }
}

function summarise(refused: readonly Rejection[]): SyncReport['refused'] {
  const first = refused[0];
  return {
    count: refused.length,
    first: first ? `${first.kind === 'event' ? 'peristiwa' : 'data referensi'} ${first.itemId}: ${first.reason}` : null,
  };
}

async function localOfficeId(ctx: BackendContext): Promise<string | null> {
  return (await getRef(ctx.db, 'office', 'office'))?.hubUnitId ?? null;
}

async function exchange(ctx: BackendContext, s: Session): Promise<SyncReport> {
  const started = Date.now();
  const refused: Rejection[] = [];
  const refsOut = s.membership.isHub ? await pushRefs(ctx, s.client) : { sent: 0, inserted: 0 };
  const eventsOut = await pushEvents(ctx, s.client);
  // The audit trail: checked against the server's checkpoints, then checkpointed (audit/audit-server.ts).
  await auditSyncStep(ctx, s.client);
  refused.push(...eventsOut.refused);
  const refsIn = await pullRefs(ctx, s.client);
  refused.push(...refsIn.refused);
  // After the reference data: an assignment just pulled may explain a quarantined event.
  await retryQuarantine(ctx, s.client);
  const eventsIn = await pullEvents(ctx, s.client, s.membership);
  refused.push(...eventsIn.refused);
  return {
    pushed: { events: eventsOut.inserted, refs: refsOut.inserted },
    pulled: { events: eventsIn.applied, refs: refsIn.read },
    refused: summarise(refused),
    ms: Date.now() - started,
  };
}

/** Runs `fn` on a checked session, closes it, and records the outcome for the status bar. */
async function runOnSession<T>(ctx: BackendContext, s: Session, fn: (s: Session) => Promise<T>): Promise<SyncResult<T>> {
  const t = s.settings;
  try {
    const value = await fn(s);
    await recordOutcome(ctx.db, ctx.now(), null);
    setRuntime(ctx, { online: true });
    return { ok: true, value };
  } catch (e) {
    const error = e instanceof SyncFailure ? e.error : classifyError(e, { host: t.host, port: t.port, user: t.user, database: t.database });
    await recordOutcome(ctx.db, ctx.now(), error).catch(ctx.log.failure('sync.record_outcome_failed'));
    setRuntime(ctx, { online: reachable(error) });
    return { ok: false, error };
  } finally {
    await disconnect(s.client);
  }
}

/** "Online" in the status bar: the server answered, even if it then said no. */
function reachable(e: SyncError): boolean {
  return e.code !== 'UNREACHABLE' && e.code !== 'SERVER_NOT_FOUND' && e.code !== 'NOT_POSTGRES';
}

async function failedToOpen(ctx: BackendContext, error: SyncError): Promise<SyncResult<never>> {
  await recordOutcome(ctx.db, ctx.now(), error);
  setRuntime(ctx, { online: reachable(error) });
  return { ok: false, error };
}

/** One round with the stored settings: push, then pull. */
export async function syncRound(ctx: BackendContext): Promise<SyncResult<SyncReport>> {
  return runExclusive(ctx, async () => {
    const cfg = await loadConfig(ctx.db, ctx.options.dataDir);
    if (!cfg) return syncFail('NOT_CONFIGURED');
    if (!cfg.settings) {
      const error = syncError('NOT_CONFIGURED');
      await recordOutcome(ctx.db, ctx.now(), error);
      return { ok: false, error };
    }
    const opened = await openSession(cfg.settings);
    if (!opened.ok) return failedToOpen(ctx, opened.error);
    return runOnSession(ctx, opened.value, async (s) => {
      if (s.membership.officeId !== cfg.officeId) {
        throw new SyncFailure(
          syncError('WRONG_OFFICE', {
            server: s.officeName ?? s.membership.officeId,
            local: (await ctx.office().catch(() => null))?.name ?? cfg.officeId,
          }),
        );
      }
      if (s.settings.pinnedCert !== cfg.settings?.pinnedCert || s.membership.unitId !== cfg.unitId)
        await saveConfig(ctx.db, ctx.options.dataDir, s.settings, s.membership, ctx.now());
      return exchange(ctx, s);
    });
  });
}

/**
 * Connects this workstation to the office on the server: on an empty data folder it joins
 * (stores the settings, then pulls the reference data and what this unit may see); on one
 * already joined to the same office it replaces the settings (a rotated password). A folder
 * holding another office, or its own unpublished office, is refused and left unchanged.
 */
export async function connectOffice(ctx: BackendContext, settings: ServerSettings): Promise<SyncResult<JoinReport>> {
  return runExclusive(ctx, async () => {
    const cfg = await loadConfig(ctx.db, ctx.options.dataDir);
    const local = await localOfficeId(ctx);
    const opened = await openSession(settings);
    // Nothing is written here before the server passed every check.
    if (!opened.ok) return opened;
    const s = opened.value;
    const theirs = s.membership.officeId;
    const mine = cfg?.officeId ?? local;
    if (mine && mine !== theirs) {
      await disconnect(s.client);
      const name = (await ctx.office().catch(() => null))?.name ?? mine;
      return syncFail(cfg ? 'WRONG_OFFICE' : 'LOCAL_HAS_OFFICE', { server: s.officeName ?? theirs, local: name });
    }
    await saveConfig(ctx.db, ctx.options.dataDir, s.settings, s.membership, ctx.now());
    const round = await runOnSession(ctx, s, (x) => exchange(ctx, x));
    if (!round.ok) return round;
    return { ok: true, value: { ...round.value, officeName: s.officeName, unitCode: s.membership.unitCode, isHub: s.membership.isHub } };
  });
}

/** `connectOffice` from a URL (the CLI's `alur sync --url`). */
export async function connectOfficeByUrl(ctx: BackendContext, url: string): Promise<SyncResult<JoinReport>> {
  const parsed = parseServerUrl(url);
  if (!parsed.ok) return parsed;
  const cfg = await loadConfig(ctx.db, ctx.options.dataDir);
  // Same server as before: keep the certificate pinned then.
  const same = cfg?.settings && cfg.settings.host === parsed.value.host && cfg.settings.port === parsed.value.port;
  return connectOffice(ctx, { ...parsed.value, pinnedCert: same ? (cfg?.settings?.pinnedCert ?? null) : null });
}
