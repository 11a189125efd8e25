/**
 * Saving and printing generated documents (sheets, letters, reports) from the renderer. Two
 * IPC channels beside the contract's, with the same sender check and a schema on the payload;
 * the bytes never touch a path the renderer chose: the save path comes from the system dialog,
 * the print file is written by the main process in its own temp folder.
 */
import crypto from 'node:crypto';
import path from 'node:path';
import { z } from 'zod';
import { err, ok, type Result } from '../../shared/result';
import { avoidDeviceName, withoutInvisible } from '../../shared/files/safe-name';

import { FILE_CHANNELS } from './file-channels';

const MIMES = {
  'application/pdf': { ext: 'pdf', name: 'PDF' },
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': { ext: 'docx', name: 'Dokumen Word' },
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { ext: 'xlsx', name: 'Lembar kerja Excel' },
  'text/csv': { ext: 'csv', name: 'CSV' },
  // Attachments of a case (the types the desk accepts, checked by content on upload).
  'image/jpeg': { ext: 'jpg', name: 'Gambar JPEG' },
  'image/png': { ext: 'png', name: 'Gambar PNG' },
  'image/gif': { ext: 'gif', name: 'Gambar GIF' },
  'image/webp': { ext: 'webp', name: 'Gambar WebP' },
  'image/tiff': { ext: 'tif', name: 'Gambar TIFF' },
} as const;

const Payload = z
  .object({
    fileName: z.string().min(1).max(200),
    mime: z.enum(Object.keys(MIMES) as [keyof typeof MIMES, ...Array<keyof typeof MIMES>]),
    dataBase64: z.string().min(1).max(70_000_000),
  })
  .strict();

/** What the file channels need from Electron (dialogs, the print window, the disk). */
export interface FileDeps {
  showSaveDialog(options: {
    defaultPath: string;
    filters: Array<{ name: string; extensions: string[] }>;
  }): Promise<{ canceled: boolean; filePath?: string }>;
  writeFile(file: string, bytes: Buffer): Promise<void>;
  removeFile(file: string): Promise<void>;
  printPdf(file: string): Promise<void>;
  downloadsDir: string;
  tempDir: string;
}

interface FileIpcLike<E> {
  handle(channel: string, listener: (event: E, ...args: unknown[]) => Promise<Result<unknown>>): void;
}

/** A name safe to offer in a save dialog: no folders, no control or bidi characters, no device name, the right extension. */
export function safeFileName(raw: string, ext: string): string {
  const cleaned = [...withoutInvisible(path.basename(raw.replace(/\\/g, '/')))]
    .map((c) => (c.charCodeAt(0) < 32 || c.charCodeAt(0) === 127 || '<>:"/\\|?*'.includes(c) ? '_' : c))
    .join('');
  const base = cleaned.replace(/_+/g, '_').replace(/^\.+/, '').trim().slice(0, 150) || 'dokumen';
  return avoidDeviceName(base.toLowerCase().endsWith(`.${ext}`) ? base : `${base}.${ext}`);
}

type ParsedFile = z.infer<typeof Payload>;

function parse(args: unknown[]): ParsedFile | Result<never> {
  if (args.length !== 1) return err('VALIDATION', 'Masukan tidak valid: format panggilan salah.');
  const p = Payload.safeParse(args[0]);
  if (!p.success) return err('VALIDATION', `Berkas tidak valid: ${p.error.issues.map((i) => i.message).join('; ')}`);
  return p.data;
}

export function registerFileIpc<E>(ipcMain: FileIpcLike<E>, isTrusted: (event: E) => boolean, deps: FileDeps): void {
  ipcMain.handle(FILE_CHANNELS.save, async (event, ...args) => {
    if (!isTrusted(event)) return err('FORBIDDEN', 'Permintaan ditolak: pengirim tidak dikenal.');
    const file = parse(args);
    if ('ok' in file) return file;
    const kind = MIMES[file.mime];
    const chosen = await deps.showSaveDialog({
      defaultPath: path.join(deps.downloadsDir, safeFileName(file.fileName, kind.ext)),
      filters: [{ name: kind.name, extensions: [kind.ext] }],
    });
    if (chosen.canceled || !chosen.filePath) return ok(null);
    try {
      await deps.writeFile(chosen.filePath, Buffer.from(file.dataBase64, 'base64'));
    } catch (e) {
      return err('STORAGE', `Berkas tidak dapat disimpan: ${e instanceof Error ? e.message : String(e)}`);
    }
    return ok(chosen.filePath);
  });
  ipcMain.handle(FILE_CHANNELS.print, async (event, ...args) => {
    if (!isTrusted(event)) return err('FORBIDDEN', 'Permintaan ditolak: pengirim tidak dikenal.');
    const file = parse(args);
    if ('ok' in file) return file;
    if (file.mime !== 'application/pdf') return err('VALIDATION', 'Hanya PDF yang dapat dicetak langsung.');
    const temp = path.join(deps.tempDir, `alur-cetak-${crypto.randomBytes(8).toString('hex')}.pdf`);
    try {
      await deps.writeFile(temp, Buffer.from(file.dataBase64, 'base64'));
      await deps.printPdf(temp);
      return ok(null);
    } catch (e) {
      return err('INTERNAL', `Gagal mencetak: ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      await deps.removeFile(temp).catch(() => undefined);
    }
  });
}
