/** Makes a document through the API and hands it to the user (save or print), saying what happened. */
import type { DocumentFile } from '../../shared/api/views-documents';
import type { Result } from '../../shared/result';
import type { Notify } from '../hooks/use-notify';

export async function deliverDocument(
  make: () => Promise<Result<DocumentFile>>,
  deliver: (f: DocumentFile) => Promise<Result<string | null>>,
  notify: Notify,
  doneText: (where: string) => string,
): Promise<void> {
  const made = await make();
  if (!made.ok) return notify.error(made.error);
  const done = await deliver(made.value);
  if (!done.ok) notify.error(done.error);
  else if (typeof done.value === 'string') notify.success(doneText(done.value));
}
