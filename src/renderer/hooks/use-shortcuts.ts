/**
 * Keyboard shortcuts of the main window: Ctrl+K or "/" goes to Cari with the search box
 * focused; Ctrl+Enter submits the form it is typed in. Plain keys never fire while the user is
 * typing in a field.
 */
import { useEffect, type KeyboardEvent, type RefObject } from 'react';
import { navigate } from './use-route';

const FOCUS_SEARCH = 'alur:focus-search';
let searchFocusPending = false;

function typingIn(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/** Installs the window-wide shortcuts (once, in the main layout). */
export function useGlobalShortcuts(): void {
  useEffect(() => {
    function onKey(e: globalThis.KeyboardEvent): void {
      const ctrlK = (e.ctrlKey || e.metaKey) && !e.altKey && e.key.toLowerCase() === 'k';
      const slash = e.key === '/' && !e.ctrlKey && !e.metaKey && !e.altKey && !typingIn(e.target);
      if (!ctrlK && !slash) return;
      // A dialog is open: its text must not be left behind by a shortcut.
      if (document.querySelector('.ant-modal-wrap:not([style*="display: none"]) .ant-modal')) return;
      e.preventDefault();
      searchFocusPending = true;
      if (!window.location.hash.startsWith('#/cases') || /^#\/cases\/./.test(window.location.hash)) navigate({ page: 'cases' });
      window.dispatchEvent(new Event(FOCUS_SEARCH));
    }
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}

/** Focuses `ref` when a search shortcut asks for it (now, or when the search screen mounts). */
export function useSearchFocusTarget(ref: RefObject<{ focus: () => void } | null>): void {
  useEffect(() => {
    function take(): void {
      if (!searchFocusPending) return;
      searchFocusPending = false;
      ref.current?.focus();
    }
    take();
    window.addEventListener(FOCUS_SEARCH, take);
    return () => window.removeEventListener(FOCUS_SEARCH, take);
  }, [ref]);
}

/** onKeyDown for a form's container: Ctrl+Enter (or Cmd+Enter) submits it. */
export function submitOnCtrlEnter(submit: () => void): (e: KeyboardEvent) => void {
  return (e) => {
    if (e.key !== 'Enter' || !(e.ctrlKey || e.metaKey)) return;
    e.preventDefault();
    submit();
  };
}

/** Row props for a table whose rows open something: focusable, Enter or a click opens. */
export function openableRow(open: () => void): { tabIndex: number; onClick: () => void; onKeyDown: (e: KeyboardEvent) => void } {
  return {
    tabIndex: 0,
    onClick: open,
    onKeyDown: (e) => {
      if (e.key !== 'Enter' || e.target !== e.currentTarget) return;
      e.preventDefault();
      open();
    },
  };
}
