/** The sidebar of the logged-in window: which screens this user may open, and their menu items. */
import { Badge } from 'antd';
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
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppContextValue } from '../hooks/use-app';
import type { Route } from '../hooks/use-route';

type NavKey = 'home' | 'inbox' | 'signbook' | 'register' | 'cases' | 'reports' | 'import' | 'settings' | 'verify';

// A type (not an interface): antd's menu item type takes it only so.
type NavItem = { key: NavKey; icon: ReactNode; label: ReactNode };

export function navKeyOf(route: Route): NavKey {
  return route.page === 'case' ? 'cases' : route.page;
}

/** Holds a post (Plt./Plh. included) whose role acts at a step the SOP has signed: a head who signs. */
function holdsSigningPost(ctx: AppContextValue): boolean {
  const roles = new Set(ctx.overview.preset.steps.filter((s) => s.actions.some((a) => a.signed)).map((s) => s.role));
  return ctx.session.positions.some((p) => roles.has(p.roleId));
}

interface ShellRights {
  canRegister: boolean;
  canSign: boolean;
  isAdmin: boolean;
  canReport: boolean;
}

/** The screens beyond everyone's that this user may open. */
export function shellRights(ctx: AppContextValue): ShellRights {
  const canRegister = ctx.isDesk || ctx.session.user.isAdmin;
  const canSign = holdsSigningPost(ctx);
  const isAdmin = ctx.session.user.isAdmin;
  // Reports cover every OPD for administrators and the hub's (Diskominfo) staff.
  const hubUnits = new Set(ctx.overview.units.filter((u) => u.kind === 'hub').map((u) => u.id));
  const canReport = isAdmin || ctx.session.positions.some((p) => hubUnits.has(p.unitId));
  return { canRegister, canSign, isAdmin, canReport };
}

/** The menu items in their order, the inbox with its count (red when something is overdue). */
export function useNavItems(rights: ShellRights, counts: { open: number; overdue: number } | undefined): NavItem[] {
  const { t } = useTranslation();
  const { canRegister, canSign, isAdmin, canReport } = rights;
  const items: NavItem[] = [
    { key: 'home', icon: <DashboardOutlined />, label: t('home.title') },
    {
      key: 'inbox',
      icon: <InboxOutlined />,
      label: (
        <span style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center' }}>
          {t('nav.inbox')}
          <Badge
            count={counts?.open ?? 0}
            overflowCount={999}
            color={counts && counts.overdue > 0 ? '#cf1322' : '#1677ff'}
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
  return items;
}
