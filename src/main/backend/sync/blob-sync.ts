/**
 * Attachments on the server, by SHA-256 of their bytes: uploaded before the event that names
 * them is pushed, fetched only when someone opens one. The server checks the hash on insert,
 * and the client checks it again on download, so a blob is always what its name says.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import type pg from 'pg';
import type { CaseEvent } from '../../../shared/domain/events';
import { attachmentsOf, blobPath, hasBlob } from '../services/attachment.service';

export function sha256Hex(bytes: Uint8Array): string {
  return crypto.createHash('sha256').update(bytes).digest('hex');
}

/** Uploads (idempotent: a blob already there is left alone). Returns its hash. */
export async function uploadBlob(client: pg.ClientBase, bytes: Uint8Array): Promise<string> {
  const sha = sha256Hex(bytes);
  await client.query('INSERT INTO alur.blob (sha256, bytes) VALUES ($1, $2) ON CONFLICT (sha256) DO NOTHING', [sha, Buffer.from(bytes)]);
  return sha;
}

/** The hashes among `shas` the server does not have yet (visible to this login). */
export async function missingBlobs(client: pg.ClientBase, shas: readonly string[]): Promise<string[]> {
  if (shas.length === 0) return [];
  const have = new Set((await client.query<{ sha256: string }>('SELECT sha256 FROM alur.blob WHERE sha256 = ANY($1)', [shas])).rows.map((r) => r.sha256));
  return shas.filter((s) => !have.has(s));
}

/** The bytes, or null when the server has none this login may read (or they are corrupt). */
export async function downloadBlob(client: pg.ClientBase, sha: string): Promise<Uint8Array | null> {
  if (!/^[0-9a-f]{64}$/.test(sha)) return null;
  const r = await client.query<{ bytes: Buffer }>('SELECT bytes FROM alur.blob WHERE sha256 = $1', [sha]);
  const bytes = r.rows[0]?.bytes;
  if (!bytes || sha256Hex(bytes) !== sha) return null;
  return new Uint8Array(bytes);
}

/**
 * Uploads the attachments that these events refer to and the server lacks, before the events
 * themselves go (so nobody pulls an event whose file cannot be fetched). Files this
 * workstation does not hold (pulled earlier, never opened) are the server's already.
 */
export async function uploadReferencedBlobs(client: pg.ClientBase, dataDir: string, events: readonly CaseEvent[]): Promise<number> {
  const shas = [...new Set(attachmentsOf(events).map((a) => a.sha256))];
  let n = 0;
  for (const sha of await missingBlobs(client, shas)) {
    if (!hasBlob(dataDir, sha)) continue;
    await uploadBlob(client, fs.readFileSync(blobPath(dataDir, sha)));
    n++;
  }
  return n;
}
