/** Handlers of the signature book (see src/shared/api/methods/signbook.ts). */
import type { signbookMethods } from '../../../shared/api/methods/signbook';
import { outgoing } from '../services/outgoing.service';
import { signBatch, signBook } from '../services/signbook.service';
import { need, type HandlersOf } from './types';

export const signbookHandlers: HandlersOf<typeof signbookMethods> = {
  'signbook.list': (ctx, c) => signBook(ctx, need(c)),
  'signbook.signBatch': (ctx, c, input) => signBatch(ctx, need(c), input),
  'signbook.outgoing': (ctx, c, input) => outgoing(ctx, need(c), input),
};
