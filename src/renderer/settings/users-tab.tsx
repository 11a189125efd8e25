/** Users, with the posts they hold (definitive, or Plt./Plh. for a date range). */
import { Alert, Button, Input, Popconfirm, Space, Table, Tag, Tooltip } from 'antd';
import { CheckOutlined, EditOutlined, PlusOutlined, UserAddOutlined } from '@ant-design/icons';
import type { ColumnsType } from 'antd/es/table';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Assignment, User } from '../../shared/domain/org';
import { api } from '../api/client';
import { formatCivilDate } from '../format/dates';
import { useApp } from '../hooks/use-app';
import { useNotify } from '../hooks/use-notify';
import { useQuery } from '../hooks/use-query';
import { AssignmentModal } from './assignment-modal';
import { LoginLocks } from './login-locks';
import { UserModal } from './user-modal';

type UserRow = User & { assignments: Assignment[] };

/** The users table with create/edit and assignment management. */
export function UsersTab() {
  const { t, i18n } = useTranslation();
  const { overview, refreshOverview } = useApp();
  const notify = useNotify();
  const users = useQuery(() => api['user.list']({}), 'users');
  const [editing, setEditing] = useState<UserRow | 'new' | null>(null);
  const [assigning, setAssigning] = useState<UserRow | null>(null);
  const [query, setQuery] = useState('');

  function changed(): void {
    users.reload();
    refreshOverview();
  }

  async function removeAssignment(id: string): Promise<void> {
    if (notify.unwrap(await api['assignment.delete']({ id })) !== null) changed();
  }

  const posTitle = (id: string) => overview.positions.find((p) => p.id === id)?.title ?? id;
  const range = (a: Assignment) =>
    a.from || a.until
      ? t('assignment.range', {
          from: a.from ? formatCivilDate(a.from, t, i18n.language) : '…',
          until: a.until ? formatCivilDate(a.until, t, i18n.language) : '…',
        })
      : null;

  // Fifty users and more: found by any word of the name, login, NIP or post they hold.
  const shown = useMemo(() => {
    const words = query.trim().toLowerCase().split(/\s+/).filter(Boolean);
    const rows = users.data ?? [];
    if (words.length === 0) return rows;
    return rows.filter((u) => {
      const text = [
        u.username,
        u.fullName,
        u.nip ?? '',
        ...u.assignments.map((a) => overview.positions.find((p) => p.id === a.positionId)?.title ?? ''),
      ]
        .join(' ')
        .toLowerCase();
      return words.every((w) => text.includes(w));
    });
  }, [query, users.data, overview.positions]);
  const byText = (f: (u: UserRow) => string) => (a: UserRow, b: UserRow) => f(a).localeCompare(f(b), 'id');

  const columns: ColumnsType<UserRow> = [
    { title: t('user.username'), dataIndex: 'username', width: 150, sorter: byText((u) => u.username), showSorterTooltip: false },
    {
      title: t('user.fullName'),
      dataIndex: 'fullName',
      width: 190,
      sorter: byText((u) => u.fullName),
      defaultSortOrder: 'ascend',
      showSorterTooltip: false,
    },
    {
      title: t('user.nip'),
      dataIndex: 'nip',
      width: 160,
      sorter: byText((u) => u.nip ?? ''),
      showSorterTooltip: false,
      render: (v: string | null) => v ?? t('common.dash'),
    },
    {
      title: t('user.positions'),
      dataIndex: 'assignments',
      render: (_v, u) => (
        <Space size={[4, 4]} wrap>
          {u.assignments.map((a) => (
            <Popconfirm
              key={a.id}
              title={t('assignment.deleteConfirm')}
              onConfirm={() => removeAssignment(a.id)}
              okText={t('common.delete')}
              cancelText={t('common.cancel')}
            >
              <Tooltip title={range(a)}>
                <Tag color={a.acting ? 'volcano' : 'blue'} style={{ cursor: 'pointer', whiteSpace: 'normal' }}>
                  {a.acting ? `${t(`acting.${a.acting}`)} ` : ''}
                  {posTitle(a.positionId)}
                </Tag>
              </Tooltip>
            </Popconfirm>
          ))}
          <Button size="small" type="dashed" icon={<PlusOutlined />} onClick={() => setAssigning(u)}>
            {t('assignment.add')}
          </Button>
        </Space>
      ),
    },
    {
      title: t('user.isAdmin'),
      dataIndex: 'isAdmin',
      width: 70,
      align: 'center',
      sorter: (a, b) => Number(a.isAdmin) - Number(b.isAdmin),
      showSorterTooltip: false,
      render: (v: boolean) => (v ? <CheckOutlined aria-label={t('user.isAdmin')} /> : null),
    },
    {
      title: t('user.active'),
      dataIndex: 'active',
      width: 90,
      sorter: (a, b) => Number(a.active) - Number(b.active),
      showSorterTooltip: false,
      render: (v: boolean) => (v ? <Tag color="green">{t('user.activeYes')}</Tag> : <Tag>{t('user.activeNo')}</Tag>),
    },
    {
      title: '',
      key: 'edit',
      width: 60,
      render: (_v, u) => <Button size="small" icon={<EditOutlined />} aria-label={t('common.edit')} onClick={() => setEditing(u)} />,
    },
  ];

  return (
    <>
      <LoginLocks />
      <Space style={{ marginBottom: 8 }}>
        <Button type="primary" icon={<UserAddOutlined />} onClick={() => setEditing('new')} data-testid="user-add">
          {t('user.add')}
        </Button>
        <Input.Search
          allowClear
          placeholder={t('ui.users.search')}
          aria-label={t('ui.users.search')}
          style={{ width: 320 }}
          onChange={(e) => setQuery(e.target.value)}
          data-testid="users-search"
        />
        <span aria-live="polite">{t('ui.users.count', { count: shown.length, total: users.data?.length ?? 0 })}</span>
      </Space>
      {users.error && <Alert type="error" showIcon title={users.error.message} style={{ marginBottom: 8 }} />}
      <Table<UserRow>
        rowKey="id"
        size="small"
        loading={users.loading && !users.data}
        columns={columns}
        dataSource={shown}
        tableLayout="fixed"
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        data-testid="users-table"
      />
      {editing && (
        <UserModal
          user={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            changed();
          }}
        />
      )}
      {assigning && (
        <AssignmentModal
          user={assigning}
          onClose={() => setAssigning(null)}
          onSaved={() => {
            setAssigning(null);
            changed();
          }}
        />
      )}
    </>
  );
}
