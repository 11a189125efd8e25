/**
 * Per-user display preferences on this workstation (for now the text size). Kept in the
 * renderer's local storage under the user's id: several officials may share one PC and each
 * keeps their own size; it is a display choice, not office data, so it does not sync.
 */
import { useSyncExternalStore } from 'react';

/** Text sizes offered, in percent of the standard size. */
export const FONT_SCALES = [90, 100, 110, 120, 130] as const;
export type FontScale = (typeof FONT_SCALES)[number];

const listeners = new Set<() => void>();
let activeUser: string | null = null;

function key(userId: string): string {
  return `alur.prefs.${userId}.fontScale`;
}

function emit(): void {
  for (const l of listeners) l();
}

function read(): FontScale {
  if (!activeUser) return 100;
  const v = Number(localStorage.getItem(key(activeUser)));
  return (FONT_SCALES as readonly number[]).includes(v) ? (v as FontScale) : 100;
}

/** Whose preferences apply now (null: the login screen, standard size). */
export function setPrefsUser(userId: string | null): void {
  if (activeUser === userId) return;
  activeUser = userId;
  emit();
}

/** Remembers the current user's text size. */
export function setFontScale(scale: FontScale): void {
  if (!activeUser) return;
  localStorage.setItem(key(activeUser), String(scale));
  emit();
}

function subscribe(cb: () => void): () => void {
  listeners.add(cb);
  return () => listeners.delete(cb);
}

/** The current user's text size in percent. */
export function useFontScale(): FontScale {
  return useSyncExternalStore(subscribe, read);
}
