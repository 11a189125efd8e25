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

function sha256Hex(bytes: Uint8Array): string {
  return crypto.createHash('sha256').update(bytes).digest('hex');
}

/**
 * Uploads through the server's checking function (idempotent: a blob already there is left
 * alone). The bytes go even when the server has them: sending them proves this login holds
 * the file, and only then does its event's reference let other units read it. The server
 * keeps the file only if an event of the same transaction refers to it. Returns its hash.
 */
export async function uploadBlob(client: pg.ClientBase, bytes: Uint8Array): Promise<string> {
  const sha = sha256Hex(bytes);
  await client.query('SELECT alur.put_blob($1, $2)', [sha, Buffer.from(bytes)]);
  return sha;
}

/** The hashes among `shas` the server does not have yet (visible to this login). */
async function missingBlobs(client: pg.ClientBase, shas: readonly string[]): Promise<string[]> {
  if (shas.length === 0) return [];
  const have = new Set(
    (await client.query<{ sha256: string }>('SELECT sha256 FROM alur.blob WHERE sha256 = ANY($1)', [shas])).rows.map((r) => r.sha256),
  );
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
 * Uploads the attachments that these events refer to, inside the transaction that then pushes
 * the events (the server refuses a file no event of its transaction refers to). `onlyMissing`
 * (the owner publishing, whose references need no proof) skips what the server has. Files
 * this workstation does not hold (pulled earlier, never opened) are the server's already.
 */
export async function uploadReferencedBlobs(
  client: pg.ClientBase,
  dataDir: string,
  events: readonly CaseEvent[],
  onlyMissing = false,
): Promise<number> {
  const held = [...new Set(attachmentsOf(events).map((a) => a.sha256))].filter((sha) => hasBlob(dataDir, sha));
  let n = 0;
  for (const sha of onlyMissing ? await missingBlobs(client, held) : held) {
    await uploadBlob(client, fs.readFileSync(blobPath(dataDir, sha)));
    n++;
  }
  return n;
}
