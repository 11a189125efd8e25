/** Handlers of the support methods (see src/shared/api/methods/support.ts). */
import type { supportMethods } from '../../../shared/api/methods/support';
import { exportLog, logExportName } from '../log/logger';
import type { HandlersOf } from './types';

export const supportHandlers: HandlersOf<typeof supportMethods> = {
  'support.logExport': async (ctx) => ({ fileName: logExportName(ctx.now()), text: exportLog(ctx.options.dataDir) }),
};
