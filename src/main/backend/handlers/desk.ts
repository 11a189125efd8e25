/** Handlers of the complaint desk's methods (see src/shared/api/methods/desk.ts). */
import type { deskMethods } from '../../../shared/api/methods/desk';
import { AppError } from '../../../shared/result';
import { loadCaseEvents } from '../projection/event-store';
import { loadStoredCase } from '../projection/case-projection';
import { attachmentsOf, hasBlob, readBlob, offeredName, requireBlobs, storeBase64 } from '../services/attachment.service';
import { fetchBlob } from '../sync/sync-api';
import { caseLevelAct } from '../services/case.service';
import { recordPaper } from '../services/paper.service';
import { deleteSavedSearch, findDuplicates, listSavedSearches, saveSavedSearch } from '../services/search.service';
import { getSettings, saveSettings } from '../services/settings.service';
import { canSee } from './core';
import { need, type HandlersOf } from './types';

export const deskHandlers: HandlersOf<typeof deskMethods> = {
  'attachment.upload': (ctx, c, input) => {
    need(c);
    return storeBase64(ctx, input.name, input.dataBase64);
  },
  'attachment.get': async (ctx, c, input) => {
    const st = await loadStoredCase(ctx.db, input.caseId);
    if (!st || !(await canSee(ctx, need(c)))(st)) throw new AppError('NOT_FOUND', 'Aduan tidak ditemukan.');
    // Only bytes this case refers to: knowing a hash is not a permission to read it.
    const ref = attachmentsOf(await loadCaseEvents(ctx.db, input.caseId)).find((a) => a.sha256 === input.sha256);
    if (!ref) throw new AppError('NOT_FOUND', 'Lampiran tidak ditemukan pada aduan ini.');
    // Attachments sync on demand: fetch from the LAN server the first time one is opened here.
    if (!hasBlob(ctx.options.dataDir, input.sha256)) await fetchBlob(ctx, input.sha256);
    // The name came with the event, possibly from another workstation: offered only sanitised.
    return { name: offeredName(ref.name), mime: ref.mime, dataBase64: readBlob(ctx, input.sha256).toString('base64') };
  },
  'case.attach': async (ctx, c, input) => {
    requireBlobs(ctx, [input.attachment]);
    return caseLevelAct(
      ctx,
      need(c),
      input.caseId,
      { type: 'case.attachment_added', payload: { attachment: input.attachment } },
      'viewer',
      await canSee(ctx, need(c)),
    );
  },
  'case.recordPaper': (ctx, c, input) => recordPaper(ctx, need(c), input),
  'case.duplicates': (ctx, c, input) => findDuplicates(ctx, need(c), input),
  'search.saved.list': (ctx, c) => listSavedSearches(ctx, need(c)),
  'search.saved.save': (ctx, c, input) => saveSavedSearch(ctx, need(c), input),
  'search.saved.delete': (ctx, c, input) => deleteSavedSearch(ctx, need(c), input.id),
  'settings.get': (ctx) => getSettings(ctx),
  'settings.save': (ctx, c, input) => saveSettings(ctx, need(c), input),
};
