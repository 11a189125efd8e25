/**
 * The user's saved searches on the case list: apply one, save the current filters under a
 * name (the same name again updates it), delete the one applied.
 */
import { Button, Form, Input, Modal, Popconfirm, Select, Space, Typography } from 'antd';
import { DeleteOutlined, SaveOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CaseListInput } from '../../shared/api/filters';
import type { SavedSearch } from '../../shared/api/views';
import { api } from '../api/client';
import { useNotify } from '../hooks/use-notify';
import { useQuery } from '../hooks/use-query';

interface Props {
  /** The filters in use now, as `case.list` takes them (paging is not saved). */
  current: CaseListInput;
  /** Called with a saved search's filters, checked against the contract's schema. */
  onApply: (filters: CaseListInput) => void;
}

/** The filters worth saving: no paging, no empty values. */
function savable(f: CaseListInput): CaseListInput {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(f)) if (k !== 'limit' && k !== 'offset' && v !== undefined && v !== '') out[k] = v;
  return out;
}

/** The select of saved searches with its delete and save buttons. */
export function SavedSearches({ current, onApply }: Props) {
  const { t } = useTranslation();
  const notify = useNotify();
  const list = useQuery(() => api['search.saved.list']({}), 'saved');
  const [selected, setSelected] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const saved = list.data ?? [];
  const chosen = saved.find((s) => s.id === selected);

  function apply(id: string | undefined): void {
    setSelected(id ?? null);
    const s = saved.find((x) => x.id === id);
    if (!s) return;
    // Saved by an older version or edited elsewhere: only what the schema accepts is applied.
    const parsed = CaseListInput.safeParse(s.filters);
    onApply(parsed.success ? parsed.data : {});
  }

  async function remove(s: SavedSearch): Promise<void> {
    // The method's value is null, so the result is checked, not unwrapped.
    const r = await api['search.saved.delete']({ id: s.id });
    if (!r.ok) return notify.error(r.error);
    notify.success(t('desk.saved.deleted'));
    setSelected(null);
    list.reload();
  }

  return (
    <Space size={4} data-testid="saved-searches">
      <Select<string>
        allowClear
        style={{ width: 220 }}
        placeholder={t('desk.saved.placeholder')}
        aria-label={t('desk.saved.placeholder')}
        value={selected ?? undefined}
        onChange={apply}
        notFoundContent={t('desk.saved.empty')}
        options={saved.map((s) => ({ value: s.id, label: s.name }))}
        data-testid="saved-search-select"
      />
      {chosen && (
        <Popconfirm
          title={t('desk.saved.deleteConfirm', { name: chosen.name })}
          okText={t('common.delete')}
          cancelText={t('common.cancel')}
          onConfirm={() => remove(chosen)}
        >
          <Button icon={<DeleteOutlined />} aria-label={t('desk.saved.delete')} title={t('desk.saved.delete')} data-testid="saved-search-delete" />
        </Popconfirm>
      )}
      <Button icon={<SaveOutlined />} onClick={() => setSaving(true)} data-testid="saved-search-save">
        {t('desk.saved.save')}
      </Button>
      {saving && (
        <SaveModal
          initialName={chosen?.name ?? ''}
          onClose={() => setSaving(false)}
          onSave={async (name) => {
            const same = saved.find((s) => s.name.trim().toLowerCase() === name.trim().toLowerCase());
            const r = notify.unwrap(await api['search.saved.save']({ id: same?.id ?? null, name, filters: savable(current) }));
            if (r === null) return;
            notify.success(t('desk.saved.saved', { name: r.name }));
            setSaving(false);
            setSelected(r.id);
            list.reload();
          }}
        />
      )}
    </Space>
  );
}

function SaveModal({ initialName, onClose, onSave }: { initialName: string; onClose: () => void; onSave: (name: string) => Promise<void> }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const [form] = Form.useForm<{ name: string }>();
  const [busy, setBusy] = useState(false);
  return (
    <Modal
      open
      title={t('desk.saved.save')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
      data-testid="saved-search-modal"
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ name: initialName }}
        onFinish={(v) => {
          setBusy(true);
          notify.run(onSave(v.name.trim()).finally(() => setBusy(false)));
        }}
      >
        <Form.Item name="name" label={t('desk.saved.name')} rules={[{ required: true, whitespace: true, message: t('validation.required') }]}>
          <Input maxLength={80} placeholder={t('desk.saved.namePlaceholder')} autoFocus />
        </Form.Item>
      </Form>
      <Typography.Text type="secondary">{t('desk.saved.filtersHint')}</Typography.Text>
    </Modal>
  );
}
