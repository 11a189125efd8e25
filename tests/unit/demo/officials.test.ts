import { describe, expect, it } from 'vitest';
import { officialRankAndNip } from '../../../src/main/cli/demo/officials';
import { createRng } from '../../../src/main/cli/demo/random';

describe('demo officials', () => {
  it("writes the NIP's gender digit as the holder's first name says", () => {
    for (let seed = 1; seed <= 20; seed++) {
      expect(officialRankAndNip(createRng(seed), 'kepala_opd', 'Zainab Noor, S.T.').nip[14]).toBe('2');
      expect(officialRankAndNip(createRng(seed), 'kepala_opd', 'Ahmad Rosyidi, S.I.P.').nip[14]).toBe('1');
    }
  });

  it('keeps the rest of the NIP as the seed drew it, whatever the name', () => {
    const a = officialRankAndNip(createRng(7), 'kasi', 'Siti Hasanah, S.E.');
    const b = officialRankAndNip(createRng(7), 'kasi', 'Budi Santoso, S.H.');
    expect(a.nip.slice(0, 14)).toBe(b.nip.slice(0, 14));
    expect(a.nip.slice(15)).toBe(b.nip.slice(15));
    expect(a.rank).toBe(b.rank);
    expect(a.rank).toMatch(/^Penata( Tingkat I)? \(III\/[cd]\)$/);
  });
});
