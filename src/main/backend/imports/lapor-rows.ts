/**
 * One row of a LAPOR! export -> the input of a registration (channel `lapor`), or the reasons
 * it cannot be one. Problems that lose nothing of the complaint (a category not in the preset,
 * an invalid email) are warnings; anything that would register a wrong case refuses the row.
 */
import { RegisterCaseInput } from '../../../shared/api/contract';
import type { LaporField } from '../../../shared/api/methods/imports';
import type { LaporSampleRow } from '../../../shared/api/views-imports';
import type { TimeZoneCode } from '../../../shared/calendar/working-time';
import type { CaseType, Privacy } from '../../../shared/domain/enums';
import { MAX_DESCRIPTION } from '../../../shared/domain/events';
import type { WorkflowPreset } from '../../../shared/workflow/preset';
import type { RegistrationInput } from '../services/register.service';
import { parseLaporDate } from './lapor-dates';

interface RowContext {
  preset: WorkflowPreset;
  timeZone: TimeZoneCode;
  now: number;
  index: Partial<Record<LaporField, number>>;
}

type RowOutcome =
  | { ok: true; input: RegistrationInput; sample: LaporSampleRow; warnings: string[] }
  | { ok: false; laporId: string | null; title: string | null; reasons: string[] };

const YES = new Set(['ya', 'y', 'yes', 'true', '1', 'benar']);
const NO = new Set(['tidak', 't', 'no', 'n', 'false', '0', 'salah', '-', '']);
const TYPES: Record<string, CaseType> = {
  pengaduan: 'pengaduan',
  aduan: 'pengaduan',
  keluhan: 'pengaduan',
  aspirasi: 'aspirasi',
  saran: 'aspirasi',
  'permintaan informasi': 'informasi',
  informasi: 'informasi',
};
const MAX_TITLE = 300;
const EARLIEST = Date.UTC(2000, 0, 1);
const LATE_TOLERANCE_MS = 24 * 3_600_000;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function cell(cells: readonly string[], i: number | undefined): string {
  return i === undefined ? '' : (cells[i] ?? '').trim();
}

function yesNo(v: string, label: string, reasons: string[]): boolean {
  const k = v.toLowerCase();
  if (YES.has(k)) return true;
  if (!NO.has(k)) reasons.push(`${label} "${v.slice(0, 20)}" bukan Ya/Tidak`);
  return false;
}

/** A title from the first words of the content, when the export has no title. */
function titleFrom(description: string): string {
  const flat = description.replace(/\s+/g, ' ');
  if (flat.length <= 100) return flat;
  const cut = flat.slice(0, 100);
  return `${cut.slice(0, cut.lastIndexOf(' ') > 40 ? cut.lastIndexOf(' ') : 100)}…`;
}

function norm(s: string): string {
  return s.toLowerCase().replace(/\s+/g, ' ').trim();
}

/** Category by name (case-insensitive), or a subcategory's name (which names its category too). */
function findCategory(preset: WorkflowPreset, name: string): { categoryId: string; subcategoryId: string | null } | null {
  const n = norm(name);
  for (const c of preset.categories) if (norm(c.name) === n || c.id === n) return { categoryId: c.id, subcategoryId: null };
  for (const c of preset.categories) {
    const s = c.subcategories.find((x) => norm(x.name) === n);
    if (s) return { categoryId: c.id, subcategoryId: s.id };
  }
  return null;
}

export function validateRow(cells: readonly string[], rowNo: number, rc: RowContext): RowOutcome {
  const get = (f: LaporField) => cell(cells, rc.index[f]);
  const reasons: string[] = [];
  const warnings: string[] = [];

  const laporId = get('laporId');
  if (!laporId) reasons.push('Tracking ID kosong');
  else if (laporId.length > 40) reasons.push('Tracking ID lebih dari 40 karakter');

  const dateText = get('receivedAt');
  const receivedAt = dateText ? parseLaporDate(dateText, rc.timeZone) : null;
  if (!dateText) reasons.push('tanggal laporan kosong');
  else if (receivedAt === null) reasons.push(`tanggal "${dateText.slice(0, 40)}" tidak dikenali (contoh: 24/11/2026, 2026-11-24, 24 November 2026)`);
  else if (receivedAt < EARLIEST || receivedAt > rc.now + LATE_TOLERANCE_MS) reasons.push(`tanggal "${dateText.slice(0, 40)}" di luar rentang wajar`);

  let title = get('title');
  let description = get('description');
  if (!title && !description) reasons.push('judul dan isi laporan kosong');
  if (!description) description = title;
  if (!title) title = titleFrom(description);
  if (title.length > MAX_TITLE) {
    title = `${title.slice(0, MAX_TITLE - 1)}…`;
    warnings.push('judul dipotong menjadi 300 karakter');
  }
  if (description.length > MAX_DESCRIPTION) reasons.push(`isi laporan lebih dari ${MAX_DESCRIPTION} karakter`);

  const anonymous = yesNo(get('anonymous'), 'Anonim', reasons);
  const confidential = yesNo(get('confidential'), 'Rahasia', reasons);
  const privacy: Privacy = anonymous ? 'anonim' : confidential ? 'rahasia' : 'biasa';

  let complainant: RegistrationInput['complainant'] = null;
  if (privacy !== 'anonim') {
    const name = get('name');
    if (!name) reasons.push('nama pelapor kosong (isi namanya atau tandai Anonim = Ya)');
    else if (name.length > 120) reasons.push('nama pelapor lebih dari 120 karakter');
    let email: string | null = get('email') || null;
    if (email && (email.length > 200 || !EMAIL.test(email))) {
      warnings.push(`email "${email.slice(0, 60)}" tidak valid, tidak disimpan`);
      email = null;
    }
    let phone: string | null = get('phone') || null;
    if (phone && phone.length > 30) {
      warnings.push('nomor telepon lebih dari 30 karakter, tidak disimpan');
      phone = null;
    }
    complainant = { name, nik: null, phone, email, address: null };
  }

  let type: CaseType = 'pengaduan';
  const typeText = get('type');
  if (typeText) {
    const t = TYPES[norm(typeText)];
    if (t) type = t;
    else warnings.push(`jenis "${typeText.slice(0, 40)}" tidak dikenal, dicatat sebagai pengaduan`);
  }

  const categoryText = get('category');
  const category = categoryText ? findCategory(rc.preset, categoryText) : null;
  if (categoryText && !category) warnings.push(`kategori "${categoryText.slice(0, 60)}" tidak ada di preset, dibiarkan kosong`);

  let location: string | null = get('location') || null;
  if (location && location.length > 300) {
    location = `${location.slice(0, 299)}…`;
    warnings.push('lokasi dipotong menjadi 300 karakter');
  }

  if (reasons.length || receivedAt === null) return { ok: false, laporId: laporId || null, title: title || null, reasons };

  // The contract's own schema has the last word, so an import registers exactly what the desk could.
  const parsed = RegisterCaseInput.safeParse({
    channel: 'lapor',
    laporId,
    receivedAt,
    type,
    categoryId: category?.categoryId ?? null,
    subcategoryId: category?.subcategoryId ?? null,
    title,
    description,
    location,
    privacy,
    urgency: 'biasa',
    complainant,
    attachments: [],
  });
  if (!parsed.success) {
    return { ok: false, laporId, title, reasons: parsed.error.issues.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message)) };
  }
  const input = parsed.data;
  const sample: LaporSampleRow = {
    row: rowNo,
    laporId,
    receivedAt,
    title: input.title,
    description: input.description.slice(0, 200),
    type,
    categoryId: input.categoryId,
    subcategoryId: input.subcategoryId,
    location: input.location,
    privacy,
    complainantName: privacy === 'biasa' ? (input.complainant?.name ?? null) : null,
    laporStatus: get('status') || null,
    agency: get('agency') || null,
  };
  return { ok: true, input, sample, warnings };
}
