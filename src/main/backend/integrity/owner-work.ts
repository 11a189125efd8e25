/**
 * What the folder's owner does when another process asks (integrity/owner-channel.ts), and
 * the lines both the owner and the CLI print for it, said once.
 */
import type { SyncReport } from '../../../shared/api/sync-types';
import type { BackupInfo, VerifiedBackup } from '../backup/backup-file';
import { backupNow } from '../backup/backup.service';
import type { BackendContext } from '../services/context';
import { syncNow } from '../sync/sync-api';
import { cancelStalledRound } from '../sync/sync-loop';
import type { OwnerCommand } from './owner-channel';

const mb = (n: number) => `${(n / 1048576).toFixed(1)} MB`;

export function syncReportLines(r: SyncReport): string[] {
  const lines = [
    `Dikirim: ${r.pushed.events} peristiwa, ${r.pushed.refs} data referensi; diterima: ${r.pulled.events} peristiwa, ${r.pulled.refs} data referensi (${(r.ms / 1000).toFixed(1)} dtk)`,
  ];
  if (r.refused.count) lines.push(`Ditolak: ${r.refused.count} (tercatat; pertama: ${r.refused.first ?? '-'})`);
  return lines;
}

export function backupLine(made: BackupInfo & VerifiedBackup): string {
  return `Cadangan dibuat dan diperiksa utuh: ${made.file} (${made.cases} aduan, ${made.events} peristiwa, ${mb(made.size)})`;
}

/** Runs a command for another process, as the app's own "Sinkronkan sekarang" / "Cadangkan sekarang". */
export async function ownerRun(ctx: BackendContext, command: OwnerCommand): Promise<string[]> {
  switch (command) {
    case 'sync': {
      cancelStalledRound(ctx);
      const r = await syncNow(ctx);
      if (!r.ok || !r.report) throw new Error(r.error?.message ?? 'Sinkronisasi gagal.');
      return syncReportLines(r.report);
    }
    case 'backup':
      return [backupLine(backupNow(ctx))];
  }
}
