/**
 * Likely duplicates of the case being registered: asked of `case.duplicates` a moment after
 * the LAPOR! number, the complainant or the text changes, and shown above the save button
 * with a way to look at each candidate without leaving the form.
 */
import { Alert, Button, Descriptions, List, Modal, Space, Spin, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DuplicateCandidate } from '../../shared/api/views';
import type { Complainant } from '../../shared/domain/events';
import { api } from '../api/client';
import { StatusTag } from '../components/case-tags';
import { formatDateTime } from '../format/dates';
import { useApp } from '../hooks/use-app';
import { useQuery } from '../hooks/use-query';
import { navigate } from '../hooks/use-route';

/** What the check looks at, as `case.duplicates` takes it. */
interface DuplicateQuery {
  laporId: string | null;
  complainant: Complainant | null;
  title: string;
  description: string;
}

const DEBOUNCE_MS = 600;

/** True when there is enough to compare: a LAPOR! number, a complainant, or some text. */
function worthChecking(q: DuplicateQuery): boolean {
  return Boolean(q.laporId) || q.complainant !== null || `${q.title} ${q.description}`.trim().length >= 8;
}

/** The candidates for the latest query, asked once typing pauses; `checking` while that answer is pending. */
export function useDuplicateCheck(query: DuplicateQuery): { candidates: DuplicateCandidate[]; checking: boolean } {
  const key = JSON.stringify(query);
  const [result, setResult] = useState<{ key: string; candidates: DuplicateCandidate[] }>({ key: '', candidates: [] });
  useEffect(() => {
    const q = JSON.parse(key) as DuplicateQuery;
    if (!worthChecking(q)) return;
    let alive = true;
    const timer = setTimeout(() => {
      // A failed check never blocks registration: it only shows nothing.
      api['case.duplicates'](q).then(
        (r) => {
          if (alive) setResult({ key, candidates: r.ok ? r.value : [] });
        },
        () => {
          if (alive) setResult({ key, candidates: [] });
        },
      );
    }, DEBOUNCE_MS);
    return () => {
      alive = false;
      clearTimeout(timer);
    };
  }, [key]);
  const relevant = worthChecking(query);
  // Candidates of an earlier query stay shown while the next check runs, so the list does not flash.
  return { candidates: relevant ? result.candidates : [], checking: relevant && result.key !== key };
}

/** The warning with the candidates; renders nothing when there are none. */
export function DuplicateAlert({
  candidates,
  checking,
  onSaveAsDuplicate,
}: {
  candidates: DuplicateCandidate[];
  checking: boolean;
  onSaveAsDuplicate?: (c: DuplicateCandidate) => void;
}) {
  const { t, i18n } = useTranslation();
  const { tz } = useApp();
  const [preview, setPreview] = useState<DuplicateCandidate | null>(null);
  if (candidates.length === 0)
    return checking ? (
      <Typography.Text type="secondary" data-testid="duplicate-checking">
        <Spin size="small" /> {t('desk.dup.checking')}
      </Typography.Text>
    ) : null;
  return (
    <>
      <Alert
        type="warning"
        showIcon
        data-testid="duplicate-warning"
        title={t('desk.dup.title')}
        description={
          <Space orientation="vertical" size={4} style={{ width: '100%' }}>
            <Typography.Text>{t('desk.dup.hint')}</Typography.Text>
            <List
              size="small"
              dataSource={candidates}
              renderItem={(c) => (
                <List.Item
                  data-testid="duplicate-candidate"
                  actions={[
                    <Button key="open" size="small" onClick={() => setPreview(c)}>
                      {t('desk.dup.open')}
                    </Button>,
                    ...(onSaveAsDuplicate
                      ? [
                          <Button key="dup" size="small" onClick={() => onSaveAsDuplicate(c)} data-testid="save-as-duplicate">
                            {t('deskWork.saveAsDuplicate')}
                          </Button>,
                        ]
                      : []),
                  ]}
                >
                  <Space size={6} wrap>
                    <Typography.Text strong>{c.ref}</Typography.Text>
                    <Typography.Text>{c.title}</Typography.Text>
                    <Typography.Text type="secondary">
                      {t('desk.dup.received', { when: formatDateTime(c.receivedAt, tz, t, i18n.language) })}
                    </Typography.Text>
                    {c.reasons.map((r) => (
                      <Tag key={r} color={r === 'text' ? 'default' : 'orange'}>
                        {t(`desk.dup.reason.${r}`)}
                      </Tag>
                    ))}
                  </Space>
                </List.Item>
              )}
            />
          </Space>
        }
      />
      {preview && <CandidatePreview candidate={preview} onClose={() => setPreview(null)} />}
    </>
  );
}

/** A candidate's fields in a dialog, so the form stays as typed; opening the case leaves it. */
function CandidatePreview({ candidate, onClose }: { candidate: DuplicateCandidate; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const { tz } = useApp();
  const q = useQuery(() => api['case.get']({ caseId: candidate.id }), candidate.id);
  const c = q.data?.case;
  return (
    <Modal
      open
      title={candidate.ref}
      onCancel={onClose}
      cancelText={t('common.back')}
      okText={t('desk.dup.openCase')}
      onOk={() => navigate({ page: 'case', id: candidate.id })}
      width={640}
      data-testid="duplicate-preview"
    >
      {q.error && <Alert type="error" showIcon title={q.error.message} />}
      {!c && !q.error && <Spin />}
      {c && (
        <Descriptions size="small" column={1} bordered>
          <Descriptions.Item label={t('case.title')}>{c.title}</Descriptions.Item>
          <Descriptions.Item label={t('case.status')}>
            <StatusTag status={c.status} />
          </Descriptions.Item>
          <Descriptions.Item label={t('case.received')}>{formatDateTime(c.receivedAt, tz, t, i18n.language)}</Descriptions.Item>
          <Descriptions.Item label={t('case.laporId')}>{c.laporId ?? t('common.dash')}</Descriptions.Item>
          <Descriptions.Item label={t('case.position')}>{c.currentSteps.length ? c.currentSteps.join(', ') : t('common.dash')}</Descriptions.Item>
          <Descriptions.Item label={t('case.description')}>
            <div className="alur-pre" style={{ maxHeight: 200, overflow: 'auto' }}>
              {c.description}
            </div>
          </Descriptions.Item>
        </Descriptions>
      )}
      <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
        {t('desk.dup.openCaseHint')}
      </Typography.Paragraph>
    </Modal>
  );
}
