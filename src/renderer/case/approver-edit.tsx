/**
 * An approval whose signed text differs from the draft: the timeline says the approver changed
 * the text, and shows the draft and the signed text with the changed words marked.
 */
import { Button, Tag } from 'antd';
import { DiffOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { wordDiff } from '../format/word-diff';

export function ApproverEdit({ before, after }: { before: string; after: string }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <div data-testid="approver-edit">
      <Tag color="purple">{t('approverEdit.changed')}</Tag>
      <Button type="link" size="small" icon={<DiffOutlined />} onClick={() => setOpen(!open)} aria-expanded={open} data-testid="approver-edit-toggle">
        {open ? t('approverEdit.hide') : t('approverEdit.show')}
      </Button>
      {open && (
        <div className="alur-pre" style={{ border: '1px solid #f0f0f0', padding: 8, marginTop: 4 }} data-testid="approver-edit-diff">
          {wordDiff(before, after).map((p, i) =>
            p.kind === 'same' ? (
              <span key={i}>{p.text}</span>
            ) : p.kind === 'removed' ? (
              <del key={i} title={t('approverEdit.removed')} style={{ background: '#fff1f0', color: '#a8071a' }}>
                {p.text}
              </del>
            ) : (
              <ins key={i} title={t('approverEdit.added')} style={{ background: '#f6ffed', color: '#135200' }}>
                {p.text}
              </ins>
            ),
          )}
        </div>
      )}
    </div>
  );
}
