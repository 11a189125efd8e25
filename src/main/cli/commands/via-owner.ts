/**
 * `alur sync` and `alur backup` beside a running app: the folder is held by the app, so the
 * command asks it (integrity/owner-channel.ts) instead of waiting and refusing, and prints
 * what the app did. Other commands wait for the folder (`--wait`) or say who holds it.
 */
import fs from 'node:fs';
import { AppError } from '../../../shared/result';
import { acquireFolderLock, describeOwner, readFolderOwner } from '../../backend/db/folder-lock';
import { askOwner, type OwnerCommand } from '../../backend/integrity/owner-channel';
import type { CliEnv } from '../main';

/** True when another process owns the folder and did `command` for us (its lines printed). */
export async function viaOwner(env: CliEnv, command: OwnerCommand): Promise<boolean> {
  if (!fs.existsSync(env.dataDir)) return false;
  try {
    (await acquireFolderLock(env.dataDir, { waitMs: 0 })).release();
    return false;
  } catch (e) {
    if (!(e instanceof AppError) || e.code !== 'FOLDER_IN_USE') throw e;
  }
  env.io.err(`alur: folder data dipakai oleh ${describeOwner(readFolderOwner(env.dataDir))}; meminta pemiliknya menjalankan "${command}"...`);
  const r = await askOwner(env.dataDir, command);
  // Nobody to ask (an owner without a channel, or another OS user): wait or refuse as usual.
  if (!r) return false;
  // The owner's own failure (no server, no backup folder...), in its words.
  if (!r.ok) throw new Error(r.error);
  for (const line of r.lines) env.io.out(line);
  return true;
}
