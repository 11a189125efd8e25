/** Handlers of the desk-work methods (see src/shared/api/methods/desk-work.ts). */
import type { deskWorkMethods } from '../../../shared/api/methods/desk-work';
import { bulkOptions, runBulk } from '../services/bulk.service';
import { deleteCanned, listCanned, saveCanned } from '../services/canned-text.service';
import { caseLinks, linkDuplicate, recordDelivery, registerDuplicate } from '../services/duplicate.service';
import { need, type HandlersOf } from './types';

export const deskWorkHandlers: HandlersOf<typeof deskWorkMethods> = {
  'case.links': (ctx, c, input) => caseLinks(ctx, need(c), input.caseId),
  'case.linkDuplicate': (ctx, c, input) => linkDuplicate(ctx, need(c), input.caseId, input.originalId, input.note),
  'case.registerDuplicate': (ctx, c, input) => registerDuplicate(ctx, need(c), input.registration, input.originalId, input.note),
  'case.recordDelivery': (ctx, c, input) => recordDelivery(ctx, need(c), input.caseId, input.channel, input.deliveredAt, input.note),
  'case.bulkOptions': (ctx, c, input) => bulkOptions(ctx, need(c), input.caseIds),
  'case.bulk': (ctx, c, input) => runBulk(ctx, need(c), input.caseIds, input.op),
  'canned.list': (ctx, c, input) => listCanned(ctx, need(c), input.all),
  'canned.save': (ctx, c, input) => {
    need(c);
    return saveCanned(ctx, input);
  },
  'canned.delete': (ctx, c, input) => {
    need(c);
    return deleteCanned(ctx, input.id);
  },
};
