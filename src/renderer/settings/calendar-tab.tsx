/**
 * The working calendar: time zone, office hours per weekday and holidays (libur nasional,
 * cuti bersama, libur daerah). Every deadline is counted in it, so the admin keeps it current.
 */
import { Alert, Button, Col, DatePicker, Form, Input, Popconfirm, Row, Select, Space, Table, Tag, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined, SaveOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CalendarView } from '../../shared/api/views';
import {
  HOLIDAY_KINDS,
  ISO_WEEKDAY_KEYS,
  TIME_ZONE_CODES,
  type Holiday,
  type HolidayKind,
  type OfficeHours,
  type TimeZoneCode,
} from '../../shared/calendar/working-time';
import { api } from '../api/client';
import { formatCivilDate } from '../format/dates';
import { useNotify } from '../hooks/use-notify';
import { useQuery } from '../hooks/use-query';

/** "07:30-12:00, 13:00-16:00" <-> intervals. Malformed text is passed on for the backend to refuse with its message. */
function parseHours(text: string): OfficeHours['1'] {
  return text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => {
      const [start = '', end = ''] = s.split('-').map((x) => x.trim());
      return { start, end };
    });
}

function hoursText(list: OfficeHours['1']): string {
  return list.map((i) => `${i.start}-${i.end}`).join(', ');
}

/** Editor for `calendar.get` / `calendar.save`. */
export function CalendarTab() {
  const q = useQuery(() => api['calendar.get']({}), 'calendar');
  if (q.error) return <Alert type="error" showIcon title={q.error.message} />;
  if (!q.data) return null;
  // Keyed by content so a save that comes back changed resets the editor to the stored state.
  return <CalendarEditor key={JSON.stringify(q.data)} initial={q.data} onSaved={q.reload} />;
}

function CalendarEditor({ initial, onSaved }: { initial: CalendarView; onSaved: () => void }) {
  const { t, i18n } = useTranslation();
  const notify = useNotify();
  const [tz, setTz] = useState<TimeZoneCode>(initial.timeZone);
  const [hours, setHours] = useState<Record<string, string>>(() =>
    Object.fromEntries(ISO_WEEKDAY_KEYS.map((k) => [k, hoursText(initial.officeHours[k])])),
  );
  const [holidays, setHolidays] = useState<Holiday[]>(initial.holidays);
  const [year, setYear] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [addForm] = Form.useForm<{ date: Dayjs; name: string; kind: HolidayKind }>();

  async function save(): Promise<void> {
    setBusy(true);
    setError(null);
    const officeHours = Object.fromEntries(ISO_WEEKDAY_KEYS.map((k) => [k, parseHours(hours[k] ?? '')])) as OfficeHours;
    const r = await api['calendar.save']({ timeZone: tz, officeHours, holidays: [...holidays].sort((a, b) => a.date.localeCompare(b.date)) });
    setBusy(false);
    if (r.ok) {
      notify.success(t('calendar.saved'));
      onSaved();
    } else setError(r.error.message);
  }

  const years = [...new Set(holidays.map((h) => Number(h.date.slice(0, 4))))].sort();
  const shown = holidays.filter((h) => year === null || h.date.startsWith(String(year))).sort((a, b) => a.date.localeCompare(b.date));

  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      {error && <Alert type="error" showIcon title={error} data-testid="calendar-error" />}
      <Row gutter={24}>
        <Col xs={24} xl={9}>
          <Typography.Title level={5}>{t('calendar.hours')}</Typography.Title>
          <Form layout="horizontal" labelCol={{ span: 8 }} wrapperCol={{ span: 16 }}>
            <Form.Item label={t('calendar.timeZone')}>
              <Select<TimeZoneCode> value={tz} onChange={setTz} options={TIME_ZONE_CODES.map((z) => ({ value: z, label: t(`timeZone.${z}`) }))} />
            </Form.Item>
            {ISO_WEEKDAY_KEYS.map((k) => (
              <Form.Item key={k} label={t(`weekday.${k}`)}>
                <Input value={hours[k]} placeholder={t('calendar.closed')} onChange={(e) => setHours((h) => ({ ...h, [k]: e.target.value }))} />
              </Form.Item>
            ))}
          </Form>
          <Typography.Text type="secondary">{t('calendar.hoursHint')}</Typography.Text>
        </Col>
        <Col xs={24} xl={15}>
          <Space style={{ width: '100%', justifyContent: 'space-between' }}>
            <Typography.Title level={5}>{t('calendar.holidays', { count: holidays.length })}</Typography.Title>
            <Select<number | null>
              value={year}
              onChange={setYear}
              style={{ width: 140 }}
              options={[{ value: null, label: t('calendar.allYears') }, ...years.map((y) => ({ value: y, label: String(y) }))]}
            />
          </Space>
          <Form
            form={addForm}
            layout="inline"
            style={{ marginBottom: 8 }}
            initialValues={{ kind: 'libur_nasional' }}
            onFinish={(v) => {
              const date = v.date.format('YYYY-MM-DD');
              setHolidays((hs) => [...hs.filter((h) => h.date !== date), { date, name: v.name.trim(), kind: v.kind }]);
              addForm.resetFields();
            }}
          >
            <Form.Item name="date" rules={[{ required: true, message: t('validation.required') }]}>
              <DatePicker format={t('format.datePicker')} placeholder={t('calendar.date')} />
            </Form.Item>
            <Form.Item name="name" rules={[{ required: true, whitespace: true, message: t('validation.required') }]}>
              <Input placeholder={t('calendar.name')} style={{ width: 240 }} maxLength={200} />
            </Form.Item>
            <Form.Item name="kind">
              <Select style={{ width: 150 }} options={HOLIDAY_KINDS.map((k) => ({ value: k, label: t(`holidayKind.${k}`) }))} />
            </Form.Item>
            <Button htmlType="submit" icon={<PlusOutlined />}>
              {t('common.add')}
            </Button>
          </Form>
          <Table<Holiday>
            rowKey="date"
            size="small"
            dataSource={shown}
            pagination={{ pageSize: 15, hideOnSinglePage: true, showSizeChanger: false }}
            columns={[
              {
                title: t('calendar.date'),
                dataIndex: 'date',
                width: 200,
                render: (d: string) =>
                  `${dayjs(d)
                    .locale(i18n.language === 'en' ? 'en' : 'id')
                    .format('dddd')}, ${formatCivilDate(d, t, i18n.language)}`,
              },
              { title: t('calendar.name'), dataIndex: 'name' },
              {
                title: t('calendar.kind'),
                dataIndex: 'kind',
                width: 130,
                render: (k: HolidayKind) => (
                  <Tag color={k === 'cuti_bersama' ? 'orange' : k === 'libur_daerah' ? 'purple' : 'red'}>{t(`holidayKind.${k}`)}</Tag>
                ),
              },
              {
                title: '',
                key: 'del',
                width: 44,
                render: (_v, h) => (
                  <Popconfirm
                    title={t('calendar.deleteConfirm')}
                    onConfirm={() => setHolidays((hs) => hs.filter((x) => x.date !== h.date))}
                    okText={t('common.delete')}
                    cancelText={t('common.cancel')}
                  >
                    <Button size="small" danger icon={<DeleteOutlined />} aria-label={t('common.delete')} />
                  </Popconfirm>
                ),
              },
            ]}
          />
        </Col>
      </Row>
      <Space>
        <Button type="primary" icon={<SaveOutlined />} loading={busy} onClick={() => notify.run(save())}>
          {t('calendar.save')}
        </Button>
        <Typography.Text type="secondary">{t('calendar.saveHint')}</Typography.Text>
      </Space>
    </Space>
  );
}
