/**
 * Whether a case file may be shown inside the app, and as what. The desk accepted it by its
 * detected type (attachment.service.ts); a copy that arrived by sync is checked again here, by
 * its first bytes, so a file whose bytes are not what its type says is only offered to save.
 */

type ViewKind = 'pdf' | 'image';

const IMAGE_TYPES = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp']);

function startsWith(bytes: Uint8Array, sig: readonly number[], at = 0): boolean {
  return sig.every((b, i) => bytes[at + i] === b);
}

const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));

/** What the bytes are, by signature, among the types the viewer draws. */
function sniff(bytes: Uint8Array): string | null {
  if (startsWith(bytes, ascii('%PDF-'))) return 'application/pdf';
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(bytes, ascii('GIF87a')) || startsWith(bytes, ascii('GIF89a'))) return 'image/gif';
  if (startsWith(bytes, ascii('RIFF')) && startsWith(bytes, ascii('WEBP'), 8)) return 'image/webp';
  return null;
}

/** By the stored type alone: whether to offer "Lihat" before fetching the bytes (TIFF is not drawn by browsers). */
export function viewableType(mime: string): ViewKind | null {
  if (mime === 'application/pdf') return 'pdf';
  return IMAGE_TYPES.has(mime) ? 'image' : null;
}

/** The kind to show the file as, or null when its type is not drawn or its bytes disagree with it. */
export function viewKind(mime: string, bytes: Uint8Array): ViewKind | null {
  const kind = viewableType(mime);
  return kind && sniff(bytes) === mime ? kind : null;
}
