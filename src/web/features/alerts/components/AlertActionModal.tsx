import type { SecurityAlert } from '../../../../contracts/alerts';
import { ConfirmWithReasonModal } from '../../../shared/reason/ConfirmWithReasonModal';
import { t } from '../../../shared/i18n';
import { alertTitle } from './alertTitle';

export interface AlertAction {
  kind: 'dismiss' | 'escalate';
  alert: SecurityAlert;
}

/** "Dismiss alert?" / "Escalate alert?": both need a reason, which the audit log keeps. */
export function AlertActionModal({
  action,
  onConfirm,
  onClose,
}: {
  action: AlertAction;
  onConfirm: (reason: string) => Promise<unknown>;
  onClose: () => void;
}) {
  const dismiss = action.kind === 'dismiss';
  return (
    <ConfirmWithReasonModal
      title={t(dismiss ? 'alerts.dismissTitle' : 'alerts.escalateTitle')}
      confirmLabel={t(dismiss ? 'alerts.dismissConfirm' : 'alerts.escalateConfirm')}
      color={dismiss ? 'indigo.7' : 'red.9'}
      reasonRequired
      reasonField={{
        description: t('alerts.reasonHint'),
        placeholder: t(dismiss ? 'alerts.dismissPlaceholder' : 'alerts.escalatePlaceholder'),
      }}
      onConfirm={(reason) => onConfirm(reason ?? '')}
      onClose={onClose}
    >
      <strong>{alertTitle(action.alert)}</strong>
      <br />
      {t(dismiss ? 'alerts.dismissText' : 'alerts.escalateText')}
    </ConfirmWithReasonModal>
  );
}
