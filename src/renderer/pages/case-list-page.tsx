/** Cari: full-text search and filters over every case the user may see, paginated by the backend. */
import { Alert, Card, Checkbox, DatePicker, Input, Select, Space, Table, Tooltip, Typography, type InputRef } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs, { type Dayjs } from 'dayjs';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseListInput } from '../../shared/api/contract';
import type { CaseRow } from '../../shared/api/views';
import { CASE_STATUSES, CASE_TYPES, CHANNELS, type CaseStatus, type CaseType, type Channel } from '../../shared/domain/enums';
import { api } from '../api/client';
import { DueBadge, PrivacyTag, StatusTag, UrgencyTag } from '../components/case-tags';
import { ShortDateTime } from '../components/short-date-time';
import { dayEndInstant, dayStartInstant, instantToWallClock } from '../format/dates';
import { useApp } from '../hooks/use-app';
import { useNow } from '../hooks/use-now';
import { useQuery } from '../hooks/use-query';
import { navigate, type CaseFilters } from '../hooks/use-route';
import { openableRow, useSearchFocusTarget } from '../hooks/use-shortcuts';
import { useCasesChanged } from '../hooks/use-server-event';
import { SavedSearches } from '../search/saved-searches';
import { useTypedSearch } from '../search/use-typed-search';
import { ListExports } from '../search/list-exports';
import { BulkActions } from '../desk/bulk-actions';

const PAGE_SIZE = 25;

interface Filters {
  search: string;
  status?: CaseStatus;
  channel?: Channel;
  type?: CaseType;
  categoryId?: string;
  unitId?: string;
  overdue: boolean;
  conflicts: boolean;
  range: [Dayjs, Dayjs] | null;
  page: number;
}

/** The screen's filters as a link (e.g. a dashboard bar) sets them. */
function initialFilters(r: CaseFilters | undefined): Filters {
  const from = r?.from ?? r?.to;
  const to = r?.to ?? r?.from;
  return {
    search: '',
    status: r?.status,
    channel: r?.channel,
    type: r?.type,
    categoryId: r?.categoryId,
    unitId: r?.unitId,
    overdue: r?.overdue ?? false,
    conflicts: false,
    range: from && to ? [dayjs(from), dayjs(to)] : null,
    page: 1,
  };
}

/** The case list / search screen, starting from the filters of the route (`#/cases?status=...`). */
export function CaseListPage({ filters }: { filters?: CaseFilters }) {
  const { t } = useTranslation();
  const { tz, overview } = useApp();
  const now = useNow();
  const [f, setF] = useState<Filters>(() => initialFilters(filters));
  const searchRef = useRef<InputRef>(null);
  useSearchFocusTarget(searchRef);

  const input: CaseListInput = {
    search: f.search.trim() || undefined,
    status: f.status,
    channel: f.channel,
    type: f.type,
    categoryId: f.categoryId,
    unitId: f.unitId,
    overdue: f.overdue || undefined,
    conflicts: f.conflicts || undefined,
    receivedFrom: f.range ? dayStartInstant(f.range[0], tz) : undefined,
    receivedTo: f.range ? dayEndInstant(f.range[1], tz) : undefined,
    limit: PAGE_SIZE,
    offset: (f.page - 1) * PAGE_SIZE,
  };
  // Bumped when a saved search is applied, so the search box shows its words.
  const [searchKey, setSearchKey] = useState(0);
  const typed = useTypedSearch((v) => set('search', v));
  const list = useQuery(() => api['case.list'](input), JSON.stringify(input));
  useCasesChanged(list.reload);
  const [selected, setSelected] = useState<string[]>([]);

  // Any filter change goes back to the first page.
  function set<K extends keyof Filters>(k: K, v: Filters[K]): void {
    setF((prev) => ({ ...prev, page: 1, [k]: v }));
  }

  const categoryName = new Map(overview.preset.categories.map((c) => [c.id, c.name]));
  // Six columns that fit the common 1366 px screen with the sidebar: the type, channel and
  // category go under the title, the received time in its short form (the full one on hover).
  const columns: ColumnsType<CaseRow> = [
    { title: t('case.ref'), dataIndex: 'ref', width: 150, render: (_v, r) => <Typography.Text strong>{r.ref}</Typography.Text> },
    {
      title: t('case.title'),
      dataIndex: 'title',
      render: (_v, r) => {
        const meta = [t(`caseType.${r.type}`), t(`channel.${r.channel}`), r.categoryId ? (categoryName.get(r.categoryId) ?? r.categoryId) : null]
          .filter(Boolean)
          .join(' · ');
        return (
          <div style={{ minWidth: 0 }}>
            <div style={{ display: 'flex', alignItems: 'center', gap: 4, minWidth: 0 }}>
              {r.urgency !== 'biasa' && <UrgencyTag urgency={r.urgency} />}
              <PrivacyTag privacy={r.privacy} />
              <Tooltip title={r.title} placement="topLeft">
                <span className="alur-ellipsis" data-testid="case-title-cell">
                  {r.title}
                </span>
              </Tooltip>
            </div>
            <div className="alur-timeline-meta alur-ellipsis" title={meta} data-testid="case-meta">
              {meta}
            </div>
          </div>
        );
      },
    },
    {
      title: t('case.received'),
      dataIndex: 'receivedAt',
      width: 140,
      render: (_v, r) => <ShortDateTime ms={r.receivedAt} />,
    },
    { title: t('case.status'), dataIndex: 'status', width: 115, render: (_v, r) => <StatusTag status={r.status} /> },
    {
      title: t('case.position'),
      dataIndex: 'currentSteps',
      width: 170,
      render: (_v, r) => {
        const text = r.currentSteps.length ? r.currentSteps.join(', ') : t('common.dash');
        return (
          <span className="alur-ellipsis" title={text}>
            {text}
          </span>
        );
      },
    },
    {
      title: t('case.due'),
      dataIndex: 'dueAt',
      width: 140,
      render: (_v, r) => <DueBadge dueAt={r.dueAt} now={now} overdue={r.overdue} paused={r.paused} />,
    },
  ];

  return (
    <Card title={t('nav.cases')}>
      <Space wrap style={{ marginBottom: 8 }}>
        <Input.Search
          key={searchKey}
          defaultValue={f.search}
          allowClear
          data-testid="case-search"
          placeholder={t('cases.searchPlaceholder')}
          aria-label={t('cases.searchPlaceholder')}
          ref={searchRef}
          style={{ width: 280 }}
          onSearch={(v) => set('search', v)}
          onChange={(e) => typed(e.target.value)}
          maxLength={200}
        />
        <ListExports current={input} />
        <BulkActions
          caseIds={selected}
          onDone={() => {
            setSelected([]);
            list.reload();
          }}
        />
        <SavedSearches
          current={input}
          onApply={(s) => {
            const range: Filters['range'] =
              s.receivedFrom !== undefined && s.receivedTo !== undefined
                ? [instantToWallClock(s.receivedFrom, tz), instantToWallClock(s.receivedTo, tz)]
                : null;
            setF({
              search: s.search ?? '',
              status: s.status,
              channel: s.channel,
              type: s.type,
              categoryId: s.categoryId,
              unitId: s.unitId,
              overdue: s.overdue ?? false,
              conflicts: s.conflicts ?? false,
              range,
              page: 1,
            });
            setSearchKey((k) => k + 1);
          }}
        />
        <Select<CaseStatus>
          allowClear
          placeholder={t('case.status')}
          aria-label={t('case.status')}
          style={{ width: 150 }}
          value={f.status}
          onChange={(v) => set('status', v)}
          options={CASE_STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))}
        />
        <Select<Channel>
          allowClear
          placeholder={t('case.channel')}
          aria-label={t('case.channel')}
          style={{ width: 140 }}
          value={f.channel}
          onChange={(v) => set('channel', v)}
          options={CHANNELS.map((c) => ({ value: c, label: t(`channel.${c}`) }))}
        />
        <Select<CaseType>
          allowClear
          placeholder={t('case.type')}
          aria-label={t('case.type')}
          style={{ width: 170 }}
          value={f.type}
          onChange={(v) => set('type', v)}
          options={CASE_TYPES.map((c) => ({ value: c, label: t(`caseType.${c}`) }))}
        />
        <Select<string>
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('case.category')}
          aria-label={t('case.category')}
          style={{ width: 180 }}
          value={f.categoryId}
          onChange={(v) => set('categoryId', v)}
          options={overview.preset.categories.map((c) => ({ value: c.id, label: c.name }))}
        />
        <Select<string>
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('home.opd')}
          aria-label={t('home.opd')}
          style={{ width: 180 }}
          value={f.unitId}
          onChange={(v) => set('unitId', v)}
          options={overview.units.filter((u) => u.kind === 'opd').map((u) => ({ value: u.id, label: u.name }))}
          data-testid="filter-unit"
        />
        <DatePicker.RangePicker
          value={f.range}
          onChange={(v) => set('range', v && v[0] && v[1] ? [v[0], v[1]] : null)}
          format={t('format.datePicker')}
          placeholder={[t('cases.receivedFrom'), t('cases.receivedTo')]}
        />
        <Checkbox checked={f.conflicts} onChange={(e) => set('conflicts', e.target.checked)} data-testid="filter-conflicts">
          {t('cases.conflictsOnly')}
        </Checkbox>
        <Checkbox checked={f.overdue} onChange={(e) => set('overdue', e.target.checked)}>
          {t('cases.overdueOnly')}
        </Checkbox>
      </Space>
      {list.error && <Alert type="error" showIcon title={list.error.message} style={{ marginBottom: 8 }} />}
      <Table<CaseRow>
        data-testid="case-table"
        rowKey="id"
        size="small"
        loading={list.loading}
        columns={columns}
        dataSource={list.data?.rows ?? []}
        pagination={{
          current: f.page,
          pageSize: PAGE_SIZE,
          // A lower bound gets one page more, so the user can page on past it.
          total: list.data ? list.data.total + (list.data.totalIsLowerBound ? 1 : 0) : 0,
          showSizeChanger: false,
          showTotal: () =>
            list.data?.totalIsLowerBound ? t('cases.totalAtLeast', { count: list.data.total }) : t('cases.total', { count: list.data?.total ?? 0 }),
          onChange: (p) => set('page', p),
        }}
        rowSelection={{ selectedRowKeys: selected, onChange: (keys) => setSelected(keys.map(String)), preserveSelectedRowKeys: true }}
        rowClassName={() => 'alur-clickable-row'}
        onRow={(r) => openableRow(() => navigate({ page: 'case', id: r.id }))}
        locale={{ emptyText: t('cases.empty') }}
      />
    </Card>
  );
}
