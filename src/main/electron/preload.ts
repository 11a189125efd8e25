/**
 * The preload: the renderer's only door to the backend. It exposes `window.alur` with one
 * named function per contract method (generated from METHOD_NAMES) plus `onEvent`, and
 * nothing else: no ipcRenderer, no generic invoke, no Electron objects.
 *
 * It runs sandboxed, where only `require('electron')` works, so it is bundled to one CJS file
 * and imports only pure modules besides electron.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { METHOD_NAMES, type MethodName, type ServerEvent } from '../../shared/api/contract';
import type { AlurBridge } from '../../shared/api/bridge';
import type { Result } from '../../shared/result';
import { EVENT_CHANNEL, ipcChannel } from './security';
import { FILE_CHANNELS } from './file-channels';

type Invoke = (token: string | null, input: unknown) => Promise<Result<unknown>>;

/** The part of `ipcRenderer` the bridge uses. */
export interface IpcRendererLike {
  invoke(channel: string, payload: unknown): Promise<Result<unknown>>;
  on(channel: string, listener: (event: unknown, payload: ServerEvent) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, payload: ServerEvent) => void): unknown;
}

function hasEveryMethod(methods: Partial<Record<MethodName, Invoke>>): methods is Record<MethodName, Invoke> {
  return METHOD_NAMES.every((name) => typeof methods[name] === 'function');
}

/** Builds the bridge object over an `ipcRenderer`. */
export function buildBridge(ipc: IpcRendererLike): AlurBridge {
  const methods: Partial<Record<MethodName, Invoke>> = {};
  for (const name of METHOD_NAMES) {
    const channel = ipcChannel(name);
    methods[name] = (token, input) => ipc.invoke(channel, { token, input });
  }
  if (!hasEveryMethod(methods)) throw new Error('preload: a contract method has no bridge function');
  return {
    ...methods,
    onEvent(listener: (event: ServerEvent) => void): () => void {
      // Only the payload crosses: the IpcRendererEvent carries `sender`, i.e. ipcRenderer itself.
      const relay = (_event: unknown, payload: ServerEvent): void => listener(payload);
      ipc.on(EVENT_CHANNEL, relay);
      return () => {
        ipc.removeListener(EVENT_CHANNEL, relay);
      };
    },
    saveFile: (file) =>
      ipc.invoke(FILE_CHANNELS.save, { fileName: file.fileName, mime: file.mime, dataBase64: file.dataBase64 }) as Promise<Result<string | null>>,
    printPdf: (file) =>
      ipc.invoke(FILE_CHANNELS.print, { fileName: file.fileName, mime: file.mime, dataBase64: file.dataBase64 }) as Promise<Result<null>>,
  } satisfies AlurBridge;
}

contextBridge.exposeInMainWorld('alur', buildBridge(ipcRenderer));
