import { useSyncExternalStore } from 'react';
import { CaseStatus, CaseType, Channel } from '../../shared/domain/enums';

/**
 * Case-list filters a link may carry in the hash query, e.g. from a dashboard bar:
 * `#/cases?status=in_process&channel=sms1708&from=2026-11-01&to=2026-11-30&overdue=1`.
 */
export interface CaseFilters {
  status?: CaseStatus;
  channel?: Channel;
  type?: CaseType;
  categoryId?: string;
  unitId?: string;
  /** Received from / to, office-local `YYYY-MM-DD`, inclusive. */
  from?: string;
  to?: string;
  overdue?: boolean;
}

/**
 * Screens of the main window. Hash routing: it works the same from `file://` in Electron and
 * from the dev server, and never makes a request.
 */
export type Route =
  | { page: 'inbox' }
  | { page: 'home'; from?: string; to?: string }
  | { page: 'cases'; filters?: CaseFilters }
  | { page: 'case'; id: string }
  | { page: 'register' }
  | { page: 'settings' }
  | { page: 'reports' }
  | { page: 'import' }
  | { page: 'verify' }
  | { page: 'signbook' };

const DAY_TEXT = /^\d{4}-\d{2}-\d{2}$/;
const ID_TEXT = /^[A-Za-z0-9._:-]{1,64}$/;

function dayParam(q: URLSearchParams, name: string): string | undefined {
  const v = q.get(name);
  return v !== null && DAY_TEXT.test(v) ? v : undefined;
}

/** Reads the filters of a hash query; an unknown or malformed value is dropped, never trusted. */
function parseCaseFilters(q: URLSearchParams): CaseFilters | undefined {
  const f: CaseFilters = {};
  const status = CaseStatus.safeParse(q.get('status'));
  if (status.success) f.status = status.data;
  const channel = Channel.safeParse(q.get('channel'));
  if (channel.success) f.channel = channel.data;
  const type = CaseType.safeParse(q.get('type'));
  if (type.success) f.type = type.data;
  const categoryId = q.get('category');
  if (categoryId !== null && ID_TEXT.test(categoryId)) f.categoryId = categoryId;
  const unitId = q.get('unit');
  if (unitId !== null && ID_TEXT.test(unitId)) f.unitId = unitId;
  f.from = dayParam(q, 'from');
  f.to = dayParam(q, 'to');
  if (q.get('overdue') === '1') f.overdue = true;
  return Object.values(f).some((v) => v !== undefined) ? f : undefined;
}

function caseFiltersQuery(f: CaseFilters | undefined): string {
  if (!f) return '';
  const q = new URLSearchParams();
  if (f.status) q.set('status', f.status);
  if (f.channel) q.set('channel', f.channel);
  if (f.type) q.set('type', f.type);
  if (f.categoryId) q.set('category', f.categoryId);
  if (f.unitId) q.set('unit', f.unitId);
  if (f.from) q.set('from', f.from);
  if (f.to) q.set('to', f.to);
  if (f.overdue) q.set('overdue', '1');
  const text = q.toString();
  return text ? `?${text}` : '';
}

/** Parses `#/cases/<id>`, `#/cases?status=...` and friends; anything unknown is the inbox. */
function parseRoute(hash: string): Route {
  const [path = '', query = ''] = hash.replace(/^#\/?/, '').split('?', 2);
  const parts = path.split('/').filter(Boolean);
  const q = new URLSearchParams(query);
  switch (parts[0] ?? '') {
    case 'home':
      return { page: 'home', from: dayParam(q, 'from'), to: dayParam(q, 'to') };
    case 'cases':
      return parts[1] ? { page: 'case', id: decodeURIComponent(parts[1]) } : { page: 'cases', filters: parseCaseFilters(q) };
    case 'register':
      return { page: 'register' };
    case 'settings':
      return { page: 'settings' };
    case 'reports':
      return { page: 'reports' };
    case 'import':
      return { page: 'import' };
    case 'verify':
      return { page: 'verify' };
    case 'signbook':
      return { page: 'signbook' };
    default:
      return { page: 'inbox' };
  }
}

/** The hash for a route. */
export function routeHash(route: Route): string {
  switch (route.page) {
    case 'inbox':
      return '#/inbox';
    case 'home':
      return route.from && route.to ? `#/home?from=${route.from}&to=${route.to}` : '#/home';
    case 'cases':
      return `#/cases${caseFiltersQuery(route.filters)}`;
    case 'case':
      return `#/cases/${encodeURIComponent(route.id)}`;
    case 'register':
      return '#/register';
    case 'settings':
      return '#/settings';
    case 'reports':
      return '#/reports';
    case 'import':
      return '#/import';
    case 'verify':
      return '#/verify';
    case 'signbook':
      return '#/signbook';
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
