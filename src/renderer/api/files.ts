/**
 * Saving, opening and printing a generated document. Inside Electron the shell offers the
 * system save and print dialogs; in the browser harness the file downloads, and a PDF to
 * print opens in a new tab where the browser's own print button is.
 */
import type { FileToSave } from '../../shared/api/bridge';
import type { Result } from '../../shared/result';
import { ipcBridge } from './transport-ipc';

function blobOf(file: FileToSave): Blob {
  const bin = atob(file.dataBase64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return new Blob([bytes], { type: file.mime });
}

/** Saves the file; resolves to a short description of where it went, or null when cancelled. */
export async function saveDocument(file: FileToSave): Promise<Result<string | null>> {
  const bridge = ipcBridge();
  if (bridge) return bridge.saveFile(file);
  const url = URL.createObjectURL(blobOf(file));
  const a = document.createElement('a');
  a.href = url;
  a.download = file.fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return { ok: true, value: file.fileName };
}

/** Prints a PDF (Electron's print dialog) or, in the browser, opens it to print from there. */
export async function printDocument(file: FileToSave): Promise<Result<null>> {
  const bridge = ipcBridge();
  if (bridge) return bridge.printPdf(file);
  const url = URL.createObjectURL(blobOf(file));
  window.open(url, '_blank', 'noopener');
  setTimeout(() => URL.revokeObjectURL(url), 300_000);
  return { ok: true, value: null };
}
