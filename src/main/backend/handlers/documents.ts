/** Handlers of documents methods (see src/shared/api/methods/documents.ts). */
import type { documentMethods } from '../../../shared/api/methods/documents';
import type { HandlersOf } from './types';

export const documentHandlers: HandlersOf<typeof documentMethods> = {};
