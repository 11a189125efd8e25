/** The registration inputs the integration tests share. */
import type { RegisterCaseInput } from '../../src/shared/api/contract';

/** Monday 2 November 2026, 09:00 WITA (01:00 UTC): the start of tests on a fake clock. */
export const START = Date.UTC(2026, 10, 2, 1, 0);

/** A web complaint with a named complainant, received an hour before START; `over` replaces any field. */
export function caseInput(over: Partial<RegisterCaseInput> = {}): RegisterCaseInput {
  return {
    channel: 'web',
    receivedAt: START - 3_600_000,
    type: 'pengaduan',
    title: 'Jalan berlubang di Desa Murung Jambu',
    description: 'Jalan poros desa berlubang dalam sejak musim hujan, dua pengendara jatuh minggu ini.',
    location: 'Desa Murung Jambu',
    privacy: 'biasa',
    urgency: 'segera',
    complainant: { name: 'Rahmat Hidayat', phone: '081234567890' },
    ...over,
  };
}

/** A walk-in complaint received a minute ago, for tests on the real clock. */
export function walkinCaseInput(title: string, description = `${title}: sudah seminggu belum ditangani.`): RegisterCaseInput {
  return {
    channel: 'walkin',
    receivedAt: Date.now() - 60_000,
    type: 'pengaduan',
    title,
    description,
    privacy: 'biasa',
    urgency: 'biasa',
    complainant: { name: 'Siti Aminah' },
  };
}
