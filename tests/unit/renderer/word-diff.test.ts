import { describe, expect, it } from 'vitest';
import { wordDiff } from '../../../src/renderer/format/word-diff';

describe('wordDiff', () => {
  it('marks the corrected word and keeps the rest', () => {
    const parts = wordDiff('Jalan akan diperbaki minggu depan.', 'Jalan akan diperbaiki minggu depan.');
    expect(parts).toEqual([
      { kind: 'same', text: 'Jalan akan ' },
      { kind: 'removed', text: 'diperbaki ' },
      { kind: 'added', text: 'diperbaiki ' },
      { kind: 'same', text: 'minggu depan.' },
    ]);
  });

  it('gives back both texts from its parts', () => {
    const before = 'Satu dua tiga.\n\nEmpat lima.';
    const after = 'Satu tiga empat.\n\nEmpat lima enam.';
    const parts = wordDiff(before, after);
    expect(
      parts
        .filter((p) => p.kind !== 'added')
        .map((p) => p.text)
        .join(''),
    ).toBe(before);
    expect(
      parts
        .filter((p) => p.kind !== 'removed')
        .map((p) => p.text)
        .join(''),
    ).toBe(after);
  });

  it('finds nothing changed in equal texts', () => {
    expect(wordDiff('sama saja', 'sama saja')).toEqual([{ kind: 'same', text: 'sama saja' }]);
  });
});
