/** Handlers of the end-of-case methods (see src/shared/api/methods/reaction.ts). */
import type { reactionMethods } from '../../../shared/api/methods/reaction';
import { caseEndOptions, closeCase, reopenCase } from '../services/reaction.service';
import { need, type HandlersOf } from './types';

export const reactionHandlers: HandlersOf<typeof reactionMethods> = {
  'case.endOptions': (ctx, c, input) => caseEndOptions(ctx, need(c), input.caseId),
  'case.close': (ctx, c, input) => closeCase(ctx, need(c), input.caseId, input.reason, input.note),
  'case.reopen': (ctx, c, input) => reopenCase(ctx, need(c), input.caseId, input.words),
};
