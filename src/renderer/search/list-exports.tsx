/**
 * Exports from Cari (issue 15): the list as it is filtered, as XLSX; and the answers given in
 * a period, one row per LAPOR! tracking id, for the operator to paste into LAPOR!.
 */
import { Button, DatePicker, Modal, Space } from 'antd';
import { FileExcelOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseListInput } from '../../shared/api/filters';
import type { ReportFile } from '../../shared/api/views-reports';
import type { Result } from '../../shared/result';
import { api } from '../api/client';
import { saveDocument } from '../api/files';
import { useNotify } from '../hooks/use-notify';

/** "Ekspor XLSX" of the current list and "Jawaban LAPOR!" for a period. */
export function ListExports({ current }: { current: CaseListInput }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const [busy, setBusy] = useState(false);
  const [askPeriod, setAskPeriod] = useState(false);
  const [period, setPeriod] = useState<[Dayjs, Dayjs] | null>(null);

  async function save(load: () => Promise<Result<ReportFile>>): Promise<void> {
    setBusy(true);
    const file = notify.unwrap(await load());
    if (file) {
      const saved = await saveDocument(file);
      if (saved.ok && saved.value) notify.success(t('listExport.saved', { where: saved.value }));
    }
    setBusy(false);
  }

  const { limit: _limit, offset: _offset, ...filters } = current;
  return (
    <Space size={4}>
      <Button
        icon={<FileExcelOutlined />}
        loading={busy}
        onClick={() => notify.run(save(() => api['case.exportList'](filters)))}
        data-testid="export-list"
      >
        {t('listExport.list')}
      </Button>
      <Button icon={<FileExcelOutlined />} onClick={() => setAskPeriod(true)} data-testid="export-lapor">
        {t('listExport.lapor')}
      </Button>
      {askPeriod && (
        <Modal
          open
          title={t('listExport.laporTitle')}
          okText={t('listExport.save')}
          cancelText={t('common.cancel')}
          okButtonProps={{ disabled: !period, loading: busy }}
          onCancel={() => setAskPeriod(false)}
          onOk={() => {
            if (!period) return;
            notify.run(
              save(() => api['answers.exportLapor']({ from: period[0].format('YYYY-MM-DD'), to: period[1].format('YYYY-MM-DD') })).then(() =>
                setAskPeriod(false),
              ),
            );
          }}
          destroyOnHidden
        >
          <DatePicker.RangePicker
            value={period}
            onChange={(v) => setPeriod(v && v[0] && v[1] ? [v[0], v[1]] : null)}
            format={t('format.datePicker')}
            placeholder={[t('listExport.answeredFrom'), t('listExport.answeredTo')]}
          />
        </Modal>
      )}
    </Space>
  );
}
