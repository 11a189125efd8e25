/**
 * Saving and printing a generated document. Inside Electron the shell offers the system save
 * and print dialogs. The browser harness opens no windows (the app never calls window.open, a
 * test checks the bundle), so there a PDF to print is downloaded to be printed from the viewer.
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

/**
 * Prints a PDF through Electron's print dialog; in the browser harness, downloads it and
 * resolves to its name so the UI can say to print it from the PDF viewer.
 */
export async function printDocument(file: FileToSave): Promise<Result<string | null>> {
  const bridge = ipcBridge();
  if (bridge) return bridge.printPdf(file);
  return saveDocument(file);
}
