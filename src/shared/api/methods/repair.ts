/**
 * Contract methods of repairing a damaged data folder (issue 18). They answer while the
 * database cannot open (DAMAGED), so they are public: the restore checks an administrator's
 * name and password against the users in the chosen backup itself, the only copy at hand.
 */
import { z } from 'zod';
import { method } from '../method';
import type { RestoreReport } from '../views-backup';

interface RepairBackup {
  name: string;
  at: string;
  size: number;
}

export interface RepairStatus {
  /** The data folder could not open because its database is damaged or lost. */
  damaged: boolean;
  /** The reason, in words a clerk understands (the DAMAGED message). */
  message: string | null;
  /** The backup folder chosen on this workstation (Pengaturan › Cadangan), if any. */
  folder: string | null;
  backups: RepairBackup[];
}

export const repairMethods = {
  'repair.status': method<RepairStatus>()(z.object({}).strict(), 'public'),
  'repair.restore': method<RestoreReport>()(
    z
      .object({
        name: z.string().regex(/^alur-cadangan-\d{8}T\d{6}Z(?:-\d+)?\.db$/),
        username: z.string().trim().min(1).max(64),
        password: z.string().min(1).max(256),
        confirm: z.literal(true),
      })
      .strict(),
    'public',
  ),
} as const;
