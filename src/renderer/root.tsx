/**
 * Providers (antd theme and locale, dayjs locale) and the top-level flow:
 * first run -> login -> the main layout, with the idle lock and session expiry.
 */
import { App as AntApp, Button, ConfigProvider, Result, Spin } from 'antd';
import enUS from 'antd/locale/en_US';
import idID from 'antd/locale/id_ID';
import dayjs from 'dayjs';
import 'dayjs/locale/id';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionInfo } from '../shared/api/views';
import { api, onLocked, onUnauthenticated, setSessionToken, transportMissing } from './api/client';
import { useIdle } from './hooks/use-idle';
import { useKeepAlive } from './hooks/use-keep-alive';
import { useQuery } from './hooks/use-query';
import { useServerEvent } from './hooks/use-server-event';
import { FirstRunPage } from './pages/first-run-page';
import { LockScreen } from './pages/lock-screen';
import { LoginPage } from './pages/login-page';
import { MainShell } from './pages/main-shell';

const THEME = {
  token: { colorPrimary: '#14599b', borderRadius: 4, fontSize: 13 },
  components: { Layout: { siderBg: '#0b2942', headerBg: '#ffffff', headerHeight: 48, headerPadding: '0 16px' } },
};

/** The whole renderer: providers around the app flow. */
export function Root() {
  const { i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'id';
  useEffect(() => {
    dayjs.locale(lang);
    document.documentElement.lang = lang;
  }, [lang]);
  return (
    <ConfigProvider locale={lang === 'en' ? enUS : idID} componentSize="small" theme={THEME}>
      <AntApp style={{ height: '100%' }}>
        <AppFlow />
      </AntApp>
    </ConfigProvider>
  );
}

function AppFlow() {
  const { t } = useTranslation();
  const info = useQuery(() => api['app.info']({}), 'info');
  const [session, setSession] = useState<SessionInfo | null>(null);
  const [loginNotice, setLoginNotice] = useState<string | null>(null);
  const [lastUsername, setLastUsername] = useState<string | undefined>(undefined);
  const [locked, setLocked] = useState(false);

  const endSession = useCallback(
    (notice: string | null) => {
      setSessionToken(null);
      setSession(null);
      setLocked(false);
      setLoginNotice(notice);
    },
    [],
  );

  // Any call refused as UNAUTHENTICATED means the session is gone: back to login, say why.
  useEffect(() => onUnauthenticated((message) => endSession(message || t('login.expired'))), [endSession, t]);
  useServerEvent((e) => {
    // The event does not say whose session expired: ask, and the refusal (if any) ends ours.
    if (e.type === 'session.expired' && session) void api['session.me']({});
  });
  // The backend locks the session too (idle, or "Kunci layar"): any call refused as locked shows the lock screen.
  useEffect(() => onLocked(() => setLocked(true)), []);
  useIdle(session && !locked ? session.idleLockMinutes : null, () => {
    setLocked(true);
    void api['session.lock']({});
  });
  // A third of the idle window, and only after real input: status polling never keeps a session alive.
  useKeepAlive(Boolean(session) && !locked, Math.max(1, session?.idleLockMinutes ?? 15) * 20_000, () => void api['session.activity']({}));

  if (transportMissing) return <Result status="warning" title={t('app.noTransport')} subTitle={t('app.noTransportHint')} />;
  if (!info.data) {
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
    setSessionToken(s.token);
    setSession(s);
    setLastUsername(s.user.username);
    setLoginNotice(null);
    setLocked(false);
  }

  if (!session)
    return <LoginPage officeName={info.data.officeName} initialUsername={lastUsername} notice={loginNotice} onLoggedIn={loggedIn} />;

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
            void api['session.logout']({});
            endSession(null);
          }}
        />
      )}
    </>
  );
}
