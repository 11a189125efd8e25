import { useSyncExternalStore } from 'react';

/**
 * Screens of the main window. Hash routing: it works the same from `file://` in Electron and
 * from the dev server, and never makes a request.
 */
export type Route =
  | { page: 'inbox' }
  | { page: 'cases' }
  | { page: 'case'; id: string }
  | { page: 'register' }
  | { page: 'settings' };

/** Parses `#/cases/<id>` and friends; anything unknown is the inbox. */
export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean);
  switch (parts[0]) {
    case 'cases':
      return parts[1] ? { page: 'case', id: decodeURIComponent(parts[1]) } : { page: 'cases' };
    case 'register':
      return { page: 'register' };
    case 'settings':
      return { page: 'settings' };
    default:
      return { page: 'inbox' };
  }
}

/** The hash for a route. */
export function routeHash(route: Route): string {
  switch (route.page) {
    case 'inbox':
      return '#/inbox';
    case 'cases':
      return '#/cases';
    case 'case':
      return `#/cases/${encodeURIComponent(route.id)}`;
    case 'register':
      return '#/register';
    case 'settings':
      return '#/settings';
  }
}

/** Goes to a screen (adds a history entry, so Back works). */
export function navigate(route: Route): void {
  window.location.hash = routeHash(route);
}

function subscribe(cb: () => void): () => void {
  window.addEventListener('hashchange', cb);
  return () => window.removeEventListener('hashchange', cb);
}

function snapshot(): string {
  return window.location.hash;
}

/** The current route, re-rendering on navigation. */
export function useRoute(): Route {
  return parseRoute(useSyncExternalStore(subscribe, snapshot));
}
