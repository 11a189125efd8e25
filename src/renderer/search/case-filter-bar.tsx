/** The filter fields of Cari (status, channel, type, category, OPD, received range, the two checkboxes). */
import { Checkbox, DatePicker, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { CASE_STATUSES, CASE_TYPES, CHANNELS, type CaseStatus, type CaseType, type Channel } from '../../shared/domain/enums';
import { useApp } from '../hooks/use-app';

export interface Filters {
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

/** The fields, side by side in the page's bar; `set` changes one filter (and goes back to page 1). */
export function CaseFilterFields({ f, set }: { f: Filters; set: <K extends keyof Filters>(k: K, v: Filters[K]) => void }) {
  const { t } = useTranslation();
  const { overview } = useApp();
  return (
    <>
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
    </>
  );
}
