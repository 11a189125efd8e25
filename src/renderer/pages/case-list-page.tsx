/** Cari: full-text search and filters over every case the user may see, paginated by the backend. */
import { Alert, Card, Input, Space, Table, type InputRef } from 'antd';
import dayjs from 'dayjs';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseListInput } from '../../shared/api/contract';
import type { CaseRow } from '../../shared/api/views';
import { api } from '../api/client';
import { dayEndInstant, dayStartInstant, instantToWallClock } from '../format/dates';
import { useApp } from '../hooks/use-app';
import { useQuery } from '../hooks/use-query';
import { navigate, type CaseFilters } from '../hooks/use-route';
import { openableRow, useSearchFocusTarget } from '../hooks/use-shortcuts';
import { useCasesChanged } from '../hooks/use-server-event';
import { SavedSearches } from '../search/saved-searches';
import { useTypedSearch } from '../search/use-typed-search';
import { ListExports } from '../search/list-exports';
import { BulkActions } from '../desk/bulk-actions';
import { CaseFilterFields, type Filters } from '../search/case-filter-bar';
import { useCaseListColumns } from '../search/case-list-columns';

const PAGE_SIZE = 25;

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
  const { tz } = useApp();
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

  const columns = useCaseListColumns();

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
        <CaseFilterFields f={f} set={set} />
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
