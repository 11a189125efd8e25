/** The Indonesian stemmer: the word forms complaints use, and what it must leave alone. */
import { describe, expect, it } from 'vitest';
import { extraStems, stemWord, wordsOf } from '../../../src/shared/search/stem-id';

describe('stemWord', () => {
  it.each([
    ['berlubang', 'lubang'],
    ['jalanan', 'jalan'],
    ['jalannya', 'jalan'],
    ['perbaikan', 'baik'],
    ['diperbaiki', 'baik'],
    ['memperbaiki', 'baik'],
    ['membangun', 'bangun'],
    ['pembangunan', 'bangun'],
    ['menyapu', 'sapu'],
    ['mengadu', 'adu'],
    ['pengaduan', 'adu'],
    ['terlambat', 'lambat'],
    ['ditindaklanjuti', 'tindaklanjut'],
    ['pelayanan', 'layan'],
    ['dilayani', 'layan'],
    ['bekerja', 'kerja'],
    ['belajar', 'ajar'],
    ['pelajaran', 'ajar'],
    ['rusaknya', 'rusak'],
    ['bagaimanakah', 'bagaimana'],
  ])('%s → %s', (word, stem) => {
    expect(stemWord(word)).toBe(stem);
  });

  it('keeps short words, numbers and mixed tokens as they are', () => {
    for (const w of ['jalan', 'lubang', 'air', 'pdam', '2026', 'rt05', 'km3', 'di', 'ke']) expect(stemWord(w)).toBe(w);
  });

  it('stems the same way whatever the form, so index and query meet', () => {
    expect(new Set(['berlubang', 'lubangnya', 'lubang'].map(stemWord))).toEqual(new Set(['lubang']));
    expect(new Set(['perbaikan', 'diperbaiki', 'memperbaiki'].map(stemWord))).toEqual(new Set(['baik']));
  });
});

describe('extraStems', () => {
  it('lists the stems a text lacks, once, lower case', () => {
    expect(wordsOf('Jalan BERLUBANG, jalanan rusak')).toEqual(['jalan', 'berlubang', 'jalanan', 'rusak']);
    // "jalan" is already a word of the text: only "lubang" is new.
    expect(extraStems('Jalan BERLUBANG, jalanan rusak')).toEqual(['lubang']);
    expect(extraStems('')).toEqual([]);
  });
});
