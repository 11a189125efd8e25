/**
 * A draft sent back for revision: the drafter's dialog opens with the previous text and shows
 * the reviewer's reason, so nobody retypes the letter or guesses what to change.
 */
import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CaseDetail } from '../../shared/api/views';
import { actSummary, summaryNote } from '../../shared/api/timeline-summary';

/** The last draft's text and, when it was returned after that, the reason; from the timeline. */
export function lastDraft(detail: CaseDetail): { text: string | null; returnedNote: string | null; returnedBy: string | null } {
  const timeline = detail.timeline;
  let draftAt = -1;
  for (let i = timeline.length - 1; i >= 0; i--) {
    if (timeline[i]?.type === 'case.drafted') {
      draftAt = i;
      break;
    }
  }
  const draft = draftAt >= 0 ? timeline[draftAt] : undefined;
  const returned =
    draftAt >= 0
      ? timeline
          .slice(draftAt + 1)
          .reverse()
          .find((e) => e.type === 'case.returned')
      : undefined;
  const text = draft ? (actSummary(draft)?.response ?? null) : null;
  const note = returned ? summaryNote(returned.summary) : null;
  return {
    text,
    returnedNote: returned ? (note ?? '') : null,
    returnedBy: returned ? [returned.positionTitle, returned.authorName].filter(Boolean).join(' — ') : null,
  };
}

export function DraftReturnNotice({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation();
  const d = lastDraft(detail);
  if (d.returnedNote === null) return null;
  return (
    <Alert
      type="warning"
      showIcon
      style={{ marginBottom: 8 }}
      data-testid="draft-returned"
      title={t('letterPage.returnedTitle', { who: d.returnedBy ?? '' })}
      description={d.returnedNote || t('common.dash')}
    />
  );
}

/**
 * The text an approval acts on: the draft that opened the approval task (task ids are
 * `<opening event id>:<n>`), so with two OPDs drafting each approver sees their own; else the
 * case's current response.
 */
export function draftUnderApproval(detail: CaseDetail, taskId: string): string | null {
  const opener = detail.timeline.find((e) => e.id === taskId.split(':')[0]);
  const text = opener?.type === 'case.drafted' ? actSummary(opener)?.response : null;
  return text ?? detail.case.response;
}
