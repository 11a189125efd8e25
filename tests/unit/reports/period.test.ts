/** Report periods: the four shapes, office-local bounds, and refusals in Indonesian. */
import { describe, expect, it } from 'vitest';
import { parseDayRange, parsePeriod } from '../../../src/main/backend/reports/period';
import type { ReportKind } from '../../../src/shared/api/views-reports';
import { AppError } from '../../../src/shared/result';

const HOUR = 3_600_000;
/** Midnight of a civil day in WITA (UTC+8), the Balangan office's zone. */
const wita = (y: number, m: number, d: number) => Date.UTC(y, m - 1, d) - 8 * HOUR;

function refusal(kind: ReportKind, text: string): AppError {
  try {
    parsePeriod(kind, text, 'WITA');
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error(`${kind} ${text} was accepted`);
}

describe('parsePeriod', () => {
  it('a day: 2026-11-24, from local midnight to the next', () => {
    for (const kind of ['harian', 'isu-strategis'] as const) {
      expect(parsePeriod(kind, '2026-11-24', 'WITA')).toEqual({
        text: '2026-11-24',
        label: '24 November 2026',
        firstDay: '2026-11-24',
        lastDay: '2026-11-24',
        fromMs: wita(2026, 11, 24),
        toMs: wita(2026, 11, 25),
      });
    }
    // 29 February exists in a leap year, and the zone moves the bounds.
    expect(parsePeriod('harian', '2028-02-29', 'WIB')).toMatchObject({
      label: '29 Februari 2028',
      fromMs: Date.UTC(2028, 1, 29) - 7 * HOUR,
      toMs: Date.UTC(2028, 2, 1) - 7 * HOUR,
    });
  });

  it('a month: 2026-11, and December runs into the next year', () => {
    expect(parsePeriod('bulanan', '2026-11', 'WITA')).toEqual({
      text: '2026-11',
      label: 'November 2026',
      firstDay: '2026-11-01',
      lastDay: '2026-11-30',
      fromMs: wita(2026, 11, 1),
      toMs: wita(2026, 12, 1),
    });
    expect(parsePeriod('bulanan', '2026-12', 'WITA')).toMatchObject({ lastDay: '2026-12-31', toMs: wita(2027, 1, 1) });
    expect(parsePeriod('bulanan', '2028-02', 'WITA')).toMatchObject({ label: 'Februari 2028', lastDay: '2028-02-29' });
  });

  it('a semester: 2026-S1 is January to June, 2026-S2 (or 2026-s2) July to December', () => {
    expect(parsePeriod('semester', '2026-S1', 'WITA')).toEqual({
      text: '2026-S1',
      label: 'Semester I 2026',
      firstDay: '2026-01-01',
      lastDay: '2026-06-30',
      fromMs: wita(2026, 1, 1),
      toMs: wita(2026, 7, 1),
    });
    expect(parsePeriod('semester', '2026-S2', 'WITA')).toEqual({
      text: '2026-S2',
      label: 'Semester II 2026',
      firstDay: '2026-07-01',
      lastDay: '2026-12-31',
      fromMs: wita(2026, 7, 1),
      toMs: wita(2027, 1, 1),
    });
    expect(parsePeriod('semester', ' 2026-s2 ', 'WITA').text).toBe('2026-S2');
  });

  it('a year: 2026', () => {
    expect(parsePeriod('tahunan', '2026', 'WITA')).toEqual({
      text: '2026',
      label: 'Tahun 2026',
      firstDay: '2026-01-01',
      lastDay: '2026-12-31',
      fromMs: wita(2026, 1, 1),
      toMs: wita(2027, 1, 1),
    });
  });

  it('refuses another shape, naming the one the kind takes', () => {
    const cases: Array<[ReportKind, string, string]> = [
      ['harian', '2026-11', 'Periode "2026-11" tidak valid untuk laporan harian: gunakan tanggal TTTT-BB-HH, misalnya 2026-11-24.'],
      ['harian', '24/11/2026', 'Periode "24/11/2026" tidak valid untuk laporan harian: gunakan tanggal TTTT-BB-HH, misalnya 2026-11-24.'],
      ['isu-strategis', '2026', 'Periode "2026" tidak valid untuk laporan isu-strategis: gunakan tanggal TTTT-BB-HH, misalnya 2026-11-24.'],
      ['bulanan', '2026-11-24', 'Periode "2026-11-24" tidak valid untuk laporan bulanan: gunakan bulan TTTT-BB, misalnya 2026-11.'],
      ['bulanan', '2026-1', 'Periode "2026-1" tidak valid untuk laporan bulanan: gunakan bulan TTTT-BB, misalnya 2026-11.'],
      ['semester', '2026-11', 'Periode "2026-11" tidak valid untuk laporan semester: gunakan semester TTTT-S1 atau TTTT-S2, misalnya 2026-S2.'],
      ['semester', '2026-S3', 'Periode "2026-S3" tidak valid untuk laporan semester: gunakan semester TTTT-S1 atau TTTT-S2, misalnya 2026-S2.'],
      ['tahunan', '2026-S2', 'Periode "2026-S2" tidak valid untuk laporan tahunan: gunakan tahun TTTT, misalnya 2026.'],
      ['tahunan', '', 'Periode "" tidak valid untuk laporan tahunan: gunakan tahun TTTT, misalnya 2026.'],
    ];
    for (const [kind, text, message] of cases) {
      const e = refusal(kind, text);
      expect(e.code, `${kind} ${text}`).toBe('VALIDATION');
      expect(e.message).toBe(message);
    }
  });

  it('refuses a day or month that does not exist, and a year out of range, saying why', () => {
    expect(refusal('harian', '2026-02-29').message).toBe(
      'Periode "2026-02-29" tidak valid untuk laporan harian (tanggal tidak ada): gunakan tanggal TTTT-BB-HH, misalnya 2026-11-24.',
    );
    expect(refusal('harian', '2026-13-01').message).toMatch(/\(tanggal tidak ada\)/);
    expect(refusal('harian', '2026-04-31').message).toMatch(/\(tanggal tidak ada\)/);
    expect(refusal('bulanan', '2026-13').message).toBe(
      'Periode "2026-13" tidak valid untuk laporan bulanan (bulan 01 sampai 12): gunakan bulan TTTT-BB, misalnya 2026-11.',
    );
    expect(refusal('bulanan', '2026-00').message).toMatch(/\(bulan 01 sampai 12\)/);
    expect(refusal('tahunan', '1999').message).toBe(
      'Periode "1999" tidak valid untuk laporan tahunan (tahun di luar 2000–2100): gunakan tahun TTTT, misalnya 2026.',
    );
    expect(refusal('semester', '2101-S1').message).toMatch(/\(tahun di luar 2000–2100\)/);
  });

  it('quotes at most 20 characters of what was typed', () => {
    expect(refusal('tahunan', 'x'.repeat(500)).message).toBe(
      `Periode "${'x'.repeat(20)}" tidak valid untuk laporan tahunan: gunakan tahun TTTT, misalnya 2026.`,
    );
  });
});

describe('parseDayRange', () => {
  it('takes an inclusive range of local days', () => {
    expect(parseDayRange('2026-09-01', '2026-11-20', 'WITA')).toMatchObject({
      firstDay: '2026-09-01',
      lastDay: '2026-11-20',
      fromMs: wita(2026, 9, 1),
      toMs: wita(2026, 11, 21),
    });
  });

  it('refuses a bad date, a reversed range and more than three years', () => {
    expect(() => parseDayRange('2026-9-1', '2026-11-20', 'WITA')).toThrow('Rentang tanggal tidak valid: gunakan TTTT-BB-HH.');
    expect(() => parseDayRange('2026-11-20', '2026-09-01', 'WITA')).toThrow('Tanggal akhir sebelum tanggal awal.');
    expect(() => parseDayRange('2020-01-01', '2026-01-01', 'WITA')).toThrow('Rentang tanggal paling panjang tiga tahun.');
  });
});
