/**
 * The parts of a LAPOR! import preview: the column mapping (one Select per field, options
 * from the file's own headers), the counts, the refused rows with their reasons, the
 * duplicates, the warnings and a sample of the accepted rows as they will be registered.
 */
import { Button, Card, Col, Row, Select, Space, Statistic, Table, Tag, Typography } from 'antd';
import { DownloadOutlined, SaveOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { LAPOR_FIELDS, type LaporField } from '../../shared/api/methods/imports';
import type { ImportWarning, LaporPreview, LaporSampleRow, RefusedRow, ResolvedMapping } from '../../shared/api/views-imports';
import { formatDateTime } from '../format/dates';
import { useApp } from '../hooks/use-app';

interface MappingProps {
  preview: LaporPreview;
  mapping: ResolvedMapping;
  required: readonly LaporField[];
  busy: boolean;
  onChange: (m: ResolvedMapping) => void;
  onSave: () => void;
}

/** Which column feeds each field; a change previews the file again. */
export function MappingEditor({ preview, mapping, required, busy, onChange, onSave }: MappingProps) {
  const { t } = useTranslation();
  const options = preview.columns.filter((c) => c.trim() !== '').map((c) => ({ value: c, label: c }));
  return (
    <Card
      size="small"
      title={t('import.mapping')}
      extra={
        <Button icon={<SaveOutlined />} size="small" onClick={onSave} disabled={busy} data-testid="import-save-mapping">
          {t('import.saveMapping')}
        </Button>
      }
    >
      <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
        {t('import.mappingHint')}
      </Typography.Paragraph>
      <Row gutter={[12, 8]}>
        {LAPOR_FIELDS.map((f) => (
          <Col key={f} xs={24} md={12} xl={8}>
            <Space.Compact style={{ width: '100%' }}>
              <span style={{ width: 150, flex: 'none', paddingTop: 4 }}>
                {t(`import.field.${f}`)}
                {required.includes(f) && <Typography.Text type="danger"> *</Typography.Text>}
              </span>
              <Select<string>
                data-testid={`import-map-${f}`}
                allowClear
                showSearch={{ optionFilterProp: 'label' }}
                disabled={busy}
                style={{ flex: 1, minWidth: 0 }}
                placeholder={t('import.notImported')}
                value={mapping[f] ?? undefined}
                onChange={(v) => onChange({ ...mapping, [f]: v ?? null })}
                options={options}
              />
            </Space.Compact>
          </Col>
        ))}
      </Row>
    </Card>
  );
}

/** Rows, accepted, duplicates, refused. */
export function PreviewCounts({ preview }: { preview: LaporPreview }) {
  const { t } = useTranslation();
  const items: Array<[string, number, string | undefined]> = [
    ['rows', preview.rows, undefined],
    ['accepted', preview.accepted, '#389e0d'],
    ['duplicates', preview.duplicates, undefined],
    ['refused', preview.refused.length, preview.refused.length ? '#cf1322' : undefined],
  ];
  return (
    <Row gutter={[12, 12]}>
      {items.map(([key, value, color]) => (
        <Col key={key} flex="1 1 160px">
          <Card size="small" data-testid={`import-count-${key}`} data-value={value}>
            <Statistic title={t(`import.count.${key}`)} value={value} styles={{ content: color ? { color } : undefined }} />
          </Card>
        </Col>
      ))}
    </Row>
  );
}

/** The refused rows with their row number and reason, and their CSV export. */
export function RefusedTable({ rows, onExport }: { rows: RefusedRow[]; onExport: () => void }) {
  const { t } = useTranslation();
  return (
    <Card
      size="small"
      title={`${t('import.refusedRows')} (${rows.length})`}
      extra={
        <Button size="small" icon={<DownloadOutlined />} onClick={onExport} data-testid="import-export-refused">
          {t('import.exportRefused')}
        </Button>
      }
    >
      <Table<RefusedRow>
        data-testid="import-refused"
        size="small"
        rowKey="row"
        dataSource={rows}
        pagination={{ pageSize: 10, hideOnSinglePage: true, showSizeChanger: false }}
        columns={[
          { title: t('import.row'), dataIndex: 'row', width: 70, align: 'right' },
          { title: t('import.field.laporId'), dataIndex: 'laporId', width: 160, render: (_v, r) => r.laporId ?? t('common.dash') },
          { title: t('import.field.title'), dataIndex: 'title', ellipsis: true, render: (_v, r) => r.title ?? t('common.dash') },
          { title: t('import.reason'), dataIndex: 'reason', render: (_v, r) => <Typography.Text type="danger">{r.reason}</Typography.Text> },
        ]}
      />
    </Card>
  );
}

/** Rows whose LAPOR! number is already registered: skipped, with the case they match. */
export function DuplicateTable({ rows }: { rows: LaporPreview['duplicateRows'] }) {
  const { t } = useTranslation();
  return (
    <Card size="small" title={`${t('import.duplicateRows')} (${rows.length})`}>
      <Table
        size="small"
        rowKey="row"
        dataSource={rows}
        pagination={{ pageSize: 10, hideOnSinglePage: true, showSizeChanger: false }}
        columns={[
          { title: t('import.row'), dataIndex: 'row', width: 70, align: 'right' },
          { title: t('import.field.laporId'), dataIndex: 'laporId' },
          { title: t('import.existingRef'), dataIndex: 'ref' },
        ]}
      />
    </Card>
  );
}

/** What will be imported with something dropped or guessed. */
export function WarningTable({ rows }: { rows: ImportWarning[] }) {
  const { t } = useTranslation();
  return (
    <Card size="small" title={`${t('import.warnings')} (${rows.length})`}>
      <Table<ImportWarning>
        size="small"
        rowKey={(r) => `${r.row}:${r.message}`}
        dataSource={rows}
        pagination={{ pageSize: 10, hideOnSinglePage: true, showSizeChanger: false }}
        columns={[
          { title: t('import.row'), dataIndex: 'row', width: 70, align: 'right' },
          { title: t('import.message'), dataIndex: 'message' },
        ]}
      />
    </Card>
  );
}

/** The first accepted rows as they will be registered. */
export function SampleTable({ rows, total }: { rows: LaporSampleRow[]; total: number }) {
  const { t, i18n } = useTranslation();
  const { tz, overview } = useApp();
  const categoryName = new Map(overview.preset.categories.map((c) => [c.id, c.name]));
  return (
    <Card size="small" title={t('import.sample', { shown: rows.length, total })}>
      <Table<LaporSampleRow>
        data-testid="import-sample"
        size="small"
        rowKey="row"
        dataSource={rows}
        pagination={{ pageSize: 10, hideOnSinglePage: true, showSizeChanger: false }}
        columns={[
          { title: t('import.row'), dataIndex: 'row', width: 70, align: 'right' },
          { title: t('import.field.laporId'), dataIndex: 'laporId', width: 140 },
          {
            title: t('import.field.receivedAt'),
            dataIndex: 'receivedAt',
            width: 180,
            render: (_v, r) => formatDateTime(r.receivedAt, tz, t, i18n.language),
          },
          { title: t('import.field.title'), dataIndex: 'title', ellipsis: true },
          { title: t('case.type'), dataIndex: 'type', width: 130, render: (_v, r) => t(`caseType.${r.type}`) },
          {
            title: t('case.category'),
            dataIndex: 'categoryId',
            width: 150,
            ellipsis: true,
            render: (_v, r) => (r.categoryId ? (categoryName.get(r.categoryId) ?? r.categoryId) : t('common.dash')),
          },
          { title: t('case.location'), dataIndex: 'location', width: 150, ellipsis: true, render: (_v, r) => r.location ?? t('common.dash') },
          { title: t('case.privacy'), dataIndex: 'privacy', width: 100, render: (_v, r) => <Tag>{t(`privacy.${r.privacy}`)}</Tag> },
        ]}
      />
    </Card>
  );
}
