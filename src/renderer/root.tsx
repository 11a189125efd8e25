/**
 * Providers (antd theme and locale, dayjs locale) and the top-level flow:
 * first run -> login -> the main layout, with the idle lock and session expiry.
 */
import { App as AntApp, Button, ConfigProvider, Result, Spin } from 'antd';
import enUS from 'antd/locale/en_US';
import idID from 'antd/locale/id_ID';
import dayjs from 'dayjs';
import 'dayjs/locale/id';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionInfo } from '../shared/api/views';
import { api, onLocked, onUnauthenticated, setSessionToken, transportMissing } from './api/client';
import { useIdle } from './hooks/use-idle';
import { useKeepAlive } from './hooks/use-keep-alive';
import { useNotify } from './hooks/use-notify';
import { useQuery } from './hooks/use-query';
import { navigate } from './hooks/use-route';
import { setPrefsUser, useFontScale } from './hooks/use-ui-prefs';
import { useServerEvent } from './hooks/use-server-event';
import { FirstRunPage } from './pages/first-run-page';
import { RepairPage } from './pages/repair-page';
import { LockScreen } from './pages/lock-screen';
import { LoginPage } from './pages/login-page';
import { MainShell } from './pages/main-shell';

/** The standard body text size in px; the user's text-size setting scales it (90-130%). */
const BASE_FONT = 13;

/**
 * The antd theme at a text scale. Secondary, description and placeholder text are darker than
 * antd's defaults so they keep a 4.5:1 contrast on white (WCAG AA), and tags use the body size:
 * the deadline and status tags carry the most important facts on a screen.
 */
function themeFor(scale: number) {
  const fontSize = Math.round((BASE_FONT * scale) / 100);
  return {
    token: {
      colorPrimary: '#14599b',
      colorLink: '#14599b',
      borderRadius: 4,
      fontSize,
      colorTextDescription: 'rgba(0, 0, 0, 0.62)',
      colorTextTertiary: 'rgba(0, 0, 0, 0.62)',
      colorTextPlaceholder: 'rgba(0, 0, 0, 0.6)',
    },
    components: {
      Layout: { siderBg: '#0b2942', headerBg: '#ffffff', headerHeight: Math.round((48 * scale) / 100), headerPadding: '0 16px' },
      Tag: { fontSizeSM: fontSize, lineHeightSM: 1.5 },
    },
  };
}

/** The whole renderer: providers around the app flow. */
export function Root() {
  const { i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'id';
  const scale = useFontScale();
  const theme = useMemo(() => themeFor(scale), [scale]);
  useEffect(() => {
    dayjs.locale(lang);
    document.documentElement.lang = lang;
  }, [lang]);
  useEffect(() => {
    // Plain CSS (status bar, brand, timeline notes) scales with the same setting.
    document.documentElement.style.setProperty('--alur-scale', String(scale / 100));
  }, [scale]);
  return (
    <ConfigProvider locale={lang === 'en' ? enUS : idID} componentSize="small" theme={theme}>
      <AntApp style={{ height: '100%' }}>
        <AppFlow />
      </AntApp>
    </ConfigProvider>
  );
}

function AppFlow() {
  const { t } = useTranslation();
  const notify = useNotify();
  const info = useQuery(() => api['app.info']({}), 'info');
  const [session, setSession] = useState<SessionInfo | null>(null);
  const [loginNotice, setLoginNotice] = useState<string | null>(null);
  const [lastUsername, setLastUsername] = useState<string | undefined>(undefined);
  const [locked, setLocked] = useState(false);
  // Who worked in this window last: a different user starts on their own inbox, not on the
  // previous user's last screen (a case they may not see); the same user comes back where they
  // were, and the first login keeps the address the window was opened with.
  const lastUserId = useRef<string | null>(null);

  const endSession = useCallback((notice: string | null) => {
    setSessionToken(null);
    setSession(null);
    setPrefsUser(null);
    setLocked(false);
    setLoginNotice(notice);
  }, []);

  // Any call refused as UNAUTHENTICATED means the session is gone: back to login, say why.
  useEffect(() => onUnauthenticated((message) => endSession(message || t('login.expired'))), [endSession, t]);
  useServerEvent((e) => {
    // The event does not say whose session expired: ask, and the refusal (if any) ends ours.
    if (e.type === 'session.expired' && session) notify.run(api['session.me']({}));
  });
  // The backend locks the session too (idle, or "Kunci layar"): any call refused as locked shows the lock screen.
  useEffect(() => onLocked(() => setLocked(true)), []);
  useIdle(session && !locked ? session.idleLockMinutes : null, () => {
    setLocked(true);
    notify.run(api['session.lock']({}));
  });
  // A third of the idle window, and only after real input: status polling never keeps a session alive.
  useKeepAlive(Boolean(session) && !locked, Math.max(1, session?.idleLockMinutes ?? 15) * 20_000, () => notify.run(api['session.activity']({})));

  if (transportMissing) return <Result status="warning" title={t('app.noTransport')} subTitle={t('app.noTransportHint')} />;
  if (!info.data) {
    if (info.error?.code === 'DAMAGED') return <RepairPage onRepaired={info.reload} />;
    if (info.error)
      return (
        <Result
          status="error"
          title={t('app.startFailed')}
          subTitle={info.error.message}
          extra={<Button onClick={info.reload}>{t('common.retry')}</Button>}
        />
      );
    return <Spin size="large" style={{ display: 'block', marginTop: '30vh' }} />;
  }
  if (!info.data.initialized)
    return (
      <FirstRunPage
        onCreated={(username) => {
          setLastUsername(username);
          setLoginNotice(t('firstRun.created'));
          info.reload();
        }}
      />
    );

  function loggedIn(s: SessionInfo): void {
    if (lastUserId.current !== null && lastUserId.current !== s.user.id) navigate({ page: 'inbox' });
    lastUserId.current = s.user.id;
    setPrefsUser(s.user.id);
    setSessionToken(s.token);
    setSession(s);
    setLastUsername(s.user.username);
    setLoginNotice(null);
    setLocked(false);
  }

  if (!session) return <LoginPage officeName={info.data.officeName} initialUsername={lastUsername} notice={loginNotice} onLoggedIn={loggedIn} />;

  return (
    <>
      {/* Kept mounted under the lock so unsaved form input survives; inert hides it from input and AT. */}
      <div inert={locked} aria-hidden={locked} style={{ height: '100%' }}>
        <MainShell info={info.data} session={session} refreshInfo={info.reload} onLogout={() => endSession(null)} />
      </div>
      {locked && (
        <LockScreen
          session={session}
          onUnlocked={(s) => loggedIn(s)}
          onSwitchUser={() => {
            // The locked session ends on the backend too (logout is allowed while locked).
            notify.run(api['session.logout']({}));
            endSession(null);
          }}
        />
      )}
    </>
  );
}
