/**
 * Drafts: what a user typed in a form is kept, per user and per form, in this workstation's
 * local storage as they type, so closing a dialog, leaving Registrasi, a crash or a restart
 * loses nothing. A draft goes when the form is submitted or the user chooses to discard it.
 * Passwords are never kept. Dates are stored as instants and come back as dayjs values.
 */
import type { FormInstance } from 'antd';
import dayjs from 'dayjs';
import { useCallback, useEffect, useMemo, useRef } from 'react';

const PREFIX = 'alur.draft.';
/** A draft nobody came back to in 30 days is old news; it is dropped when next read. */
const MAX_AGE_MS = 30 * 24 * 60 * 60_000;
const SAVE_DELAY_MS = 300;
/** Fields never written to a draft. */
const SECRET_FIELDS = new Set(['signingPassword', 'password']);

interface Stored {
  savedAt: number;
  values: Record<string, unknown>;
}

/** The storage key of one user's draft of one form. */
export function draftKey(userId: string, form: string): string {
  return `${PREFIX}${userId}.${form}`;
}

function encode(values: Record<string, unknown>, omit: readonly string[]): string {
  const clean: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(values)) {
    if (SECRET_FIELDS.has(k) || omit.includes(k) || v === undefined) continue;
    clean[k] = dayjs.isDayjs(v) ? { $instant: v.valueOf() } : v;
  }
  return JSON.stringify({ savedAt: Date.now(), values: clean } satisfies Stored);
}

function decode(text: string | null): Record<string, unknown> | null {
  if (!text) return null;
  try {
    const parsed = JSON.parse(text) as Partial<Stored>;
    if (typeof parsed.savedAt !== 'number' || Date.now() - parsed.savedAt > MAX_AGE_MS || !parsed.values || typeof parsed.values !== 'object')
      return null;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(parsed.values)) {
      const instant = v && typeof v === 'object' && '$instant' in v ? (v as { $instant: unknown }).$instant : undefined;
      out[k] = typeof instant === 'number' ? dayjs(instant) : v;
    }
    return out;
  } catch {
    return null;
  }
}

/** True when `values` hold something a person typed or chose beyond `pristine`. */
function differsFrom(values: Record<string, unknown>, pristine: Record<string, unknown>): boolean {
  const norm = (v: unknown): string => {
    if (v === undefined || v === null || v === '') return '';
    if (Array.isArray(v) && v.length === 0) return '';
    if (dayjs.isDayjs(v)) return String(v.valueOf());
    return typeof v === 'string' ? v.trim() : JSON.stringify(v);
  };
  const keys = new Set([...Object.keys(values), ...Object.keys(pristine)]);
  for (const k of keys) {
    if (SECRET_FIELDS.has(k)) continue;
    if (norm(values[k]) !== norm(pristine[k])) return true;
  }
  return false;
}

/** What a form needs to keep its draft. */
export interface FormDraft<T> {
  /** Initial values: the pristine ones, overlaid with the saved draft if there is one. */
  initialValues: Partial<T>;
  /** A draft was found and restored when the form opened. */
  restored: boolean;
  /** Pass to the Form's `onValuesChange`. */
  onValuesChange: () => void;
  /** The form holds something beyond its pristine values. */
  isDirty: () => boolean;
  /** Forgets the draft (after submit, or when the user discards it). */
  clear: () => void;
}

/**
 * Keeps `form`'s values as the draft `key` (null: no drafts). `pristine` are the values the
 * form starts with when nothing was typed; they are read once. `omit` names fields not kept
 * (e.g. uploaded files, which their own component shows).
 */
export function useFormDraft<T extends object>(
  form: FormInstance<T>,
  key: string | null,
  pristine: Partial<T>,
  omit: readonly string[] = [],
): FormDraft<T> {
  const pristineRef = useRef(pristine);
  const omitRef = useRef(omit);
  const saved = useMemo(() => (key ? decode(localStorage.getItem(key)) : null), [key]);
  const timer = useRef<number | null>(null);
  const cleared = useRef(false);

  const flush = useCallback(() => {
    if (timer.current !== null) window.clearTimeout(timer.current);
    timer.current = null;
    if (!key || cleared.current) return;
    const values = form.getFieldsValue(true) as Record<string, unknown>;
    if (differsFrom(values, pristineRef.current as Record<string, unknown>)) localStorage.setItem(key, encode(values, omitRef.current));
    else localStorage.removeItem(key);
  }, [form, key]);

  // Whatever is pending is written when the form goes away (leaving the page, closing the dialog).
  useEffect(() => () => flush(), [flush]);

  return {
    initialValues: { ...pristine, ...(saved as Partial<T> | null) },
    restored: saved !== null,
    onValuesChange: () => {
      cleared.current = false;
      if (timer.current !== null) window.clearTimeout(timer.current);
      timer.current = window.setTimeout(flush, SAVE_DELAY_MS);
    },
    isDirty: () => differsFrom(form.getFieldsValue(true) as Record<string, unknown>, pristineRef.current as Record<string, unknown>),
    clear: () => {
      if (timer.current !== null) window.clearTimeout(timer.current);
      timer.current = null;
      cleared.current = true;
      if (key) localStorage.removeItem(key);
    },
  };
}
