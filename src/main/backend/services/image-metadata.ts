/**
 * Photo metadata removed on upload. A phone photo carries the GPS position where it was taken,
 * the camera and often the owner's name; a rahasia case's photo handed to an OPD would give the
 * complainant away. JPEG (APP1 Exif/XMP, APP13 IPTC, comments), PNG (eXIf, text chunks, tIME)
 * and WebP (EXIF, XMP chunks) lose them; the pixels are untouched. Only the orientation is kept,
 * rewritten as a minimal Exif block, so a portrait photo still shows upright.
 */
import zlib from 'node:zlib';

/** The Exif orientation (1-8) in a TIFF block (`MM`/`II` header), or null. */
function tiffOrientation(t: Buffer): number | null {
  if (t.length < 8) return null;
  const le = t.toString('latin1', 0, 2) === 'II';
  if (!le && t.toString('latin1', 0, 2) !== 'MM') return null;
  const u16 = (o: number) => (le ? t.readUInt16LE(o) : t.readUInt16BE(o));
  const u32 = (o: number) => (le ? t.readUInt32LE(o) : t.readUInt32BE(o));
  const ifd = u32(4);
  if (ifd + 2 > t.length) return null;
  const n = u16(ifd);
  for (let i = 0; i < n; i++) {
    const e = ifd + 2 + i * 12;
    if (e + 12 > t.length) return null;
    if (u16(e) === 0x0112) {
      const v = u16(e + 8);
      return v >= 1 && v <= 8 ? v : null;
    }
  }
  return null;
}

/** A TIFF block holding only the orientation tag (big-endian). */
function orientationTiff(orientation: number): Buffer {
  const t = Buffer.alloc(26);
  t.write('MM', 0, 'latin1');
  t.writeUInt16BE(42, 2);
  t.writeUInt32BE(8, 4);
  t.writeUInt16BE(1, 8); // one entry
  t.writeUInt16BE(0x0112, 10);
  t.writeUInt16BE(3, 12); // SHORT
  t.writeUInt32BE(1, 14);
  t.writeUInt16BE(orientation, 18);
  t.writeUInt32BE(0, 22); // no next IFD
  return t;
}

const EXIF_HEADER = Buffer.from('Exif\0\0', 'latin1');

function stripJpeg(b: Buffer): Buffer {
  if (b.length < 4 || b[0] !== 0xff || b[1] !== 0xd8) return b;
  const kept: Buffer[] = [b.subarray(0, 2)];
  let orientation: number | null = null;
  let i = 2;
  while (i + 4 <= b.length && b[i] === 0xff) {
    const marker = b[i + 1] ?? 0;
    if (marker === 0xda) break; // start of scan: the image data follows, copied as is
    const len = b.readUInt16BE(i + 2);
    if (len < 2 || i + 2 + len > b.length) return b; // malformed: the type check already accepted it; keep it untouched
    const seg = b.subarray(i, i + 2 + len);
    const body = seg.subarray(4);
    const isExif = marker === 0xe1 && body.subarray(0, 6).equals(EXIF_HEADER);
    if (isExif) orientation ??= tiffOrientation(body.subarray(6));
    // APP1 (Exif, XMP), APP12-APP15 (Ducky, IPTC, comments of editors) and COM go; APP0 (JFIF), APP2 (ICC colour), APP14 (Adobe colour) stay.
    const drop = marker === 0xe1 || marker === 0xec || marker === 0xed || marker === 0xef || marker === 0xfe;
    if (!drop) kept.push(seg);
    i += 2 + len;
  }
  if (orientation !== null && orientation !== 1) {
    const payload = Buffer.concat([EXIF_HEADER, orientationTiff(orientation)]);
    const head = Buffer.from([0xff, 0xe1, 0, 0]);
    head.writeUInt16BE(payload.length + 2, 2);
    // Right after SOI (and JFIF if present), where readers look for it.
    const at = kept.length > 1 && kept[1]?.[1] === 0xe0 ? 2 : 1;
    kept.splice(at, 0, head, payload);
  }
  return Buffer.concat([...kept, b.subarray(i)]);
}

const PNG_SIG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const PNG_DROP = new Set(['eXIf', 'tEXt', 'zTXt', 'iTXt', 'tIME']);

/** One PNG chunk with its length and CRC. */
export function pngChunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlib.crc32(Buffer.concat([head.subarray(4), data])) >>> 0, 0);
  return Buffer.concat([head, data, crc]);
}

function stripPng(b: Buffer): Buffer {
  if (!b.subarray(0, 8).equals(PNG_SIG)) return b;
  const kept: Buffer[] = [PNG_SIG];
  let orientation: number | null = null;
  let i = 8;
  while (i + 12 <= b.length) {
    const len = b.readUInt32BE(i);
    const type = b.toString('latin1', i + 4, i + 8);
    if (i + 12 + len > b.length) return b;
    if (type === 'eXIf') orientation ??= tiffOrientation(b.subarray(i + 8, i + 8 + len));
    if (!PNG_DROP.has(type)) {
      // eXIf must come before the image data: put the orientation back just before the first IDAT.
      if (type === 'IDAT' && orientation !== null && orientation !== 1) {
        kept.push(pngChunk('eXIf', orientationTiff(orientation)));
        orientation = null;
      }
      kept.push(b.subarray(i, i + 12 + len));
    }
    i += 12 + len;
    if (type === 'IEND') break;
  }
  return Buffer.concat(kept);
}

function stripWebp(b: Buffer): Buffer {
  if (b.length < 12 || b.toString('latin1', 0, 4) !== 'RIFF' || b.toString('latin1', 8, 12) !== 'WEBP') return b;
  const kept: Buffer[] = [];
  let orientation: number | null = null;
  let vp8x: Buffer | null = null;
  let i = 12;
  while (i + 8 <= b.length) {
    const type = b.toString('latin1', i, i + 4);
    const len = b.readUInt32LE(i + 4);
    const size = 8 + len + (len % 2);
    if (i + 8 + len > b.length) return b;
    const chunk = Buffer.from(b.subarray(i, Math.min(b.length, i + size)));
    if (type === 'EXIF') orientation ??= tiffOrientation(chunk.subarray(8, 8 + len).subarray(chunk.subarray(8, 14).equals(EXIF_HEADER) ? 6 : 0));
    else if (type !== 'XMP ') {
      if (type === 'VP8X') vp8x = chunk;
      kept.push(chunk);
    }
    i += size;
  }
  const keepOrientation = orientation !== null && orientation !== 1 && vp8x !== null;
  if (vp8x) vp8x[8] = ((vp8x[8] ?? 0) & ~0x0c) | (keepOrientation ? 0x08 : 0); // the EXIF and XMP flags
  if (keepOrientation && orientation !== null) {
    const tiff = orientationTiff(orientation);
    const head = Buffer.alloc(8);
    head.write('EXIF', 0, 'latin1');
    head.writeUInt32LE(tiff.length, 4);
    kept.push(head, tiff); // 26 bytes: even, no padding
  }
  const body = Buffer.concat(kept);
  const header = Buffer.alloc(12);
  header.write('RIFF', 0, 'latin1');
  header.writeUInt32LE(body.length + 4, 4);
  header.write('WEBP', 8, 'latin1');
  return Buffer.concat([header, body]);
}

/** The image without location, camera and text metadata (orientation kept); other types unchanged. */
export function stripImageMetadata(mime: string, bytes: Uint8Array): Buffer {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  switch (mime) {
    case 'image/jpeg':
      return stripJpeg(b);
    case 'image/png':
      return stripPng(b);
    case 'image/webp':
      return stripWebp(b);
    default:
      return b;
  }
}
