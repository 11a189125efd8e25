/** Handlers of the audit methods (see src/shared/api/methods/audit.ts). */
import type { auditMethods } from '../../../shared/api/methods/audit';
import { checkAudit } from '../audit/audit.service';
import type { HandlersOf } from './types';

export const auditHandlers: HandlersOf<typeof auditMethods> = {
  'audit.check': async (ctx, _caller, input) => checkAudit(ctx, input),
};
