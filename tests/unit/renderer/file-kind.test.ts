import { describe, expect, it } from 'vitest';
import { viewKind, viewableType } from '../../../src/renderer/format/file-kind';

const bytes = (...parts: Array<string | number[]>) =>
  new Uint8Array(parts.flatMap((p) => (typeof p === 'string' ? [...p].map((c) => c.charCodeAt(0)) : p)));

describe('which case files the viewer draws', () => {
  it('shows PDFs and browser images whose bytes match their type', () => {
    expect(viewKind('application/pdf', bytes('%PDF-1.7\n'))).toBe('pdf');
    expect(viewKind('image/png', bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]))).toBe('image');
    expect(viewKind('image/jpeg', bytes([0xff, 0xd8, 0xff, 0xe0]))).toBe('image');
    expect(viewKind('image/webp', bytes('RIFF', [1, 2, 3, 4], 'WEBPVP8 '))).toBe('image');
  });

  it('refuses a file whose bytes are not what its type says, and types browsers do not draw', () => {
    expect(viewKind('application/pdf', bytes('<html><script>'))).toBeNull();
    expect(viewKind('image/png', bytes('%PDF-1.7'))).toBeNull();
    expect(viewableType('image/tiff')).toBeNull();
    expect(viewKind('text/html', bytes('<html>'))).toBeNull();
  });
});
