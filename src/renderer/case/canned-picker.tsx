/**
 * "Teks baku": the office's standard notes and answers (Pengaturan › Teks baku), offered above
 * a text field of an act dialog. Picking one adds its text to what is typed (never replaces it),
 * so a clerk can start from the standard wording and adapt it.
 */
import { Select } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CannedKind } from '../../shared/api/views-desk-work';
import { api } from '../api/client';
import { useQuery } from '../hooks/use-query';

export function CannedPicker({ kind, onPick, testId }: { kind: CannedKind; onPick: (text: string) => void; testId: string }) {
  const { t } = useTranslation();
  const texts = useQuery(() => api['canned.list']({ all: false }), 'canned');
  const offered = (texts.data ?? []).filter((c) => c.kind === kind);
  if (offered.length === 0) return null;
  return (
    <Select
      size="small"
      value={null}
      placeholder={t('canned.pick')}
      aria-label={t('canned.pick')}
      options={offered.map((c) => ({ value: c.id, label: c.title }))}
      onChange={(id: string) => {
        const c = offered.find((x) => x.id === id);
        if (c) onPick(c.text);
      }}
      style={{ minWidth: 220, marginBottom: 4 }}
      data-testid={testId}
    />
  );
}

/** `typed` with `text` added on a new paragraph (or `text` alone when nothing is typed). */
export function withCanned(typed: string | undefined, text: string): string {
  return typed?.trim() ? `${typed.trimEnd()}\n\n${text}` : text;
}
