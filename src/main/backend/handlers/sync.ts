/** Handlers of the sync methods (see src/shared/api/methods/sync.ts). */
import type { syncMethods } from '../../../shared/api/methods/sync';
import { configureSync, joinOffice, listRejected, syncNow, syncStatus, testConnection } from '../sync/sync-api';
import { cancelStalledRound } from '../sync/sync-loop';
import type { HandlersOf } from './types';

export const syncHandlers: HandlersOf<typeof syncMethods> = {
  'sync.status': (ctx) => syncStatus(ctx),
  'sync.test': (ctx, _c, input) => testConnection(input, ctx),
  'sync.configure': (ctx, _c, input) => configureSync(ctx, input),
  'sync.join': (ctx, _c, input) => joinOffice(ctx, input),
  'sync.now': (ctx) => {
    // "Sinkronkan sekarang" never waits behind a round stalled on a silent server.
    cancelStalledRound(ctx);
    return syncNow(ctx);
  },
  'sync.rejected': (ctx) => listRejected(ctx),
};
