import { createLogStream, logStreamsKey } from '../api';
import { SignedEndpointModal } from './SignedEndpointModal';
import { t } from '../../../shared/i18n';

/** "Add destination": a name and the SIEM's HTTPS collector; the signing secret goes to `onCreated`. */
export function AddLogStreamModal(props: { opened: boolean; onClose: () => void; onCreated: (secret: string) => void }) {
  return (
    <SignedEndpointModal
      {...props}
      title={t('logStream.addTitle')}
      submitLabel={t('logStream.add')}
      urlDescription={t('logStream.urlDescription')}
      urlPlaceholder={t('logStream.urlPlaceholder')}
      labelField={{ label: t('integrations.name'), required: true, maxLength: 100, placeholder: t('logStream.namePlaceholder'), first: true }}
      create={(url, name) => createLogStream(name, url)}
      queryKey={logStreamsKey}
    />
  );
}
