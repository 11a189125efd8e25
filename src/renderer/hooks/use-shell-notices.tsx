/** The logged-in window's toasts for server events: a task of this user's posts opened or soon due, and the backend's notices. */
import { App, Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { useApp } from './use-app';
import { useBurstGuard } from './use-burst-guard';
import { isOwnAct } from './own-acts';
import { navigate } from './use-route';
import { useServerEvent } from './use-server-event';

/** Shows the toasts (and, in the background, a system notification) as the events come. */
export function useShellNotices(): void {
  const { t } = useTranslation();
  const { notification } = App.useApp();
  const ctx = useApp();
  // An import or a sync can open hundreds of tasks at once: past three, one summary toast.
  const admitTask = useBurstGuard((count) => {
    notification.info({
      title: t('taskBurst.title'),
      description: t('taskBurst.text', { count }),
      actions: (
        <Button size="small" type="link" onClick={() => navigate({ page: 'inbox' })}>
          {t('taskBurst.openInbox')}
        </Button>
      ),
      placement: 'bottomRight',
      duration: 8,
    });
  });
  useServerEvent((e) => {
    if (e.type === 'task.opened' || e.type === 'task.due_soon') {
      // Only tasks of this user's posts: the backend tells every window, each shows its own.
      const mine = ctx.session.positions.some(
        (p) => p.unitId === e.task.unitId && p.roleId === e.task.roleId && (e.task.positionId === null || e.task.positionId === p.positionId),
      );
      if (!mine || (e.type === 'task.opened' && (isOwnAct(e.task.caseId) || !admitTask()))) return;
      const id = e.task.caseId;
      const text = t(e.type === 'task.opened' ? 'notice.taskOpened' : 'notice.taskDueSoon', {
        ref: e.task.ref,
        title: e.task.title,
        step: e.task.stepName,
      });
      const show = e.type === 'task.due_soon' ? notification.warning : notification.info;
      show({
        title: t(e.type === 'task.opened' ? 'notice.newTask' : 'notice.dueSoon'),
        description: text,
        actions: (
          <Button size="small" type="link" onClick={() => navigate({ page: 'case', id })}>
            {t('notice.openCase')}
          </Button>
        ),
        placement: 'bottomRight',
        duration: 8,
      });
      // In the desktop app, also a system notification when the window is in the background.
      if (document.hidden && typeof Notification !== 'undefined' && Notification.permission === 'granted')
        new Notification(t(e.type === 'task.opened' ? 'notice.newTask' : 'notice.dueSoon'), { body: text });
      return;
    }
    if (e.type !== 'notice') return;
    const caseId = e.caseId;
    const open = caseId ? (
      <Button size="small" type="link" onClick={() => navigate({ page: 'case', id: caseId })}>
        {t('notice.openCase')}
      </Button>
    ) : undefined;
    const show = e.level === 'warning' ? notification.warning : notification.info;
    show({ title: t(`notice.${e.level}`), description: e.message, actions: open, placement: 'bottomRight', duration: 8 });
  });
}
