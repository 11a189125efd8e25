/** The case's history: every event, who did it as what, when, and how long the step took against its standard. */
import { Button, Space, Tag, Timeline, Tooltip, Typography } from 'antd';
import { ExclamationCircleOutlined, FileTextOutlined, PaperClipOutlined, SafetyCertificateOutlined, WarningOutlined } from '@ant-design/icons';
import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { OfficeOverview, TimelineEntry } from '../../shared/api/views';
import type { ActSummary, SummaryFile, TimelineSummary } from '../../shared/api/timeline-summary';
import type { EventType } from '../../shared/domain/events';
import type { SignatureCheck } from '../../shared/signing/canonical';
import { actingTitle } from '../components/positions-text';
import { formatCivilDate, formatDateTime, formatWorkMinutes } from '../format/dates';
import { formatStandard } from '../format/numbers';
import { useApp } from '../hooks/use-app';
import { useNotify } from '../hooks/use-notify';
import { api } from '../api/client';
import { saveDocument } from '../api/files';
import { ApproverEdit } from './approver-edit';

const EVENT_COLOR: Partial<Record<EventType, string>> = {
  'case.registered': 'blue',
  'case.returned': 'orange',
  'case.answered': 'green',
  'case.closed': 'gray',
  'case.escalated': 'red',
  'case.paused': 'gray',
};

function line(key: string, label: string, value: ReactNode): ReactNode {
  return (
    <div key={key} className="alur-pre">
      <Typography.Text type="secondary">{label}: </Typography.Text>
      {value}
    </div>
  );
}

interface SummaryEnv {
  overview: OfficeOverview;
  t: TFunction;
  when: (ms: number) => string;
  /** A civil date 'YYYY-MM-DD' in the UI's language (e.g. 1 Desember 2026). */
  day: (date: string) => string;
  caseId: string;
}

/** The line of what a case is: channel, type, category, LAPOR! id, strategic. */
function whatLine(s: TimelineSummary, { overview, t }: SummaryEnv): ReactNode[] {
  const bits: string[] = [];
  if (s.kind === 'registered') bits.push(t(`channel.${s.channel}`));
  if (s.kind === 'registered' || s.kind === 'classified') bits.push(t(`caseType.${s.type}`));
  if (s.kind === 'classified') {
    const cat = overview.preset.categories.find((c) => c.id === s.categoryId);
    if (cat) bits.push(cat.name);
  }
  if (s.kind === 'registered' && s.laporId) bits.push(t('case.laporShort', { id: s.laporId }));
  if (s.kind === 'classified' && s.strategic) bits.push(t('case.strategic'));
  return bits.length ? [<div key="what">{bits.join(' · ')}</div>] : [];
}

/** A workflow act's lines: targets, instructions, urgency, due time, texts, letter, paper record. */
function actLines(s: ActSummary, { t, when, day, caseId }: SummaryEnv): ReactNode[] {
  const parts: ReactNode[] = [];
  if (s.targets.length)
    parts.push(
      line(
        'targets',
        t('summary.targets'),
        s.targets.map((x) => <Tag key={x.name}>{x.name}</Tag>),
      ),
    );
  if (s.instructions.length) parts.push(line('instructions', t('summary.instructions'), s.instructions.join('; ')));
  if (s.urgency) parts.push(line('urgency', t('case.urgency'), t(`urgency.${s.urgency}`)));
  if (s.dueAt !== null) parts.push(line('dueAt', t('case.due'), when(s.dueAt)));
  if (s.note?.trim()) parts.push(line('note', t('summary.note'), s.note));
  if (s.response?.trim()) parts.push(line('response', t('summary.response'), s.response));
  if (s.draftText && s.response) parts.push(<ApproverEdit key="approverEdit" before={s.draftText} after={s.response} />);
  if (s.letterNumber?.trim()) parts.push(line('letterNumber', t('timeline.letterNumber'), s.letterNumber));
  if (s.paper) {
    const { writtenOn, recordedBy, scan } = s.paper;
    parts.push(
      line(
        'paper',
        t('timeline.paperRecord'),
        <>
          {t('timeline.paperDetail', { date: day(writtenOn), who: recordedBy ?? t('common.dash') })} <AttachmentLink caseId={caseId} file={scan} />
        </>,
      ),
    );
  }
  return parts;
}

/** What the backend summarised of an event's payload, in words. */
function summaryBlock(e: TimelineEntry, env: SummaryEnv): ReactNode[] {
  const { t, caseId } = env;
  const s = e.summary;
  const parts = whatLine(s, env);
  if (s.kind === 'classified') parts.push(line('urgency', t('case.urgency'), t(`urgency.${s.urgency}`)));
  if (s.kind === 'act') parts.push(...actLines(s, env));
  if (s.kind === 'closed') parts.push(line('reason', t('summary.reason'), t(`closeReason.${s.reason}`)));
  if (s.kind === 'reason' && s.reason.trim()) parts.push(line('reason', t('summary.reason'), s.reason));
  if (s.kind === 'delivered')
    parts.push(
      line(
        'delivered',
        t('deskWork.deliveryChannel'),
        t('deskWork.deliveredVia', { channel: t(`deliveryChannel.${s.channel}`), at: env.when(s.deliveredAt) }),
      ),
    );
  if ((s.kind === 'resumed' || s.kind === 'closed' || s.kind === 'delivered') && s.note?.trim()) parts.push(line('note', t('summary.note'), s.note));
  if (s.kind === 'note' && s.text.trim()) parts.push(line('text', t('summary.text'), s.text));
  if (s.kind === 'document') parts.push(line('document', t('timeline.document'), `${t(`docs.kind_${s.document}`)} (${s.format.toUpperCase()})`));
  const files = s.kind === 'registered' || s.kind === 'act' || s.kind === 'attachment' ? s.files : [];
  if (files.length)
    parts.push(
      line(
        'attachments',
        t('summary.attachments'),
        files.map((f) => <AttachmentLink key={f.sha256} caseId={caseId} file={f} />),
      ),
    );
  return parts;
}

/** The verified or failed mark of a signed act; the reason is in the tooltip. */
function SignatureTag({ check }: { check: SignatureCheck }) {
  const { t } = useTranslation();
  if (check.status === 'valid')
    return (
      <Tooltip title={check.message}>
        <Tag icon={<SafetyCertificateOutlined />} color="green" data-testid="signature-valid">
          {t('timeline.signatureValid')}
        </Tag>
      </Tooltip>
    );
  if (check.status === 'missing') return <Tag color="orange">{t('timeline.signatureMissing')}</Tag>;
  if (check.status === 'before_signing')
    return (
      <Tooltip title={check.message}>
        <Tag data-testid="signature-before-signing">{t('upgrade.signatureBeforeSigning')}</Tag>
      </Tooltip>
    );
  if (check.status === 'paper')
    return (
      <Tooltip title={check.message}>
        <Tag color="orange" data-testid="signature-paper">
          {t('harden.signaturePaper')}
        </Tag>
      </Tooltip>
    );
  return (
    <Tooltip title={check.message}>
      <Tag icon={<WarningOutlined />} color="red" data-testid="signature-invalid">
        {t('timeline.signatureInvalid')}: {check.message}
      </Tag>
    </Tooltip>
  );
}

/** A file of the case, fetched (from the LAN server if this workstation lacks it) and saved on click. */
export function AttachmentLink({ caseId, file }: { caseId: string; file: Pick<SummaryFile, 'name' | 'sha256'> }) {
  const notify = useNotify();
  const { t } = useTranslation();
  async function open(): Promise<void> {
    const r = await api['attachment.get']({ caseId, sha256: file.sha256 });
    if (!r.ok) return notify.error(r.error);
    const saved = await saveDocument({ fileName: r.value.name, mime: r.value.mime, dataBase64: r.value.dataBase64 });
    if (!saved.ok) notify.error(saved.error);
    else if (saved.value) notify.success(t('docs.saved', { where: saved.value }));
  }
  return (
    <Button
      type="link"
      size="small"
      icon={<PaperClipOutlined />}
      style={{ paddingInline: 2 }}
      onClick={() => notify.run(open())}
      data-testid="attachment-link"
    >
      {file.name}
    </Button>
  );
}

/** The timeline of one case, oldest first. */
export function CaseTimeline({ entries, caseId }: { entries: TimelineEntry[]; caseId: string }) {
  const { t, i18n } = useTranslation();
  const { tz, overview } = useApp();
  const items = entries.map((e) => {
    const who = e.authorName ? `${e.authorName}${e.positionTitle ? `, ${actingTitle(e.positionTitle, e.acting, t)}` : ''}` : t('timeline.system');
    const late = e.tookMinutes !== null && e.standardMinutes !== null && e.tookMinutes > e.standardMinutes;
    return {
      key: e.id,
      color: e.conflict ? 'red' : (EVENT_COLOR[e.type] ?? 'blue'),
      icon: e.conflict ? <ExclamationCircleOutlined /> : undefined,
      content: (
        <div data-testid="timeline-entry" data-type={e.type}>
          <Space size={4} wrap>
            <Typography.Text strong>{e.actionLabel ?? t(`eventType.${e.type}`)}</Typography.Text>
            {e.stepName && <Typography.Text type="secondary">· {e.stepName}</Typography.Text>}
            {e.paper && (
              <Tag icon={<FileTextOutlined />} color="gold">
                {t('timeline.paper')}
              </Tag>
            )}
            {e.signature && <SignatureTag check={e.signature} />}
            {e.conflict && (
              <Tooltip title={e.conflict}>
                <Tag color="red">{t('timeline.conflict')}</Tag>
              </Tooltip>
            )}
          </Space>
          <div className="alur-timeline-meta">
            {formatDateTime(e.at, tz, t, i18n.language)} · {who}
          </div>
          {e.tookMinutes !== null && (
            <div className="alur-timeline-meta">
              <Tag color={late ? 'red' : 'green'} style={{ marginInlineEnd: 4 }}>
                {t('timeline.took', { took: formatWorkMinutes(e.tookMinutes, t) })}
              </Tag>
              {e.standard !== null
                ? t('timeline.standard', { standard: formatStandard(e.standard, t) })
                : e.standardMinutes !== null && t('timeline.standard', { standard: formatWorkMinutes(e.standardMinutes, t) })}
            </div>
          )}
          {e.conflict && <Typography.Text type="danger">{e.conflict}</Typography.Text>}
          {summaryBlock(e, {
            overview,
            t,
            caseId,
            when: (ms) => formatDateTime(ms, tz, t, i18n.language),
            day: (d) => formatCivilDate(d, t, i18n.language),
          })}
        </div>
      ),
    };
  });
  return <Timeline items={items} data-testid="timeline" />;
}
