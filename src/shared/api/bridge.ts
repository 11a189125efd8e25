/**
 * The shape of `window.alur`, the object the Electron preload exposes to the renderer. A pure
 * type: the renderer imports it (type only) without touching Electron, and the preload checks
 * what it builds against it with `satisfies`.
 */
import type { MethodName, ServerEvent } from './contract';
import type { Result } from '../result';

/** A generated document the renderer asks the shell to save or print. */
export interface FileToSave {
  fileName: string;
  mime: string;
  dataBase64: string;
}

/** One named function per contract method (never a generic invoke), plus the event feed. */
export type AlurBridge = {
  [M in MethodName]: (token: string | null, input: unknown) => Promise<Result<unknown>>;
} & {
  /** Subscribes to backend events; returns the unsubscribe function. */
  onEvent(listener: (event: ServerEvent) => void): () => void;
  /** Offers the system save dialog; resolves to the saved path, or null when cancelled. */
  saveFile(file: FileToSave): Promise<Result<string | null>>;
  /** Prints a PDF through the system print dialog. */
  printPdf(file: FileToSave): Promise<Result<null>>;
};
