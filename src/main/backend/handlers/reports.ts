/** Handlers of reports methods (see src/shared/api/methods/reports.ts). */
import type { reportMethods } from '../../../shared/api/methods/reports';
import type { HandlersOf } from './types';

export const reportHandlers: HandlersOf<typeof reportMethods> = {};
