/** Contract methods of backups and restore (issue 18), administrators only. */
import { z } from 'zod';
import { method } from '../method';
import type { BackupMade, BackupView, RestoreReport } from '../views-backup';

const Empty = z.object({}).strict();

export const backupMethods = {
  'backup.settings': method<BackupView>()(Empty, 'admin'),
  'backup.configure': method<BackupView>()(
    z
      .object({
        folder: z.string().trim().min(1).max(1000).nullable(),
        everyHours: z.number().int().min(0).max(720),
        keep: z.number().int().min(1).max(365),
      })
      .strict(),
    'admin',
  ),
  'backup.now': method<BackupMade>()(Empty, 'admin'),
  /** Replaces the database with a backup from the configured folder; every session ends. */
  'backup.restore': method<RestoreReport>()(
    z.object({ name: z.string().regex(/^alur-cadangan-\d{8}T\d{6}Z(?:-\d+)?\.db$/), confirm: z.literal(true) }).strict(),
    'admin',
  ),
} as const;
