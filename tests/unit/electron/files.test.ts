/** Saving and printing documents from the renderer: sender check, payload schema, safe names. */
import { describe, expect, it, vi } from 'vitest';
import { FILE_CHANNELS } from '../../../src/main/electron/file-channels';
import { registerFileIpc, safeFileName, type FileDeps } from '../../../src/main/electron/files';
import type { Result } from '../../../src/shared/result';

type Handler = (event: { trusted: boolean }, ...args: unknown[]) => Promise<Result<unknown>>;

function setup(over: Partial<FileDeps> = {}) {
  const handlers = new Map<string, Handler>();
  const deps: FileDeps = {
    showSaveDialog: vi.fn(async (o: { defaultPath: string }) => ({ canceled: false, filePath: o.defaultPath })),
    writeFile: vi.fn(async () => undefined),
    removeFile: vi.fn(async () => undefined),
    printPdf: vi.fn(async () => undefined),
    downloadsDir: '/home/op/Unduhan',
    tempDir: '/tmp/alur',
    ...over,
  };
  registerFileIpc<{ trusted: boolean }>({ handle: (c, h) => handlers.set(c, h as Handler) }, (e) => e.trusted, deps);
  const call = (channel: string, payload: unknown, trusted = true) => {
    const h = handlers.get(channel);
    if (!h) throw new Error(`no handler ${channel}`);
    return h({ trusted }, payload);
  };
  return { deps, call, handlers };
}

const PDF = { fileName: 'surat-tanggapan-ADU-2026-A00001.pdf', mime: 'application/pdf', dataBase64: Buffer.from('%PDF-1.7 x').toString('base64') };

describe('document save and print channels', () => {
  it('registers exactly the two file channels', () => {
    expect([...setup().handlers.keys()].sort()).toEqual([FILE_CHANNELS.print, FILE_CHANNELS.save].sort());
  });

  it('saves where the user chose in the dialog, offering the downloads folder', async () => {
    const { deps, call } = setup();
    const r = await call(FILE_CHANNELS.save, PDF);
    expect(r).toEqual({ ok: true, value: '/home/op/Unduhan/surat-tanggapan-ADU-2026-A00001.pdf' });
    expect(deps.writeFile).toHaveBeenCalledWith('/home/op/Unduhan/surat-tanggapan-ADU-2026-A00001.pdf', Buffer.from('%PDF-1.7 x'));
  });

  it('writes nothing when the dialog is cancelled', async () => {
    const { deps, call } = setup({ showSaveDialog: vi.fn(async () => ({ canceled: true })) });
    expect(await call(FILE_CHANNELS.save, PDF)).toEqual({ ok: true, value: null });
    expect(deps.writeFile).not.toHaveBeenCalled();
  });

  it('refuses an unknown sender, a bad payload and a type it does not handle, before any dialog', async () => {
    const { deps, call } = setup();
    expect(await call(FILE_CHANNELS.save, PDF, false)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await call(FILE_CHANNELS.save, { ...PDF, mime: 'application/x-msdownload' })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(await call(FILE_CHANNELS.save, { ...PDF, extra: 1 })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(deps.showSaveDialog).not.toHaveBeenCalled();
  });

  it('never lets a hostile name choose the folder', () => {
    expect(safeFileName('../../etc/passwd', 'pdf')).toBe('passwd.pdf');
    expect(safeFileName('C:\\Windows\\surat.pdf', 'pdf')).toBe('surat.pdf');
    expect(safeFileName('lap\u0000oran\n.xlsx', 'xlsx')).toBe('lap_oran_.xlsx');
    expect(safeFileName('...', 'pdf')).toBe('dokumen.pdf');
    // Issue 13: a right-to-left override cannot disguise the extension; device names are not offered.
    expect(safeFileName('surat\u202Efdp.exe', 'pdf')).toBe('suratfdp.exe.pdf');
    expect(safeFileName('CON', 'pdf')).toBe('_CON.pdf');
    expect(safeFileName('lpt1.pdf', 'pdf')).toBe('_lpt1.pdf');
  });

  it('prints a PDF from its own temp file and removes it afterwards, even when printing fails', async () => {
    const { deps, call } = setup();
    expect(await call(FILE_CHANNELS.print, PDF)).toEqual({ ok: true, value: null });
    const file = vi.mocked(deps.printPdf).mock.calls[0]?.[0] ?? '';
    expect(file).toMatch(/^\/tmp\/alur\/alur-cetak-[0-9a-f]{16}\.pdf$/);
    expect(deps.removeFile).toHaveBeenCalledWith(file);
    const failing = setup({ printPdf: vi.fn(async () => Promise.reject(new Error('printer offline'))) });
    expect(await failing.call(FILE_CHANNELS.print, PDF)).toMatchObject({
      ok: false,
      error: { code: 'INTERNAL', message: expect.stringContaining('printer offline') },
    });
    expect(failing.deps.removeFile).toHaveBeenCalled();
    expect(await call(FILE_CHANNELS.print, { ...PDF, mime: 'text/csv', fileName: 'x.csv' })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION' },
    });
  });
});
