/**
 * Audit: the state of this workstation's audit trail (identity reads and administrative
 * changes), checked when the tab opens (locally) and with "Periksa log audit" against the
 * server's checkpoints too. Every difference is listed in words; nothing is repaired, and what
 * is found is recorded in the trail itself (see backend/audit/audit-check.ts).
 */
import { Alert, Button, Space, Typography } from 'antd';
import { SafetyCertificateOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditCheck, AuditFinding } from '../../shared/api/methods/audit';
import { api } from '../api/client';
import { useNotify } from '../hooks/use-notify';
import { useQuery } from '../hooks/use-query';

function findingText(f: AuditFinding, t: (key: string, o?: Record<string, unknown>) => string): string {
  switch (f.kind) {
    case 'missing':
      return f.from === f.to ? t('audit.finding.missingOne', { seq: f.from }) : t('audit.finding.missing', { from: f.from, to: f.to });
    case 'other_key':
      return t('audit.finding.other_key', { from: f.from, to: f.to });
    case 'rewound':
      return t('audit.finding.rewound', { localLast: f.localLast, serverLast: f.serverLast });
    case 'differs':
      return t('audit.finding.differs', { seq: f.seq, login: f.login });
    case 'key_unavailable':
      return t('audit.finding.key_unavailable');
    case 'altered':
    case 'relinked':
    case 'unkeyed':
    case 'anchor_missing':
      return t(`audit.finding.${f.kind}`, { seq: f.seq });
  }
}

function serverText(c: AuditCheck, t: (key: string, o?: Record<string, unknown>) => string): string {
  const s = c.server;
  if (s.compared) return t('audit.server.compared', { count: s.checkpoints });
  return s.reason === 'failed' ? t('audit.server.failed', { reason: s.message ?? '-' }) : t(`audit.server.${s.reason}`);
}

export function AuditTab() {
  const { t } = useTranslation();
  const notify = useNotify();
  const local = useQuery(() => api['audit.check']({ server: false }), 'audit-check');
  const [checked, setChecked] = useState<AuditCheck | null>(null);
  const [busy, setBusy] = useState(false);

  async function checkNow(): Promise<void> {
    setBusy(true);
    const r = await api['audit.check']({ server: true });
    setBusy(false);
    if (!r.ok) return notify.error(r.error);
    setChecked(r.value);
  }

  const c = checked ?? local.data;
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="middle" data-testid="audit-tab">
      <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
        {t('audit.intro')}
      </Typography.Paragraph>
      {c && c.findings.length === 0 && (
        <Alert
          type="success"
          showIcon
          title={t('audit.whole', { count: c.entries, last: c.lastSeq })}
          description={serverText(c, t)}
          data-testid="audit-result"
        />
      )}
      {c && c.findings.length > 0 && (
        <Alert
          type="error"
          showIcon
          title={t('audit.broken', { count: c.findings.length })}
          data-testid="audit-result"
          description={
            <>
              <ul style={{ margin: '4px 0', paddingLeft: 20 }}>
                {c.findings.map((f, i) => (
                  <li key={i}>{findingText(f, t)}</li>
                ))}
              </ul>
              <div>{serverText(c, t)}</div>
              <div>{t('audit.brokenHelp')}</div>
            </>
          }
        />
      )}
      <Button type="primary" icon={<SafetyCertificateOutlined />} loading={busy} onClick={() => notify.run(checkNow())} data-testid="audit-check">
        {t('audit.check')}
      </Button>
    </Space>
  );
}
