/** Validation refuses bad calendar data with a message that names the problem. */
import { describe, expect, it } from 'vitest';
import { buildCalendar, parseHolidayFile, parseOfficeHoursFile } from '../../../src/shared/calendar/default-calendar';
import { addWorkingTime, OfficeHours, Pause, WorkDuration, type Holiday, type WorkCalendar } from '../../../src/shared/calendar/working-time';
import { officeHoursFile, readJson } from './fixtures';

const closed = { '6': [], '7': [] };
const weekdays = (list: { start: string; end: string }[]) => ({ '1': list, '2': list, '3': list, '4': list, '5': list, ...closed });
const normal = weekdays([{ start: '08:00', end: '16:00' }]);
const newYear: Holiday = { date: '2025-01-01', name: 'Tahun Baru 2025 Masehi', kind: 'libur_nasional' };

describe('office hours', () => {
  it('refuses overlapping intervals, naming both', () => {
    const hours = weekdays([
      { start: '07:30', end: '12:00' },
      { start: '11:00', end: '16:00' },
    ]);
    expect(() => buildCalendar('WIB', hours, [])).toThrow(/tumpang tindih: 11:00–16:00 bertabrakan dengan 07:30–12:00/);
  });
  it("refuses '25:00' and malformed times", () => {
    expect(() => buildCalendar('WIB', weekdays([{ start: '07:30', end: '25:00' }]), [])).toThrow(/jam selesai tidak valid: '25:00'/);
    expect(() => buildCalendar('WIB', weekdays([{ start: '7:30', end: '16:00' }]), [])).toThrow(/jam mulai tidak valid: '7:30'/);
    expect(() => buildCalendar('WIB', weekdays([{ start: '24:00', end: '24:00' }]), [])).toThrow(/jam mulai tidak valid/);
  });
  it("accepts '24:00' as an end (a desk open until midnight)", () => {
    expect(() => buildCalendar('WIB', weekdays([{ start: '20:00', end: '24:00' }]), [])).not.toThrow();
  });
  it('refuses unsorted intervals and start >= end', () => {
    const unsorted = weekdays([
      { start: '13:00', end: '16:00' },
      { start: '07:30', end: '12:00' },
    ]);
    expect(() => buildCalendar('WIB', unsorted, [])).toThrow(/belum urut/);
    expect(() => buildCalendar('WIB', weekdays([{ start: '16:00', end: '08:00' }]), [])).toThrow(/harus sebelum/);
  });
  it('refuses a week without any working day, and unknown weekday keys', () => {
    expect(() => buildCalendar('WIB', weekdays([]), [])).toThrow(/jam kerja kosong/);
    expect(OfficeHours.safeParse({ ...normal, '8': [] }).success).toBe(false);
    expect(OfficeHours.safeParse({ '1': [{ start: '08:00', end: '16:00' }] }).success).toBe(false);
  });
});

describe('holidays', () => {
  it('refuses duplicate dates', () => {
    const dup: Holiday = { date: '2025-01-01', name: 'lagi', kind: 'cuti_bersama' };
    expect(() => buildCalendar('WIB', normal, [newYear, dup])).toThrow(/tanggal libur ganda: 2025-01-01 \(juga di entri ke-1\)/);
  });
  it('refuses impossible dates and unknown kinds', () => {
    expect(() => buildCalendar('WIB', normal, [{ ...newYear, date: '2025-02-29' }])).toThrow(/tanggal tidak valid/);
    expect(() => buildCalendar('WIB', normal, [{ ...newYear, date: '2025-13-01' }])).toThrow(/tanggal tidak valid/);
    const bad = JSON.parse(JSON.stringify({ ...newYear, kind: 'libur' })) as Holiday;
    expect(() => buildCalendar('WIB', normal, [bad])).toThrow(/kind/);
  });
  it('refuses an unknown time zone', () => {
    const bad = JSON.parse('"WITA+1"') as 'WIB';
    expect(() => buildCalendar(bad, normal, [])).toThrow(/timeZone/);
  });
  it('buildCalendar drops the source field and freezes the result', () => {
    const cal = buildCalendar('WIB', normal, [{ ...newYear, source: 'SKB' } as Holiday]);
    expect(cal.holidays[0]).toEqual(newYear);
    expect(Object.isFrozen(cal.officeHours['1'])).toBe(true);
  });
  it('a hand-made invalid calendar is refused on first use', () => {
    const cal: WorkCalendar = { timeZone: 'WIB', officeHours: normal, holidays: [newYear, newYear] };
    expect(() => addWorkingTime(cal, 0, { days: 1 })).toThrow(/kalender kerja tidak valid/);
  });
});

describe('files', () => {
  it('parseHolidayFile reports what is wrong and where', () => {
    expect(() => parseHolidayFile({ version: 1, holidays: [{ ...newYear }] })).toThrow(/berkas hari libur tidak valid[\s\S]*source/);
    expect(() => parseHolidayFile({ version: 2, holidays: [] })).toThrow(/version/);
    expect(() => parseHolidayFile('nope')).toThrow(/berkas hari libur tidak valid/);
    const entry = { ...newYear, source: 'SKB' };
    expect(() => parseHolidayFile({ version: 1, holidays: [entry, entry] })).toThrow(/tanggal libur ganda/);
  });
  it("parseOfficeHoursFile refuses '25:00' with the path", () => {
    const json = readJson('office-hours-default.json') as { officeHours: Record<string, unknown> };
    json.officeHours['3'] = [{ start: '07:30', end: '25:00' }];
    expect(() => parseOfficeHoursFile(json)).toThrow(/berkas jam kerja tidak valid[\s\S]*'25:00'[\s\S]*officeHours\.3\[0\]\.end/);
    expect(() => parseOfficeHoursFile({ ...officeHoursFile, source: '' })).toThrow(/sumber jam kerja wajib diisi/);
  });
});

describe('durations and pauses', () => {
  it('WorkDuration takes non-negative integers only', () => {
    expect(WorkDuration.safeParse({ days: 2, minutes: 30 }).success).toBe(true);
    expect(WorkDuration.safeParse({}).success).toBe(true);
    expect(WorkDuration.safeParse({ days: -1 }).success).toBe(false);
    expect(WorkDuration.safeParse({ minutes: 0.5 }).success).toBe(false);
  });
  it('Pause needs to >= from, or null', () => {
    expect(Pause.safeParse({ from: 10, to: null }).success).toBe(true);
    expect(Pause.safeParse({ from: 10, to: 10 }).success).toBe(true);
    const r = Pause.safeParse({ from: 10, to: 5 });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.message).toMatch(/lebih awal/);
  });
});
