/**
 * The Beranda charts (recharts): counts per status / channel / category / OPD as bars that
 * open the case list, the received-and-finished trend, and the slowest steps against their
 * SOP standard. Animations are off: a desk monitor wants the figure, not the show.
 */
import { Empty } from 'antd';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  Rectangle,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
  type BarShapeProps,
} from 'recharts';
import { useTranslation } from 'react-i18next';
import type { StepTimeRow, TrendPoint } from '../../shared/api/views-reports';
import { formatNumber } from '../format/numbers';

const PRIMARY = '#1677ff';
const SUCCESS = '#52c41a';
const MUTED = '#bfbfbf';
const LATE = '#cf1322';

/** One bar: the stable key (status, channel, category or unit id), its label and count. */
export interface BarRow {
  key: string;
  label: string;
  count: number;
}

interface CountBarsProps {
  rows: BarRow[];
  /** Long labels (categories, OPDs) read better as horizontal bars. */
  horizontal?: boolean;
  /** Called with the clicked row; rows it returns false for are shown but not clickable. */
  onPick?: (row: BarRow) => void;
  canPick?: (row: BarRow) => boolean;
  testId: string;
}

/** A bar per non-empty row; a click opens what the bar counts. */
export function CountBars({ rows, horizontal = false, onPick, canPick, testId }: CountBarsProps) {
  const { t } = useTranslation();
  const shown = rows.filter((r) => r.count > 0);
  if (shown.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('home.noData')} />;
  const height = horizontal ? Math.max(140, shown.length * 26 + 40) : 220;
  const pick = (i: number) => {
    const row = shown[i];
    if (row && onPick && (canPick?.(row) ?? true)) onPick(row);
  };
  return (
    <div data-testid={testId} data-bars={shown.map((r) => `${r.key}=${r.count}`).join(';')}>
      <ResponsiveContainer width="100%" height={height}>
        <BarChart data={shown} layout={horizontal ? 'vertical' : 'horizontal'} margin={{ top: 8, right: 16, bottom: 4, left: 4 }}>
          <CartesianGrid strokeDasharray="3 3" />
          {horizontal ? (
            <>
              <XAxis type="number" allowDecimals={false} />
              <YAxis type="category" dataKey="label" width={230} tick={{ fontSize: 12 }} interval={0} tickFormatter={short} />
            </>
          ) : (
            <>
              <XAxis dataKey="label" tick={{ fontSize: 12 }} interval={0} />
              <YAxis allowDecimals={false} width={40} />
            </>
          )}
          <Tooltip formatter={tooltipNumber} />
          <Bar
            dataKey="count"
            name={t('home.cases')}
            fill={PRIMARY}
            cursor={onPick ? 'pointer' : undefined}
            isAnimationActive={false}
            onClick={(_d, i) => pick(i)}
          />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}

/**
 * Received and finished per week (or month, for long periods), up to the bucket holding
 * `today` (office-local `YYYY-MM-DD`): weeks that have not begun are not drawn as zeros.
 */
export function TrendChart({ points: all, today }: { points: TrendPoint[]; today: string }) {
  const { t } = useTranslation();
  const points = all.filter((p) => p.start <= today);
  if (points.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('home.noData')} />;
  return (
    <div data-testid="chart-trend" data-points={points.map((p) => p.start).join(';')}>
      <ResponsiveContainer width="100%" height={220}>
        <LineChart data={points} margin={{ top: 8, right: 16, bottom: 4, left: 4 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="label" tick={{ fontSize: 12 }} />
          <YAxis allowDecimals={false} width={40} />
          <Tooltip formatter={tooltipNumber} />
          <Legend />
          <Line type="monotone" dataKey="received" name={t('home.received')} stroke={PRIMARY} strokeWidth={2} isAnimationActive={false} />
          <Line type="monotone" dataKey="finished" name={t('home.finished')} stroke={SUCCESS} strokeWidth={2} isAnimationActive={false} />
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}

/** Average working days of the slowest steps beside their standard. */
export function SlowStepsChart({ steps }: { steps: StepTimeRow[] }) {
  const { t } = useTranslation();
  if (steps.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('home.noData')} />;
  const rows = steps.map((s) => ({
    label: `${s.stepName} · ${s.unitName}`,
    avgDays: round1(s.avgDays),
    standardDays: round1(s.standardDays),
  }));
  // Red when the average is over the standard; the standard itself in grey beside it.
  const avgShape = (p: BarShapeProps) => <Rectangle {...p} fill={(steps[p.index]?.ratio ?? 0) > 1 ? LATE : PRIMARY} />;
  return (
    <div data-testid="chart-steps">
      <ResponsiveContainer width="100%" height={Math.max(160, rows.length * 34 + 50)}>
        <BarChart data={rows} layout="vertical" margin={{ top: 8, right: 16, bottom: 4, left: 4 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis type="number" tickFormatter={(v: number) => formatNumber(v)} />
          <YAxis
            type="category"
            dataKey="label"
            width={300}
            tick={{ fontSize: 12 }}
            interval={0}
            tickFormatter={(l: string) => (l.length > 44 ? `${l.slice(0, 43)}…` : l)}
          />
          <Tooltip formatter={tooltipNumber} />
          <Legend />
          <Bar dataKey="avgDays" name={t('home.avgDays')} fill={PRIMARY} shape={avgShape} isAnimationActive={false} />
          <Bar dataKey="standardDays" name={t('home.standardDays')} fill={MUTED} isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}

/** Long unit names ("Dinas Kependudukan dan Pencatatan Sipil Kabupaten ...") cut for the axis; the tooltip has them whole. */
function short(label: string): string {
  return label.length > 36 ? `${label.slice(0, 35)}…` : label;
}

/** Tooltip values with the UI's decimal comma ("0,2"), not recharts' raw "0.2". */
function tooltipNumber(value: unknown): string {
  return typeof value === 'number' ? formatNumber(value) : String(value ?? '');
}

function round1(x: number): number {
  return Math.round(x * 10) / 10;
}
