/** What the backup methods answer (Pengaturan › Cadangan). */

export interface BackupEntry {
  file: string;
  name: string;
  size: number;
  /** When it was made, UTC ISO. */
  at: string;
}

export interface BackupView {
  folder: string | null;
  everyHours: number;
  keep: number;
  lastAt: string | null;
  lastError: string | null;
  /** Newest first. */
  backups: BackupEntry[];
}

export interface BackupMade extends BackupEntry {
  events: number;
  cases: number;
}

export interface RestoreReport {
  file: string;
  cases: number;
  events: number;
  /** Where the replaced database went (renamed, never deleted). */
  setAside: string | null;
  /** What the pull from the LAN server brought; null when no server is configured. */
  pulled: { events: number; refs: number } | null;
  /** Why the server could not be reached, if it could not. */
  syncError: string | null;
}
