/**
 * Beranda: the office's figures for a period (default the current month, in office time):
 * KPI cards, counts per status / channel / category / OPD, the trend and the slowest steps.
 * Every bar and the clickable cards open the case list filtered to what they count.
 */
import { Alert, Card, Col, DatePicker, Row, Space, Spin, Statistic, Typography } from 'antd';
import dayjs from 'dayjs';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CountRow, DashboardStats } from '../../shared/api/views-reports';
import { CaseStatus, Channel } from '../../shared/domain/enums';
import { api } from '../api/client';
import { officeDayjs } from '../format/dates';
import { useApp } from '../hooks/use-app';
import { useNow } from '../hooks/use-now';
import { useQuery } from '../hooks/use-query';
import { navigate, type CaseFilters } from '../hooks/use-route';
import { useCasesChanged } from '../hooks/use-server-event';
import { CountBars, SlowStepsChart, TrendChart, type BarRow } from '../reports/dashboard-charts';
import { formatPercent } from '../format/numbers';

const DAY = 'YYYY-MM-DD';

interface Props {
  /** Office-local `YYYY-MM-DD` from the route; both or neither. */
  from?: string;
  to?: string;
}

/** The dashboard screen. */
export function HomePage(props: Props) {
  const { t, i18n } = useTranslation();
  const { tz } = useApp();
  const now = useNow(60_000);
  const today = officeDayjs(now, tz, i18n.language);
  const from = props.from && props.to ? props.from : today.startOf('month').format(DAY);
  const to = props.from && props.to ? props.to : today.endOf('month').format(DAY);
  const stats = useQuery(() => api['dashboard.stats']({ from, to }), `${from}/${to}`);
  useCasesChanged(stats.reload);

  const open = (f: CaseFilters) => navigate({ page: 'cases', filters: { from, to, ...f } });
  const d = stats.data;

  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }} data-testid="home-page">
      <Card size="small">
        <Space wrap align="center">
          <Typography.Title level={4} style={{ margin: 0 }}>
            {t('home.title')}
          </Typography.Title>
          <span data-testid="home-range">
            <DatePicker.RangePicker
              allowClear={false}
              value={[dayjs(from), dayjs(to)]}
              format={t('format.datePicker')}
              onChange={(v) => {
                if (v?.[0] && v[1]) navigate({ page: 'home', from: v[0].format(DAY), to: v[1].format(DAY) });
              }}
            />
          </span>
          {d && !d.allUnits && <Typography.Text type="secondary">{t('home.ownUnitsOnly')}</Typography.Text>}
        </Space>
      </Card>
      {stats.error && <Alert type="error" showIcon title={stats.error.message} />}
      {!d ? (
        <Spin size="large" style={{ display: 'block', marginTop: 80 }} />
      ) : (
        <>
          <Kpis d={d} onOpen={open} />
          <Row gutter={[12, 12]}>
            <Col xs={24} xl={12}>
              <Card size="small" title={t('home.byStatus')}>
                <CountBars
                  testId="chart-status"
                  rows={translated(d.byStatus, (k) => (CaseStatus.safeParse(k).success ? t(`status.${k}`) : k))}
                  onPick={(r) => open({ status: CaseStatus.parse(r.key) })}
                />
              </Card>
            </Col>
            <Col xs={24} xl={12}>
              <Card size="small" title={t('home.byChannel')}>
                <CountBars
                  testId="chart-channel"
                  horizontal
                  rows={translated(d.byChannel, (k) => (Channel.safeParse(k).success ? t(`channel.${k}`) : k))}
                  onPick={(r) => open({ channel: Channel.parse(r.key) })}
                />
              </Card>
            </Col>
            <Col xs={24} xl={12}>
              <Card size="small" title={t('home.byCategory')}>
                {/* Uncategorised cases have no filter of their own in the case list. */}
                <CountBars
                  testId="chart-category"
                  horizontal
                  rows={d.byCategory}
                  canPick={(r) => r.key !== ''}
                  onPick={(r) => open({ categoryId: r.key })}
                />
              </Card>
            </Col>
            <Col xs={24} xl={12}>
              <Card size="small" title={t('home.byOpd')}>
                <CountBars testId="chart-opd" horizontal rows={d.byOpd} onPick={(r) => open({ unitId: r.key })} />
              </Card>
            </Col>
            <Col xs={24} xl={12}>
              <Card size="small" title={d.trend.bucket === 'week' ? t('home.trendWeekly') : t('home.trendMonthly')}>
                <TrendChart points={d.trend.points} today={today.format('YYYY-MM-DD')} />
              </Card>
            </Col>
            <Col xs={24} xl={12}>
              <Card size="small" title={t('home.slowestSteps')}>
                <SlowStepsChart steps={d.slowestSteps} />
              </Card>
            </Col>
          </Row>
        </>
      )}
    </Space>
  );
}

function translated(rows: CountRow[], label: (key: string) => string): BarRow[] {
  return rows.map((r) => ({ ...r, label: label(r.key) }));
}

function Kpis({ d, onOpen }: { d: DashboardStats; onOpen: (f: CaseFilters) => void }) {
  const { t } = useTranslation();
  const m = d.measures;
  const rate = formatPercent(m.onTimeRate, t);
  return (
    <Row gutter={[12, 12]}>
      <Kpi id="total" title={t('home.kpiTotal')} value={m.received} onClick={() => onOpen({})} />
      <Kpi id="open" title={t('home.kpiOpen')} value={m.open} />
      <Kpi id="finished" title={t('home.kpiFinished')} value={m.finished} />
      <Kpi
        id="overdue"
        title={t('home.kpiOverdue')}
        value={m.overdue}
        danger={m.overdue > 0}
        onClick={() => onOpen({ overdue: true })}
        extra={
          <Typography.Link
            data-testid="kpi-overdue-now"
            onClick={(e) => {
              e.stopPropagation();
              navigate({ page: 'cases', filters: { overdue: true } });
            }}
          >
            {t('home.overdueNow', { count: d.overdueNow })}
          </Typography.Link>
        }
      />
      <Kpi
        id="ontime"
        title={t('home.kpiOnTime')}
        value={rate}
        extra={<Typography.Text type="secondary">{t('home.onTimeOf', { onTime: m.onTime, finished: m.finished })}</Typography.Text>}
      />
    </Row>
  );
}

interface KpiProps {
  id: string;
  title: string;
  value: number | string;
  danger?: boolean;
  onClick?: () => void;
  extra?: ReactNode;
}

function Kpi({ id, title, value, danger = false, onClick, extra }: KpiProps) {
  return (
    <Col flex="1 1 180px">
      <Card size="small" hoverable={!!onClick} onClick={onClick} data-testid={`kpi-${id}`} data-value={value}>
        <Statistic title={title} value={value} styles={{ content: danger ? { color: '#cf1322' } : undefined }} />
        {extra}
      </Card>
    </Col>
  );
}
