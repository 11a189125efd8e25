/**
 * The logged-in window: sidebar navigation by role, a header with who is working, the
 * current screen, and a status bar with the database and sync state.
 */
import { Alert, App, Badge, Button, Layout, Menu, Spin } from 'antd';
import {
  BarChartOutlined,
  EditOutlined,
  CloudUploadOutlined,
  DashboardOutlined,
  FileAddOutlined,
  InboxOutlined,
  SafetyCertificateOutlined,
  SearchOutlined,
  SettingOutlined,
} from '@ant-design/icons';
import { useMemo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppInfo, SessionInfo } from '../../shared/api/views';
import { api } from '../api/client';
import { AppHeader } from '../components/app-header';
import { StatusBar } from '../components/status-bar';
import { AppContext, useApp, type AppContextValue } from '../hooks/use-app';
import { useQuery } from '../hooks/use-query';
import { useBurstGuard } from '../hooks/use-burst-guard';
import { isOwnAct } from '../hooks/own-acts';
import { useGlobalShortcuts } from '../hooks/use-shortcuts';
import { navigate, routeHash, useRoute, type Route } from '../hooks/use-route';
import { useCasesChanged, useServerEvent } from '../hooks/use-server-event';
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

interface Props {
  info: AppInfo;
  session: SessionInfo;
  refreshInfo: () => void;
  onLogout: () => void;
}

type NavKey = 'home' | 'inbox' | 'signbook' | 'register' | 'cases' | 'reports' | 'import' | 'settings' | 'verify';

function navKeyOf(route: Route): NavKey {
  return route.page === 'case' ? 'cases' : route.page;
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

/** Holds a post (Plt./Plh. included) whose role acts at a step the SOP has signed: a head who signs. */
function holdsSigningPost(ctx: AppContextValue): boolean {
  const roles = new Set(ctx.overview.preset.steps.filter((s) => s.actions.some((a) => a.signed)).map((s) => s.role));
  return ctx.session.positions.some((p) => roles.has(p.roleId));
}

function ShellLayout({ onLogout }: { onLogout: () => void }) {
  const { t } = useTranslation();
  const { notification } = App.useApp();
  const route = useRoute();
  const ctx = useApp();
  const counts = useQuery(() => api['inbox.counts']({}), 'counts');
  useGlobalShortcuts();
  useCasesChanged(() => {
    counts.reload();
    ctx.refreshInfo();
  });
  // An import or a sync can open hundreds of tasks at once: past three, one summary toast.
  const admitTask = useBurstGuard((count) => {
    notification.info({
      title: t('taskBurst.title'),
      description: t('taskBurst.text', { count }),
      actions: (
        <Button size="small" type="link" onClick={() => navigate({ page: 'inbox' })}>
          {t('taskBurst.openInbox')}
        </Button>
      ),
      placement: 'bottomRight',
      duration: 8,
    });
  });
  useServerEvent((e) => {
    if (e.type === 'task.opened' || e.type === 'task.due_soon') {
      // Only tasks of this user's posts: the backend tells every window, each shows its own.
      const mine = ctx.session.positions.some(
        (p) => p.unitId === e.task.unitId && p.roleId === e.task.roleId && (e.task.positionId === null || e.task.positionId === p.positionId),
      );
      if (!mine || (e.type === 'task.opened' && (isOwnAct(e.task.caseId) || !admitTask()))) return;
      const id = e.task.caseId;
      const text = t(e.type === 'task.opened' ? 'notice.taskOpened' : 'notice.taskDueSoon', {
        ref: e.task.ref,
        title: e.task.title,
        step: e.task.stepName,
      });
      const show = e.type === 'task.due_soon' ? notification.warning : notification.info;
      show({
        title: t(e.type === 'task.opened' ? 'notice.newTask' : 'notice.dueSoon'),
        description: text,
        actions: (
          <Button size="small" type="link" onClick={() => navigate({ page: 'case', id })}>
            {t('notice.openCase')}
          </Button>
        ),
        placement: 'bottomRight',
        duration: 8,
      });
      // In the desktop app, also a system notification when the window is in the background.
      if (document.hidden && typeof Notification !== 'undefined' && Notification.permission === 'granted')
        new Notification(t(e.type === 'task.opened' ? 'notice.newTask' : 'notice.dueSoon'), { body: text });
      return;
    }
    if (e.type !== 'notice') return;
    const caseId = e.caseId;
    const open = caseId ? (
      <Button size="small" type="link" onClick={() => navigate({ page: 'case', id: caseId })}>
        {t('notice.openCase')}
      </Button>
    ) : undefined;
    const show = e.level === 'warning' ? notification.warning : notification.info;
    show({ title: t(`notice.${e.level}`), description: e.message, actions: open, placement: 'bottomRight', duration: 8 });
  });

  const canRegister = ctx.isDesk || ctx.session.user.isAdmin;
  const canSign = holdsSigningPost(ctx);
  const isAdmin = ctx.session.user.isAdmin;
  // Reports cover every OPD for administrators and the hub's (Diskominfo) staff.
  const hubUnits = new Set(ctx.overview.units.filter((u) => u.kind === 'hub').map((u) => u.id));
  const canReport = isAdmin || ctx.session.positions.some((p) => hubUnits.has(p.unitId));
  const items: Array<{ key: NavKey; icon: ReactNode; label: ReactNode }> = [
    { key: 'home', icon: <DashboardOutlined />, label: t('home.title') },
    {
      key: 'inbox',
      icon: <InboxOutlined />,
      label: (
        <span style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center' }}>
          {t('nav.inbox')}
          <Badge
            count={counts.data?.open ?? 0}
            overflowCount={999}
            color={counts.data && counts.data.overdue > 0 ? '#cf1322' : '#1677ff'}
            data-testid="inbox-count"
          />
        </span>
      ),
    },
  ];
  if (canSign) items.push({ key: 'signbook', icon: <EditOutlined />, label: t('signatureBook.nav') });
  if (canRegister) items.push({ key: 'register', icon: <FileAddOutlined />, label: t('nav.register') });
  items.push({ key: 'cases', icon: <SearchOutlined />, label: t('nav.cases') });
  if (canReport) items.push({ key: 'reports', icon: <BarChartOutlined />, label: t('reports.title') });
  if (isAdmin) items.push({ key: 'import', icon: <CloudUploadOutlined />, label: t('import.title') });
  items.push({ key: 'verify', icon: <SafetyCertificateOutlined />, label: t('nav.verify') });
  if (isAdmin) items.push({ key: 'settings', icon: <SettingOutlined />, label: t('nav.settings') });

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
