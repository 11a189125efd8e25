import { createContext, useContext } from 'react';
import type { AppInfo, OfficeOverview, SessionInfo } from '../../shared/api/views';
import type { TimeZoneCode } from '../../shared/calendar/working-time';

/** What every screen of the logged-in app may read: who is working, in which office. */
export interface AppContextValue {
  info: AppInfo;
  session: SessionInfo;
  overview: OfficeOverview;
  /** The office's time zone: every date is shown in it. */
  tz: TimeZoneCode;
  /** The user holds a post of the preset's desk role (registers, classifies, answers). */
  isDesk: boolean;
  /** Re-reads `app.info` (case count, office name) for the status bar. */
  refreshInfo: () => void;
  /** Re-reads `office.overview` after an admin changes units, positions or users. */
  refreshOverview: () => void;
}

/** Provided by the main layout once a session and the office overview are loaded. */
export const AppContext = createContext<AppContextValue | null>(null);

/** The logged-in app's context; only valid under the main layout. */
export function useApp(): AppContextValue {
  const v = useContext(AppContext);
  if (!v) throw new Error('useApp outside AppContext');
  return v;
}
