/**
 * QR codes for printed documents, drawn from the code's module matrix (the `qrcode` library
 * makes the matrix). In a PDF the dark modules become a few vector rectangles (one per run of
 * dark modules in a row); in a DOCX, a small grayscale PNG made with zlib. Both are several
 * times faster than rendering through an image library, which matters for a letter's budget.
 */
import zlib from 'node:zlib';
import QRCode from 'qrcode';
import type { CanvasRect, Content } from 'pdfmake/interfaces';

interface QrMatrix {
  size: number;
  dark(x: number, y: number): boolean;
}

const QUIET = 2;

function qrMatrix(text: string): QrMatrix {
  const m = QRCode.create(text, { errorCorrectionLevel: 'M' }).modules;
  return { size: m.size, dark: (x, y) => m.get(y, x) === 1 };
}

/** A pdfmake canvas of `sizePt` points square, with a quiet zone. */
export function qrCanvas(text: string, sizePt: number): Content {
  const m = qrMatrix(text);
  const unit = sizePt / (m.size + QUIET * 2);
  const rects: CanvasRect[] = [];
  for (let y = 0; y < m.size; y++) {
    let x = 0;
    while (x < m.size) {
      if (!m.dark(x, y)) {
        x++;
        continue;
      }
      const start = x;
      while (x < m.size && m.dark(x, y)) x++;
      rects.push({
        type: 'rect',
        x: (start + QUIET) * unit,
        y: (y + QUIET) * unit,
        w: (x - start) * unit + 0.05,
        h: unit + 0.05,
        color: '#000000',
        lineWidth: 0,
      });
    }
  }
  return { canvas: rects, width: sizePt, height: sizePt } as Content;
}

function crc32(buf: Buffer): number {
  let c = ~0;
  for (const b of buf) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
  }
  return ~c >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** An 8-bit grayscale PNG, `scale` pixels per module. */
export function qrPng(text: string, scale = 4): Buffer {
  const m = qrMatrix(text);
  const px = (m.size + QUIET * 2) * scale;
  const raw = Buffer.alloc((px + 1) * px, 0xff);
  for (let row = 0; row < px; row++) {
    raw[row * (px + 1)] = 0; // filter: none
    const y = Math.floor(row / scale) - QUIET;
    if (y < 0 || y >= m.size) continue;
    for (let col = 0; col < px; col++) {
      const x = Math.floor(col / scale) - QUIET;
      if (x >= 0 && x < m.size && m.dark(x, y)) raw[row * (px + 1) + 1 + col] = 0;
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(px, 0);
  ihdr.writeUInt32BE(px, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 0; // grayscale
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
