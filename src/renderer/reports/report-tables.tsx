/**
 * The figures of one report (`report.data`) as tables: the measures, the breakdowns, the
 * case lists, the per-OPD and per-step rows. The same figures the XLSX and PDF files carry.
 */
import { Card, Col, Row, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type {
  AttentionFlag,
  CountRow,
  Measures,
  MonthMeasures,
  OpdSemesterRow,
  ReportCaseLine,
  ReportData,
  StepTimeRow,
  StrategicCluster,
} from '../../shared/api/views-reports';
import { assertNever } from '../../shared/result';
import { StatusTag } from '../components/case-tags';
import { ShortDateTime } from '../components/short-date-time';
import { formatNumber, formatPercent } from '../format/numbers';
import { navigate } from '../hooks/use-route';
import { openableRow } from '../hooks/use-shortcuts';

const ATTENTION_COLOR: Record<AttentionFlag, string> = { overdue: 'red', due_soon: 'orange', returned: 'purple', paused: 'default' };

function pct(x: number | null, t: TFunction): string {
  return formatPercent(x, t);
}

function days(x: number | null, t: TFunction): string {
  return x === null ? t('common.dash') : t('reports.daysValue', { value: formatNumber(x) });
}

/** Every table of `data`, by kind. */
export function ReportTables({ data }: { data: ReportData }) {
  switch (data.kind) {
    case 'harian':
      return (
        <Space orientation="vertical" size={12} style={{ width: '100%' }}>
          <MeasuresTable m={data.measures} />
          <CaseLines titleKey="reports.receivedToday" rows={data.received} testId="report-received" />
          <CaseLines titleKey="reports.needsAttention" rows={data.attention} testId="report-attention" />
          <Breakdowns
            groups={[
              ['reports.byCategory', data.byCategory, null],
              ['reports.byOpd', data.byOpd, null],
            ]}
          />
        </Space>
      );
    case 'isu-strategis':
      return (
        <Space orientation="vertical" size={12} style={{ width: '100%' }}>
          <CaseLines titleKey="reports.strategicCases" rows={data.cases} testId="report-strategic" />
          <Clusters rows={data.clusters} />
        </Space>
      );
    case 'bulanan':
      return (
        <Space orientation="vertical" size={12} style={{ width: '100%' }}>
          <MeasuresTable m={data.measures} />
          <Breakdowns
            groups={[
              ['reports.byStatus', data.byStatus, 'status'],
              ['reports.byChannel', data.byChannel, 'channel'],
              ['reports.byType', data.byType, 'caseType'],
              ['reports.byCategory', data.byCategory, null],
              ['reports.byOpd', data.byOpd, null],
            ]}
          />
        </Space>
      );
    case 'semester':
      return (
        <Space orientation="vertical" size={12} style={{ width: '100%' }}>
          <MeasuresTable m={data.measures} />
          <OpdTable rows={data.opds} />
          <StepTable rows={data.steps} />
        </Space>
      );
    case 'tahunan':
      return (
        <Space orientation="vertical" size={12} style={{ width: '100%' }}>
          <MeasuresTable m={data.measures} />
          <MonthsTable rows={data.months} />
          <Breakdowns
            groups={[
              ['reports.byStatus', data.byStatus, 'status'],
              ['reports.byChannel', data.byChannel, 'channel'],
              ['reports.byType', data.byType, 'caseType'],
              ['reports.byCategory', data.byCategory, null],
              ['reports.byOpd', data.byOpd, null],
            ]}
          />
        </Space>
      );
    default:
      return assertNever(data);
  }
}

function MeasuresTable({ m }: { m: Measures }) {
  const { t } = useTranslation();
  const rows: Array<{ key: string; label: string; value: string }> = [
    { key: 'received', label: t('reports.m.received'), value: String(m.received) },
    { key: 'followedUp', label: t('reports.m.followedUp'), value: `${m.followedUp} (${pct(m.followedUpRate, t)})` },
    { key: 'finished', label: t('reports.m.finished'), value: `${m.finished} (${pct(m.finishedRate, t)})` },
    { key: 'onTime', label: t('reports.m.onTime'), value: `${m.onTime} (${pct(m.onTimeRate, t)})` },
    { key: 'late', label: t('reports.m.late'), value: String(m.late) },
    { key: 'avg', label: t('reports.m.avgHandling'), value: days(m.avgHandlingDays, t) },
    {
      key: 'worst',
      label: t('reports.m.worstHandling'),
      value: m.worstRef ? `${days(m.worstHandlingDays, t)} (${m.worstRef})` : days(m.worstHandlingDays, t),
    },
    { key: 'open', label: t('reports.m.open'), value: String(m.open) },
    { key: 'overdue', label: t('reports.m.overdue'), value: String(m.overdue) },
    { key: 'closedDuplicate', label: t('reports.m.closedDuplicate'), value: String(m.closedDuplicate) },
    { key: 'closedByHand', label: t('reports.m.closedByHand'), value: String(m.closedByHand) },
    { key: 'reopened', label: t('reports.m.reopened'), value: String(m.reopened) },
    { key: 'answeredNotDelivered', label: t('reports.m.answeredNotDelivered'), value: String(m.answeredNotDelivered) },
  ];
  return (
    <Card size="small" title={t('reports.measures')}>
      <Table
        data-testid="report-measures"
        size="small"
        pagination={false}
        rowKey="key"
        dataSource={rows}
        columns={[
          { title: t('reports.measure'), dataIndex: 'label' },
          { title: t('reports.value'), dataIndex: 'value', width: 220, align: 'right' },
        ]}
      />
    </Card>
  );
}

type Vocabulary = 'status' | 'channel' | 'caseType';

/** Count tables side by side; closed vocabularies get the UI language's labels. */
function Breakdowns({ groups }: { groups: Array<[string, CountRow[], Vocabulary | null]> }) {
  const { t } = useTranslation();
  return (
    <Row gutter={[12, 12]}>
      {groups.map(([titleKey, rows, vocab]) => {
        const total = rows.reduce((s, r) => s + r.count, 0);
        return (
          <Col key={titleKey} xs={24} lg={12} xxl={8}>
            <Card size="small" title={t(titleKey)}>
              <Table<CountRow>
                size="small"
                pagination={false}
                rowKey="key"
                dataSource={rows}
                columns={[
                  { title: t('reports.item'), dataIndex: 'label', render: (_v, r) => (vocab ? t(`${vocab}.${r.key}`) : r.label) },
                  { title: t('reports.count'), dataIndex: 'count', width: 90, align: 'right' },
                  { title: t('reports.share'), key: 'share', width: 90, align: 'right', render: (_v, r) => pct(total ? r.count / total : null, t) },
                ]}
              />
            </Card>
          </Col>
        );
      })}
    </Row>
  );
}

function CaseLines({ titleKey, rows, testId }: { titleKey: string; rows: ReportCaseLine[]; testId: string }) {
  const { t } = useTranslation();
  // Fits the 1366 px screen: channel and category go under the title, long texts are cut with
  // the whole text on hover.
  const cut = (text: string) => (
    <span className="alur-ellipsis" title={text}>
      {text}
    </span>
  );
  const columns: ColumnsType<ReportCaseLine> = [
    { title: t('case.ref'), dataIndex: 'ref', width: 150, render: (_v, r) => <Typography.Text strong>{r.ref}</Typography.Text> },
    {
      title: t('case.received'),
      dataIndex: 'receivedAt',
      width: 140,
      render: (_v, r) => <ShortDateTime ms={r.receivedAt} />,
    },
    {
      title: t('case.title'),
      dataIndex: 'title',
      render: (_v, r) => (
        <div style={{ minWidth: 0 }}>
          {cut(r.title)}
          <div className="alur-timeline-meta alur-ellipsis">
            {t(`channel.${r.channel}`)} · {r.categoryName ?? t('common.dash')}
          </div>
        </div>
      ),
    },
    {
      title: t('reports.opd'),
      dataIndex: 'opdNames',
      width: 150,
      render: (_v, r) => cut(r.opdNames.length ? r.opdNames.join(', ') : t('common.dash')),
    },
    { title: t('case.status'), dataIndex: 'status', width: 115, render: (_v, r) => <StatusTag status={r.status} /> },
    {
      title: t('case.position'),
      dataIndex: 'currentSteps',
      width: 150,
      render: (_v, r) => cut(r.currentSteps.length ? r.currentSteps.join(', ') : t('common.dash')),
    },
    {
      title: t('reports.attentionCol'),
      dataIndex: 'attention',
      width: 150,
      render: (_v, r) =>
        r.attention.map((a) => (
          <Tag key={a} color={ATTENTION_COLOR[a]}>
            {t(`reports.attention.${a}`)}
          </Tag>
        )),
    },
  ];
  return (
    <Card size="small" title={`${t(titleKey)} (${rows.length})`}>
      <Table<ReportCaseLine>
        data-testid={testId}
        size="small"
        rowKey="id"
        dataSource={rows}
        columns={columns}
        pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
        rowClassName={() => 'alur-clickable-row'}
        onRow={(r) => openableRow(() => navigate({ page: 'case', id: r.id }))}
      />
    </Card>
  );
}

function Clusters({ rows }: { rows: StrategicCluster[] }) {
  const { t } = useTranslation();
  return (
    <Card size="small" title={`${t('reports.clusters')} (${rows.length})`}>
      <Table<StrategicCluster>
        size="small"
        rowKey={(r) => `${r.basis}:${r.label}`}
        pagination={false}
        dataSource={rows}
        columns={[
          { title: t('reports.clusterBasis'), dataIndex: 'basis', width: 110, render: (_v, r) => t(`reports.basis.${r.basis}`) },
          { title: t('reports.clusterLabel'), dataIndex: 'label' },
          { title: t('reports.count'), dataIndex: 'count', width: 80, align: 'right' },
          { title: t('reports.refs'), dataIndex: 'refs', render: (_v, r) => r.refs.join(', ') },
        ]}
      />
    </Card>
  );
}

function OpdTable({ rows }: { rows: OpdSemesterRow[] }) {
  const { t } = useTranslation();
  return (
    <Card size="small" title={t('reports.perOpd')}>
      <Table<OpdSemesterRow>
        data-testid="report-opds"
        size="small"
        rowKey="unitId"
        pagination={false}
        dataSource={rows}
        columns={[
          { title: t('reports.opd'), dataIndex: 'unitName' },
          { title: t('reports.m.received'), dataIndex: 'received', width: 100, align: 'right' },
          { title: t('reports.answeredOnTime'), dataIndex: 'answeredOnTime', width: 130, align: 'right' },
          { title: t('reports.m.late'), dataIndex: 'late', width: 100, align: 'right' },
          { title: t('reports.daysLate'), dataIndex: 'daysLate', width: 120, align: 'right', render: (_v, r) => days(r.daysLate, t) },
          { title: t('reports.m.open'), dataIndex: 'open', width: 100, align: 'right' },
          { title: t('reports.avgDays'), dataIndex: 'avgDays', width: 120, align: 'right', render: (_v, r) => days(r.avgDays, t) },
        ]}
      />
    </Card>
  );
}

function StepTable({ rows }: { rows: StepTimeRow[] }) {
  const { t } = useTranslation();
  return (
    <Card size="small" title={t('reports.perStep')}>
      <Table<StepTimeRow>
        size="small"
        rowKey={(r) => `${r.unitId}:${r.stepId}`}
        pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
        dataSource={rows}
        columns={[
          { title: t('reports.step'), dataIndex: 'stepName' },
          { title: t('reports.unit'), dataIndex: 'unitName', width: 200 },
          { title: t('reports.count'), dataIndex: 'count', width: 80, align: 'right' },
          { title: t('reports.avgDays'), dataIndex: 'avgDays', width: 120, align: 'right', render: (_v, r) => days(r.avgDays, t) },
          { title: t('reports.worstDays'), dataIndex: 'worstDays', width: 120, align: 'right', render: (_v, r) => days(r.worstDays, t) },
          { title: t('reports.standard'), dataIndex: 'standardDays', width: 110, align: 'right', render: (_v, r) => days(r.standardDays, t) },
          { title: t('reports.m.late'), dataIndex: 'lateCount', width: 100, align: 'right' },
        ]}
      />
    </Card>
  );
}

function MonthsTable({ rows }: { rows: MonthMeasures[] }) {
  const { t } = useTranslation();
  return (
    <Card size="small" title={t('reports.perMonth')}>
      <Table<MonthMeasures>
        data-testid="report-months"
        size="small"
        rowKey="month"
        pagination={false}
        dataSource={rows}
        columns={[
          { title: t('reports.month'), dataIndex: 'label' },
          { title: t('reports.m.received'), key: 'received', align: 'right', render: (_v, r) => r.measures.received },
          { title: t('reports.m.followedUp'), key: 'followedUp', align: 'right', render: (_v, r) => r.measures.followedUp },
          { title: t('reports.m.finished'), key: 'finished', align: 'right', render: (_v, r) => r.measures.finished },
          {
            title: t('reports.m.onTime'),
            key: 'onTime',
            align: 'right',
            render: (_v, r) => `${r.measures.onTime} (${pct(r.measures.onTimeRate, t)})`,
          },
          { title: t('reports.m.open'), key: 'open', align: 'right', render: (_v, r) => r.measures.open },
          { title: t('reports.m.avgHandling'), key: 'avg', align: 'right', render: (_v, r) => days(r.measures.avgHandlingDays, t) },
        ]}
      />
    </Card>
  );
}
