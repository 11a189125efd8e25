/**
 * The period of a report, picked the way each SOP recap is counted: a day (harian,
 * isu-strategis), a month (bulanan), a half year (semester), a year (tahunan). The backend
 * reads it as `2026-11-24`, `2026-11`, `2026-S2` or `2026`.
 */
import { DatePicker, Segmented, Space } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { ReportKind } from '../../shared/api/views-reports';
import { assertNever } from '../../shared/result';

/** What the picker holds: a day (its month and year serve the longer periods) and a half year. */
export interface PeriodValue {
  day: Dayjs;
  half: 1 | 2;
}

/** The `period` argument of `report.data` / `report.export`. */
export function periodText(kind: ReportKind, v: PeriodValue): string {
  switch (kind) {
    case 'harian':
    case 'isu-strategis':
      return v.day.format('YYYY-MM-DD');
    case 'bulanan':
      return v.day.format('YYYY-MM');
    case 'semester':
      return `${v.day.format('YYYY')}-S${v.half}`;
    case 'tahunan':
      return v.day.format('YYYY');
    default:
      return assertNever(kind);
  }
}

interface Props {
  kind: ReportKind;
  value: PeriodValue;
  onChange: (v: PeriodValue) => void;
}

/** The picker that fits `kind`. */
export function PeriodPicker(props: Props) {
  return (
    <span data-testid="report-period">
      <PeriodInput {...props} />
    </span>
  );
}

function PeriodInput({ kind, value, onChange }: Props) {
  const { t } = useTranslation();
  const setDay = (d: Dayjs | null) => {
    if (d) onChange({ ...value, day: d });
  };
  switch (kind) {
    case 'harian':
    case 'isu-strategis':
      return <DatePicker allowClear={false} value={value.day} onChange={setDay} format={t('format.datePicker')} aria-label={t('ui.reportPeriod')} />;
    case 'bulanan':
      // The first format is shown, every one is accepted when typed.
      return (
        <DatePicker
          picker="month"
          allowClear={false}
          value={value.day}
          onChange={setDay}
          format={[t('reports.monthFormat'), 'MM/YYYY']}
          aria-label={t('ui.reportPeriod')}
        />
      );
    case 'semester':
      return (
        <Space>
          <DatePicker picker="year" allowClear={false} value={value.day} onChange={setDay} aria-label={t('ui.reportPeriod')} />
          <Segmented<1 | 2>
            data-testid="report-half"
            value={value.half}
            onChange={(half) => onChange({ ...value, half })}
            options={[
              { value: 1, label: t('reports.half1') },
              { value: 2, label: t('reports.half2') },
            ]}
          />
        </Space>
      );
    case 'tahunan':
      return <DatePicker picker="year" allowClear={false} value={value.day} onChange={setDay} aria-label={t('ui.reportPeriod')} />;
    default:
      return assertNever(kind);
  }
}
