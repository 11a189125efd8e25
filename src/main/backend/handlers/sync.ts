/** Handlers of sync methods (see src/shared/api/methods/sync.ts). */
import type { syncMethods } from '../../../shared/api/methods/sync';
import type { HandlersOf } from './types';

export const syncHandlers: HandlersOf<typeof syncMethods> = {};
