/** Handlers of the desk's exports (see src/shared/api/methods/exports.ts). */
import type { exportMethods } from '../../../shared/api/methods/exports';
import { exportCaseList, exportLaporAnswers } from '../services/export.service';
import { need, type HandlersOf } from './types';

export const exportHandlers: HandlersOf<typeof exportMethods> = {
  'case.exportList': (ctx, c, input) => exportCaseList(ctx, need(c), input),
  'answers.exportLapor': (ctx, c, input) => exportLaporAnswers(ctx, need(c), input),
};
