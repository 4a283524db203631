import type { SecurityAlert } from '../../../../contracts/alerts';
import { ConfirmWithReasonModal } from '../../../shared/reason/ConfirmWithReasonModal';

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
      title={dismiss ? 'Dismiss alert?' : 'Escalate alert?'}
      confirmLabel={dismiss ? 'Dismiss alert' : 'Escalate alert'}
      color={dismiss ? 'indigo.7' : 'red.9'}
      reasonRequired
      reasonField={{
        description: 'Required for every alert action. It is kept in the audit log.',
        placeholder: dismiss ? 'e.g. Expected: approved in ticket SEC-42' : 'e.g. Nobody on the data team asked for this token',
      }}
      onConfirm={(reason) => onConfirm(reason ?? '')}
      onClose={onClose}
    >
      <strong>{action.alert.title}</strong>
      <br />
      {dismiss ? 'Say why this needs no action.' : 'The alert becomes high risk and everyone who may view security events gets an email with your reason.'}
    </ConfirmWithReasonModal>
  );
}
