/**
 * Handlers of the repair methods while the database IS open (src/shared/api/methods/repair.ts):
 * nothing is damaged, so the status says so and a restore goes through Pengaturan › Cadangan.
 * While it cannot open, backend.ts answers these two methods itself (integrity/repair.ts).
 */
import type { repairMethods } from '../../../shared/api/methods/repair';
import { AppError } from '../../../shared/result';
import { repairStatus } from '../integrity/repair';
import type { HandlersOf } from './types';

export const repairHandlers: HandlersOf<typeof repairMethods> = {
  'repair.status': async (ctx) => repairStatus(ctx.options.dataDir, null),
  'repair.restore': async () => {
    throw new AppError('INVALID_ACTION', 'Basis data tidak rusak. Pemulihan cadangan dilakukan administrator di Pengaturan › Cadangan.');
  },
};
