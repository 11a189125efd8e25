/** Handlers of desk methods (see src/shared/api/methods/desk.ts). */
import type { deskMethods } from '../../../shared/api/methods/desk';
import type { HandlersOf } from './types';

export const deskHandlers: HandlersOf<typeof deskMethods> = {};
