/**
 * Closing a form dialog never throws typed text away silently: when something was typed, the
 * user chooses between going back to it, keeping it as a draft, or discarding it.
 */
import { App, Button } from 'antd';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { FormDraft } from '../hooks/use-form-draft';

/** Returns `close(draft, onClose)`: closes at once when nothing was typed, else asks. */
export function useConfirmClose(): (draft: FormDraft<object>, onClose: () => void) => void {
  const { modal } = App.useApp();
  const { t } = useTranslation();
  return useCallback(
    (draft, onClose) => {
      if (!draft.isDirty()) {
        draft.clear();
        onClose();
        return;
      }
      const dialog = modal.confirm({
        title: t('ui.draft.closeTitle'),
        content: t('ui.draft.closeText'),
        okText: t('ui.draft.keep'),
        cancelText: t('ui.draft.back'),
        // Kept: the draft is written when the form unmounts.
        onOk: onClose,
        footer: (_, { OkBtn, CancelBtn }) => (
          <>
            <Button
              danger
              data-testid="draft-discard"
              onClick={() => {
                dialog.destroy();
                draft.clear();
                onClose();
              }}
            >
              {t('ui.draft.discard')}
            </Button>
            <CancelBtn />
            <OkBtn />
          </>
        ),
      });
    },
    [modal, t],
  );
}
