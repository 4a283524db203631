import { createWebhookEndpoint, webhooksKey } from '../api';
import { SignedEndpointModal } from './SignedEndpointModal';
import { t } from '../../../shared/i18n';

/** "Add webhook endpoint": URL and description; the new endpoint's signing secret goes to `onCreated`. */
export function AddWebhookModal(props: { opened: boolean; onClose: () => void; onCreated: (secret: string) => void }) {
  return (
    <SignedEndpointModal
      {...props}
      title={t('webhook.addTitle')}
      submitLabel={t('webhook.add')}
      urlDescription={t('webhook.urlDescription')}
      urlPlaceholder={t('webhook.urlPlaceholder')}
      labelField={{ label: t('integrations.description'), required: false, maxLength: 300, first: false }}
      create={(url, description) => createWebhookEndpoint(url, description)}
      queryKey={webhooksKey}
    />
  );
}
