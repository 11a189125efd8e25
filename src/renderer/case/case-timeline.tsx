/** The case's history: every event, who did it as what, when, and how long the step took against its standard. */
import { Button, Space, Tag, Timeline, Tooltip, Typography } from 'antd';
import { ExclamationCircleOutlined, FileTextOutlined, PaperClipOutlined, SafetyCertificateOutlined, WarningOutlined } from '@ant-design/icons';
import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { OfficeOverview, TimelineEntry } from '../../shared/api/views';
import { CLOSE_REASONS, type EventType } from '../../shared/domain/events';
import type { SignatureCheck } from '../../shared/signing/canonical';
import { CASE_TYPES, CHANNELS, URGENCIES } from '../../shared/domain/enums';
import { actingTitle } from '../components/positions-text';
import { formatCivilDate, formatDateTime, formatWorkMinutes } from '../format/dates';
import { formatStandard } from '../format/numbers';
import { useApp } from '../hooks/use-app';
import { useNotify } from '../hooks/use-notify';
import { api } from '../api/client';
import { saveDocument } from '../api/files';

const EVENT_COLOR: Partial<Record<EventType, string>> = {
  'case.registered': 'blue',
  'case.returned': 'orange',
  'case.answered': 'green',
  'case.closed': 'gray',
  'case.escalated': 'red',
  'case.paused': 'gray',
};

/** Summary keys rendered as text, in this order; their labels are `summary.<key>` in the locale files. */
const TEXT_KEYS = ['reason', 'note', 'text', 'response', 'answer'] as const;

function asStrings(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

/** Names the targets of a disposition (unit, and post when one was chosen). */
function targetNames(v: unknown, overview: OfficeOverview): string[] {
  if (!Array.isArray(v)) return [];
  const out: string[] = [];
  for (const item of v) {
    if (typeof item === 'string') out.push(item);
    else if (typeof item === 'object' && item !== null) {
      const o = item as { unitId?: unknown; positionId?: unknown; name?: unknown };
      if (typeof o.name === 'string') out.push(o.name);
      else {
        const pos = overview.positions.find((p) => p.id === o.positionId);
        const unit = overview.units.find((u) => u.id === o.unitId);
        out.push(pos ? pos.title : (unit?.name ?? String(o.unitId ?? '')));
      }
    }
  }
  return out;
}

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

interface FileRef {
  name: string;
  sha256: string;
}

function asFiles(v: unknown): FileRef[] {
  if (!Array.isArray(v)) return [];
  return v.filter((f): f is FileRef => typeof f === 'object' && f !== null && typeof (f as FileRef).name === 'string' && typeof (f as FileRef).sha256 === 'string');
}

/** What the backend summarised of an event's payload, in words; unknown keys are left out. */
function summaryBlock(e: TimelineEntry, { overview, t, when, day, caseId }: SummaryEnv): ReactNode[] {
  const s = e.summary;
  const parts: ReactNode[] = [];
  const str = (k: string): string | null => (typeof s[k] === 'string' && (s[k] as string).trim() ? (s[k] as string) : null);
  if (e.type === 'case.registered' || e.type === 'case.classified') {
    const bits: string[] = [];
    const channel = str('channel');
    if (channel && (CHANNELS as readonly string[]).includes(channel)) bits.push(t(`channel.${channel}`));
    const type = str('type');
    if (type && (CASE_TYPES as readonly string[]).includes(type)) bits.push(t(`caseType.${type}`));
    const cat = overview.preset.categories.find((c) => c.id === str('categoryId'));
    if (cat) bits.push(cat.name);
    const laporId = str('laporId');
    if (laporId) bits.push(t('case.laporShort', { id: laporId }));
    if (s['strategic'] === true) bits.push(t('case.strategic'));
    if (bits.length) parts.push(<div key="what">{bits.join(' · ')}</div>);
  }
  const targets = targetNames(s['targets'], overview);
  if (targets.length)
    parts.push(
      line(
        'targets',
        t('summary.targets'),
        targets.map((n) => <Tag key={n}>{n}</Tag>),
      ),
    );
  const instructions = asStrings(s['instructions']);
  if (instructions.length) parts.push(line('instructions', t('summary.instructions'), instructions.join('; ')));
  const urgency = str('urgency');
  if (urgency && e.type !== 'case.registered' && (URGENCIES as readonly string[]).includes(urgency))
    parts.push(line('urgency', t('case.urgency'), t(`urgency.${urgency}`)));
  if (typeof s['dueAt'] === 'number') parts.push(line('dueAt', t('case.due'), when(s['dueAt'])));
  if (e.type === 'case.closed') {
    const reason = str('reason');
    if (reason && (CLOSE_REASONS as readonly string[]).includes(reason)) parts.push(line('reason', t('summary.reason'), t(`closeReason.${reason}`)));
  }
  for (const k of TEXT_KEYS) {
    if (k === 'reason' && e.type === 'case.closed') continue;
    const v = str(k);
    if (v) parts.push(line(k, t(`summary.${k}`), v));
  }
  const letterNumber = str('letterNumber');
  if (letterNumber) parts.push(line('letterNumber', t('timeline.letterNumber'), letterNumber));
  if (e.type === 'case.document_issued') {
    const kind = str('kind');
    if (kind === 'sheet' || kind === 'letter') parts.push(line('document', t('timeline.document'), `${t(`docs.kind_${kind}`)} (${(str('format') ?? '').toUpperCase()})`));
  }
  const paper = s['paper'] as { writtenOn?: unknown; recordedBy?: unknown; scan?: unknown } | null | undefined;
  if (paper && typeof paper.writtenOn === 'string') {
    const scan = asFiles([paper.scan]);
    parts.push(
      line(
        'paper',
        t('timeline.paperRecord'),
        <>
          {t('timeline.paperDetail', { date: day(paper.writtenOn), who: typeof paper.recordedBy === 'string' ? paper.recordedBy : t('common.dash') })}{' '}
          {scan.map((f) => (
            <AttachmentLink key={f.sha256} caseId={caseId} file={f} />
          ))}
        </>,
      ),
    );
  }
  const fileRefs = asFiles(s['files']);
  const attachments = asStrings(s['attachments']);
  if (fileRefs.length)
    parts.push(
      line(
        'attachments',
        t('summary.attachments'),
        fileRefs.map((f) => <AttachmentLink key={f.sha256} caseId={caseId} file={f} />),
      ),
    );
  else if (attachments.length) parts.push(line('attachments', t('summary.attachments'), attachments.join(', ')));
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
export function AttachmentLink({ caseId, file }: { caseId: string; file: FileRef }) {
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
    <Button type="link" size="small" icon={<PaperClipOutlined />} style={{ paddingInline: 2 }} onClick={() => notify.run(open())} data-testid="attachment-link">
      {file.name}
    </Button>
  );
}

/** The timeline of one case, oldest first. */
export function CaseTimeline({ entries, caseId }: { entries: TimelineEntry[]; caseId: string }) {
  const { t, i18n } = useTranslation();
  const { tz, overview } = useApp();
  const items = entries.map((e) => {
    const who = e.authorName
      ? `${e.authorName}${e.positionTitle ? `, ${actingTitle(e.positionTitle, e.acting, t)}` : ''}`
      : t('timeline.system');
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
              {e.standard !== null ? t('timeline.standard', { standard: formatStandard(e.standard, t) }) : e.standardMinutes !== null && t('timeline.standard', { standard: formatWorkMinutes(e.standardMinutes, t) })}
            </div>
          )}
          {e.conflict && <Typography.Text type="danger">{e.conflict}</Typography.Text>}
          {summaryBlock(e, { overview, t, caseId, when: (ms) => formatDateTime(ms, tz, t, i18n.language), day: (d) => formatCivilDate(d, t, i18n.language) })}
        </div>
      ),
    };
  });
  return <Timeline items={items} data-testid="timeline" />;
}
