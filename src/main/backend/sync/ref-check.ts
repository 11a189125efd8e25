/**
 * Checks a reference change pulled from the server before it is merged: a known kind's
 * fields must each pass that field's schema, every field has a valid HLC clock, and a
 * tombstone is `true`. A kind this version does not know (written by a newer Alur) is kept
 * as it came: the store ignores what it cannot parse, a newer app will read it.
 */
import { z } from 'zod';
import { isHlc } from '../../../shared/hlc';
import { REF_KINDS } from '../refdata/kinds';

type Checked = { ok: true; fields: Record<string, unknown>; clocks: Record<string, string> } | { ok: false; reason: string };

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function fieldSchema(kind: string, field: string): z.ZodType | null {
  if (!Object.prototype.hasOwnProperty.call(REF_KINDS, kind)) return null;
  const schema: z.ZodType = REF_KINDS[kind as keyof typeof REF_KINDS];
  if (!(schema instanceof z.ZodObject)) return null;
  const shape: Record<string, z.ZodType> = schema.shape;
  return Object.prototype.hasOwnProperty.call(shape, field) ? (shape[field] ?? null) : null;
}

export function checkRefChange(kind: string, id: string, fields: unknown, clocks: unknown): Checked {
  if (!/^[a-z_]{1,40}$/.test(kind) || id.length === 0 || id.length > 200) return { ok: false, reason: 'jenis atau id data referensi tidak valid' };
  if (!isRecord(fields) || !isRecord(clocks)) return { ok: false, reason: 'data referensi bukan objek' };
  const outClocks: Record<string, string> = {};
  for (const [k, c] of Object.entries(clocks)) {
    if (typeof c !== 'string' || !isHlc(c)) return { ok: false, reason: `jam HLC kolom ${k} tidak valid` };
    outClocks[k] = c;
  }
  for (const [k, v] of Object.entries(fields)) {
    if (!(k in outClocks)) return { ok: false, reason: `kolom ${k} tanpa jam HLC` };
    if (k === '_deleted') {
      if (v !== true) return { ok: false, reason: 'tanda hapus tidak valid' };
      continue;
    }
    const s = fieldSchema(kind, k);
    if (s) {
      const r = s.safeParse(v);
      if (!r.success) return { ok: false, reason: `${kind}.${k}: ${r.error.issues[0]?.message ?? 'tidak valid'}` };
    }
  }
  return { ok: true, fields, clocks: outClocks };
}
