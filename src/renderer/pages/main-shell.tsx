/**
 * The logged-in window: sidebar navigation by role, a header with who is working, the
 * current screen, and a status bar with the database and sync state.
 */
import { Alert, Layout, Menu, Spin } from 'antd';
import { useMemo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppInfo, SessionInfo } from '../../shared/api/views';
import { api } from '../api/client';
import { AppHeader } from '../components/app-header';
import { StatusBar } from '../components/status-bar';
import { AppContext, useApp, type AppContextValue } from '../hooks/use-app';
import { useQuery } from '../hooks/use-query';
import { useGlobalShortcuts } from '../hooks/use-shortcuts';
import { navigate, routeHash, useRoute } from '../hooks/use-route';
import { useCasesChanged } from '../hooks/use-server-event';
import { useShellNotices } from '../hooks/use-shell-notices';
import { CaseDetailPage } from './case-detail-page';
import { CaseListPage } from './case-list-page';
import { HomePage } from './home-page';
import { ImportPage } from './import-page';
import { InboxPage } from './inbox-page';
import { RegisterPage } from './register-page';
import { ReportsPage } from './reports-page';
import { VerifyPage } from './verify-page';
import { SettingsPage } from './settings-page';
import { SignBookPage } from './signbook-page';
import { navKeyOf, shellRights, useNavItems } from './shell-nav';

interface Props {
  info: AppInfo;
  session: SessionInfo;
  refreshInfo: () => void;
  onLogout: () => void;
}

/** Loads the office overview, then renders the layout around the current route. */
export function MainShell({ info, session, refreshInfo, onLogout }: Props) {
  const overview = useQuery(() => api['office.overview']({}), `overview:${session.user.id}`);
  const value = useMemo<AppContextValue | null>(() => {
    if (!overview.data) return null;
    const deskRoles = new Set(overview.data.preset.roles.filter((r) => r.desk).map((r) => r.id));
    return {
      info,
      session,
      overview: overview.data,
      tz: overview.data.preset.timeZone,
      isDesk: session.positions.some((p) => deskRoles.has(p.roleId)),
      refreshInfo,
      refreshOverview: overview.reload,
    };
  }, [info, session, overview.data, overview.reload, refreshInfo]);

  if (!value) {
    if (overview.error) return <Alert type="error" showIcon title={overview.error.message} style={{ margin: 24 }} />;
    return <Spin size="large" style={{ display: 'block', marginTop: '30vh' }} />;
  }
  return (
    <AppContext.Provider value={value}>
      <ShellLayout onLogout={onLogout} />
    </AppContext.Provider>
  );
}

function ShellLayout({ onLogout }: { onLogout: () => void }) {
  const { t } = useTranslation();
  const route = useRoute();
  const ctx = useApp();
  const counts = useQuery(() => api['inbox.counts']({}), 'counts');
  useGlobalShortcuts();
  useCasesChanged(() => {
    counts.reload();
    ctx.refreshInfo();
  });
  useShellNotices();

  const rights = shellRights(ctx);
  const { canRegister, canSign, isAdmin, canReport } = rights;
  const items = useNavItems(rights, counts.data);

  let page: ReactNode;
  switch (route.page) {
    case 'inbox':
      page = <InboxPage />;
      break;
    case 'home':
      page = <HomePage from={route.from} to={route.to} />;
      break;
    case 'cases':
      // Keyed by the hash: a new link (a dashboard bar) starts from its own filters.
      page = <CaseListPage key={routeHash(route)} filters={route.filters} />;
      break;
    case 'reports':
      page = canReport ? <ReportsPage /> : <InboxPage />;
      break;
    case 'import':
      page = isAdmin ? <ImportPage /> : <InboxPage />;
      break;
    case 'case':
      page = <CaseDetailPage key={route.id} caseId={route.id} />;
      break;
    case 'register':
      page = canRegister ? <RegisterPage /> : <InboxPage />;
      break;
    case 'settings':
      page = isAdmin ? <SettingsPage /> : <InboxPage />;
      break;
    case 'verify':
      page = <VerifyPage />;
      break;
    case 'signbook':
      page = canSign ? <SignBookPage /> : <InboxPage />;
      break;
  }

  return (
    <Layout style={{ height: '100%' }}>
      <Layout.Sider width={210} breakpoint="lg" collapsedWidth={56}>
        <div className="alur-brand">
          {t('app.name')}
          <small title={ctx.overview.officeName}>{ctx.overview.officeName}</small>
        </div>
        <Menu
          theme="dark"
          mode="inline"
          style={{ background: 'transparent' }}
          selectedKeys={[navKeyOf(route)]}
          items={items}
          onClick={({ key }) => {
            const target = items.find((i) => i.key === key);
            if (target) navigate({ page: target.key });
          }}
        />
      </Layout.Sider>
      <Layout>
        <AppHeader onLogout={onLogout} />
        <Layout.Content style={{ overflow: 'auto', padding: 12 }}>{page}</Layout.Content>
        <StatusBar />
      </Layout>
    </Layout>
  );
}
