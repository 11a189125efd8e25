/**
 * The workstation's sync configuration and cursors in the local database.
 *
 * The server password is stored encrypted (AES-256-GCM) with the workstation key, which is
 * kept outside the database (secrets/workstation-secret.ts: sealed by the OS store when the app
 * runs, a 0600 file for the CLI). Why not in the database: the database file travels (backups,
 * copies to a colleague for support), the key should not, so a copied database does not carry
 * a usable server password.
 */
import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Database } from '../db/schema';
import { SSL_MODES, describeServer, type ServerSettings } from './server-connection';
import type { SyncError } from './sync-errors';
import { PLAIN_FILE, workstationSecret } from '../secrets/workstation-secret';

type Db = Kysely<Database>;

/** Where the key is when there is no OS store (the CLI). */
export const KEY_FILE = PLAIN_FILE;
const AAD = Buffer.from('alur-sync-settings-v1');

const StoredSettings = z.object({
  host: z.string().min(1),
  port: z.number().int(),
  database: z.string().min(1),
  user: z.string().min(1),
  password: z.string(),
  sslmode: z.enum(SSL_MODES),
  sslrootcert: z.string().nullable(),
  pinnedCert: z.string().nullable(),
});

/** The workstation key; throws (never answers "no settings") when only the app can open it. */
function loadKey(dataDir: string): Buffer {
  return workstationSecret(dataDir).key;
}

function encryptSettings(dataDir: string, s: ServerSettings): string {
  const iv = crypto.randomBytes(12);
  const c = crypto.createCipheriv('aes-256-gcm', loadKey(dataDir), iv);
  c.setAAD(AAD);
  const body = Buffer.concat([c.update(JSON.stringify(s), 'utf8'), c.final()]);
  return Buffer.concat([iv, c.getAuthTag(), body]).toString('base64');
}

/** null when the key is gone or the text was tampered with (GCM authenticates it). */
function decryptSettings(dataDir: string, stored: string): ServerSettings | null {
  const key = loadKey(dataDir);
  try {
    const raw = Buffer.from(stored, 'base64');
    const d = crypto.createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
    d.setAAD(AAD);
    d.setAuthTag(raw.subarray(12, 28));
    const json = Buffer.concat([d.update(raw.subarray(28)), d.final()]).toString('utf8');
    const parsed = StoredSettings.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export interface Membership {
  officeId: string;
  unitId: string;
  unitCode: string;
  isHub: boolean;
}

interface SyncConfig extends Membership {
  settings: ServerSettings | null;
  server: string;
}

export async function loadConfig(db: Db, dataDir: string): Promise<SyncConfig | null> {
  const r = await db.selectFrom('sync_config').selectAll().where('id', '=', 1).executeTakeFirst();
  if (!r) return null;
  return {
    settings: decryptSettings(dataDir, r.settings),
    server: r.server,
    officeId: r.office_id,
    unitId: r.unit_id,
    unitCode: r.unit_code,
    isHub: r.is_hub === 1,
  };
}

export async function saveConfig(db: Db, dataDir: string, s: ServerSettings, m: Membership, now: number): Promise<void> {
  const row = {
    id: 1,
    settings: encryptSettings(dataDir, s),
    server: describeServer(s),
    office_id: m.officeId,
    unit_id: m.unitId,
    unit_code: m.unitCode,
    is_hub: m.isHub ? 1 : 0,
    updated_at: now,
  };
  const { id: _id, ...update } = row;
  await db
    .insertInto('sync_config')
    .values(row)
    .onConflict((oc) => oc.column('id').doUpdateSet(update))
    .execute();
}

interface Cursors {
  pullSeq: number;
  refPullSeq: number;
  pushSeq: number;
  refPushHlc: string;
}

export async function loadCursors(db: Db): Promise<Cursors> {
  const r = await db.selectFrom('sync_state').selectAll().where('id', '=', 1).executeTakeFirst();
  return { pullSeq: r?.pull_seq ?? 0, refPullSeq: r?.ref_pull_seq ?? 0, pushSeq: r?.push_seq ?? 0, refPushHlc: r?.ref_push_hlc ?? '' };
}

type StateUpdate = Partial<{
  pull_seq: number;
  ref_pull_seq: number;
  push_seq: number;
  ref_push_hlc: string;
  last_sync_at: number | null;
  last_error_code: string | null;
  last_error_message: string | null;
}>;

export async function updateState(db: Db, values: StateUpdate): Promise<void> {
  await db
    .insertInto('sync_state')
    .values({ id: 1, ...values })
    .onConflict((oc) => oc.column('id').doUpdateSet(values))
    .execute();
}

export async function recordOutcome(db: Db, at: number, error: SyncError | null): Promise<void> {
  await updateState(
    db,
    error
      ? { last_error_code: error.code, last_error_message: error.message }
      : { last_sync_at: at, last_error_code: null, last_error_message: null },
  );
}

export interface Rejection {
  direction: 'pull' | 'push';
  kind: 'event' | 'ref';
  itemId: string;
  caseId: string | null;
  serverSeq: number;
  reason: string;
  raw: string | null;
}

/** Records refusals; a repeat of the same item (a re-pull, a retried push) is kept once. */
export async function recordRejections(db: Db, at: number, list: readonly Rejection[]): Promise<void> {
  for (const r of list) {
    await db
      .insertInto('sync_rejected')
      .values({
        at,
        direction: r.direction,
        kind: r.kind,
        item_id: r.itemId.slice(0, 200),
        case_id: r.caseId,
        server_seq: r.serverSeq,
        reason: r.reason.slice(0, 500),
        raw: r.raw,
      })
      .onConflict((oc) =>
        oc.columns(['direction', 'kind', 'item_id', 'server_seq']).doUpdateSet({ reason: r.reason.slice(0, 500), resolved_at: null }),
      )
      .execute();
  }
}
