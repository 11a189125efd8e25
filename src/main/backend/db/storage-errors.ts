/**
 * Storage failures in words a clerk understands. A full disk used to reach the user as
 * "Kesalahan internal: cannot rollback - no transaction is active" (see sqlite-dialect.ts for
 * the rollback half) and an upload as a raw ENOSPC.
 */
import { AppError } from '../../../shared/result';

const DISK_FULL =
  'Disk penuh: data tidak disimpan dan tidak ada yang berubah. Kosongkan ruang disk komputer ini (hapus berkas yang tidak perlu), lalu ulangi.';

/** The AppError for a SQLite or file-system failure, or null when `e` is not one we know. */
export function storageError(e: unknown): AppError | null {
  const code = (e as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return null;
  if (code === 'SQLITE_FULL' || code === 'ENOSPC' || code === 'EDQUOT') return new AppError('STORAGE', DISK_FULL);
  if (code === 'SQLITE_READONLY' || code === 'EROFS' || code === 'EACCES' || code === 'EPERM')
    return new AppError('STORAGE', 'Folder data tidak dapat ditulis (hanya-baca atau tanpa izin): data tidak disimpan.');
  if (code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB')
    return new AppError(
      'DAMAGED',
      'Basis data Alur di komputer ini rusak. Tutup aplikasi; saat dibuka lagi, berkas yang rusak disisihkan dan dapat dipulihkan dari cadangan.',
    );
  if (code.startsWith('SQLITE_IOERR') || code === 'EIO')
    return new AppError('STORAGE', 'Disk tidak dapat dibaca atau ditulis (kesalahan perangkat): data tidak disimpan. Periksa disk komputer ini.');
  return null;
}
