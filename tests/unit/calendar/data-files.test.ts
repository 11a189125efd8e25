/** The shipped JSON data parses and is plausible. Dates cross-checked by hand against the SKBs. */
import { describe, expect, it } from 'vitest';
import { workingMinutesBetween } from '../../../src/shared/calendar/working-time';
import { WIB, at, holidayFile, officeHoursFile } from './fixtures';

const byDate = new Map(holidayFile.holidays.map((h) => [h.date, h]));
const YEARS = ['2025', '2026', '2027'] as const;

describe('holidays-id.json', () => {
  it('every date falls in 2025–2027, is sorted and has a source', () => {
    const dates = holidayFile.holidays.map((h) => h.date);
    for (const h of holidayFile.holidays) {
      expect(h.date >= '2025-01-01' && h.date <= '2027-12-31', h.date).toBe(true);
      expect(h.source.length).toBeGreaterThan(10);
    }
    expect(dates).toEqual([...dates].sort());
  });
  it('has 1 Jan, 17 Aug and 25 Dec as libur nasional every year', () => {
    for (const y of YEARS) {
      for (const md of ['01-01', '08-17', '12-25']) expect(byDate.get(`${y}-${md}`)?.kind, `${y}-${md}`).toBe('libur_nasional');
    }
    expect(byDate.get('2026-08-17')?.name).toMatch(/Kemerdekaan/);
  });
  it('matches the decree counts: 2025 17 + 10 (+ 18 Aug revision), 2026 17 + 8', () => {
    const count = (y: string, kind: string) => holidayFile.holidays.filter((h) => h.date.startsWith(y) && h.kind === kind).length;
    expect([count('2025', 'libur_nasional'), count('2025', 'cuti_bersama')]).toEqual([17, 11]);
    expect([count('2026', 'libur_nasional'), count('2026', 'cuti_bersama')]).toEqual([17, 8]);
  });
  it('spot-checks Idul Fitri and the 2025 revision', () => {
    expect(byDate.get('2025-03-31')?.name).toBe('Hari Raya Idul Fitri 1446 H');
    expect(byDate.get('2026-03-21')?.name).toBe('Hari Raya Idul Fitri 1447 H');
    expect(byDate.get('2025-08-18')?.kind).toBe('cuti_bersama');
    expect(byDate.get('2025-08-18')?.source).toMatch(/933 Tahun 2025/);
  });
  it('says in its notes that 2027 is incomplete', () => {
    expect(holidayFile.notes.some((n) => n.includes('2027') && n.includes('BELUM LENGKAP'))).toBe(true);
  });
});

describe('office-hours-default.json', () => {
  const h = officeHoursFile.officeHours;
  it('names its source and keeps Saturday and Sunday closed', () => {
    expect(officeHoursFile.source).toMatch(/Perpres No\. 21 Tahun 2023/);
    expect([h['6'], h['7']]).toEqual([[], []]);
  });
  it('starts 07:30 Mon–Fri, breaks 60 min Mon–Thu and 90 min Fri', () => {
    for (const d of ['1', '2', '3', '4', '5'] as const) expect(h[d][0]?.start).toBe('07:30');
    expect(h['1']).toEqual([
      { start: '07:30', end: '12:00' },
      { start: '13:00', end: '16:00' },
    ]);
    expect(h['5']).toEqual([
      { start: '07:30', end: '11:30' },
      { start: '13:00', end: '16:30' },
    ]);
  });
  it('gives 37.5 hours (2250 min) in an ordinary week, as Perpres 21/2023 requires', () => {
    expect(workingMinutesBetween(WIB, at('2025-10-06 00:00'), at('2025-10-13 00:00'))).toBe(37.5 * 60);
  });
});
