/** Handlers of documents methods (see src/shared/api/methods/documents.ts). */
import type { documentMethods } from '../../../shared/api/methods/documents';
import { AppError } from '../../../shared/result';
import { letterRegisterFile, makeLetter, makeSheet, verifyCode, verifyFile } from '../documents/document.service';
import { letterPreview } from '../documents/letter-preview';
import { certifyKey, listKeys, listLetterheads, revokeKey, saveLetterhead } from '../keys/key-admin';
import { need, type HandlersOf } from './types';

const MAX_VERIFY_BYTES = 20 * 1024 * 1024;

export const documentHandlers: HandlersOf<typeof documentMethods> = {
  'document.sheet': async (ctx, c, input) => makeSheet(ctx, need(c), input.caseId),
  'document.letter': async (ctx, c, input) =>
    makeLetter(
      ctx,
      need(c),
      input.caseId,
      input.eventId,
      input.format,
      input.pades ? { p12: Buffer.from(input.pades.p12Base64, 'base64'), passphrase: input.pades.passphrase, visible: input.pades.visible } : null,
    ),
  'document.preview': async (ctx, c, input) => letterPreview(ctx, need(c), input.caseId, input.response),
  'document.letterRegister': async (ctx, c, input) => letterRegisterFile(ctx, need(c), input.unitId, input.year),
  'document.verify': async (ctx, c, input) => {
    const bytes = Buffer.from(input.dataBase64, 'base64');
    if (bytes.length === 0) throw new AppError('VALIDATION', 'Berkas kosong.');
    if (bytes.length > MAX_VERIFY_BYTES) throw new AppError('VALIDATION', 'Berkas lebih dari 20 MB; dokumen Alur tidak sebesar itu.');
    return verifyFile(ctx, need(c), bytes);
  },
  'document.verifyCode': async (ctx, c, input) => verifyCode(ctx, need(c), input.code),
  'key.list': async (ctx) => listKeys(ctx),
  'key.revoke': async (ctx, c, input) => revokeKey(ctx, need(c), input),
  'key.certify': async (ctx, c, input) => certifyKey(ctx, need(c), input.keyId),
  'letterhead.list': async (ctx) => listLetterheads(ctx),
  'letterhead.save': async (ctx, c, input) => saveLetterhead(ctx, need(c), input),
};
