/** Handlers of the LAPOR! import methods (see src/shared/api/methods/imports.ts). */
import type { importMethods } from '../../../shared/api/methods/imports';
import { commitLapor, previewLapor } from '../imports/lapor-import';
import { mappingView, saveMapping, savedMapping } from '../imports/lapor-mapping';
import { checkImportSize } from '../imports/read-table';
import { need, type HandlersOf } from './types';

/** The contract already capped the base64 length; this is the decoded size, for the message. */
function decode(dataBase64: string): Buffer {
  const bytes = Buffer.from(dataBase64, 'base64');
  checkImportSize(bytes.length);
  return bytes;
}

export const importHandlers: HandlersOf<typeof importMethods> = {
  'import.lapor.preview': (ctx, c, input) => {
    need(c);
    return previewLapor(ctx, input.fileName, decode(input.dataBase64), input.mapping);
  },
  'import.lapor.commit': (ctx, c, input) =>
    commitLapor(ctx, need(c), { fileName: input.fileName, bytes: decode(input.dataBase64), mapping: input.mapping, sha256: input.sha256 }),
  'import.lapor.mapping.get': async (ctx, c) => {
    need(c);
    return mappingView(await savedMapping(ctx));
  },
  'import.lapor.mapping.save': (ctx, c, input) => {
    need(c);
    return saveMapping(ctx, input.mapping);
  },
};
