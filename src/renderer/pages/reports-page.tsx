/**
 * Laporan: the SOPs' five recaps (harian, isu strategis, bulanan, semester, tahunan) for a
 * chosen period, as tables, and as XLSX or PDF files made by the backend.
 */
import { Alert, Button, Card, Select, Space, Spin, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { REPORT_KINDS, type ReportFormat, type ReportKind } from '../../shared/api/views-reports';
import { api } from '../api/client';
import { saveDocument } from '../api/files';
import { formatDateTime, officeDayjs } from '../format/dates';
import { useApp } from '../hooks/use-app';
import { useNotify } from '../hooks/use-notify';
import { useQuery } from '../hooks/use-query';
import { PeriodPicker, periodText, type PeriodValue } from '../reports/report-period';
import { ReportTables } from '../reports/report-tables';

/** The reports screen. */
export function ReportsPage() {
  const { t, i18n } = useTranslation();
  const { tz } = useApp();
  const notify = useNotify();
  const [kind, setKind] = useState<ReportKind>('harian');
  const [value, setValue] = useState<PeriodValue>(() => {
    // The picker shows office-local calendar fields; the day of the office, not of this PC.
    const today = officeDayjs(Date.now(), tz, i18n.language);
    return { day: today, half: today.month() < 6 ? 1 : 2 };
  });
  const [busy, setBusy] = useState<ReportFormat | null>(null);
  const period = periodText(kind, value);
  const report = useQuery(() => api['report.data']({ kind, period }), `${kind}/${period}`);
  const data = report.data && report.data.kind === kind && report.data.period.text === period ? report.data : undefined;

  async function download(format: ReportFormat): Promise<void> {
    setBusy(format);
    try {
      const file = notify.unwrap(await api['report.export']({ kind, period, format }));
      const saved = file ? await saveDocument(file) : null;
      if (saved?.ok && saved.value) notify.success(t('reports.saved', { name: saved.value }));
      else if (saved && !saved.ok) notify.error(saved.error);
    } finally {
      setBusy(null);
    }
  }

  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }} data-testid="reports-page">
      <Card size="small">
        <Space wrap align="center">
          <Typography.Title level={4} style={{ margin: 0 }}>
            {t('reports.title')}
          </Typography.Title>
          <Select<ReportKind>
            data-testid="report-kind"
            aria-label={t('ui.reportKind')}
            style={{ width: 230 }}
            value={kind}
            onChange={setKind}
            options={REPORT_KINDS.map((k) => ({ value: k, label: t(`reports.kind.${k}`) }))}
          />
          <PeriodPicker kind={kind} value={value} onChange={setValue} />
          <Button
            icon={<DownloadOutlined />}
            loading={busy === 'xlsx'}
            disabled={busy !== null || !data}
            onClick={() => notify.run(download('xlsx'))}
            data-testid="report-xlsx"
          >
            {t('reports.downloadXlsx')}
          </Button>
          <Button
            icon={<DownloadOutlined />}
            loading={busy === 'pdf'}
            disabled={busy !== null || !data}
            onClick={() => notify.run(download('pdf'))}
            data-testid="report-pdf"
          >
            {t('reports.downloadPdf')}
          </Button>
        </Space>
      </Card>
      {report.error && !report.loading && <Alert type="error" showIcon title={report.error.message} />}
      {!data ? (
        report.loading && <Spin size="large" style={{ display: 'block', marginTop: 80 }} />
      ) : (
        <>
          <Card size="small" data-testid="report-header">
            <Typography.Title level={5} style={{ margin: 0 }}>
              {data.title}
            </Typography.Title>
            <Typography.Text>
              {data.officeName} · {t('reports.periodLabel', { label: data.period.label })}
            </Typography.Text>
            <br />
            <Typography.Text type="secondary">
              {t('reports.generated', {
                at: formatDateTime(data.generatedAt, tz, t, i18n.language),
                asOf: formatDateTime(data.asOf, tz, t, i18n.language),
              })}
              {!data.allUnits && ` · ${t('reports.ownUnits', { units: data.unitNames.join(', ') })}`}
            </Typography.Text>
          </Card>
          <ReportTables data={data} />
        </>
      )}
    </Space>
  );
}
