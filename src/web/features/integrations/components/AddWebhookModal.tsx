import { createWebhookEndpoint, webhooksKey } from '../api';
import { SignedEndpointModal } from './SignedEndpointModal';

/** "Add webhook endpoint": URL and description; the new endpoint's signing secret goes to `onCreated`. */
export function AddWebhookModal(props: { opened: boolean; onClose: () => void; onCreated: (secret: string) => void }) {
  return (
    <SignedEndpointModal
      {...props}
      title="Add webhook endpoint"
      submitLabel="Add endpoint"
      urlDescription="HTTPS address, reachable on the public internet, that accepts POST requests."
      urlPlaceholder="https://hooks.example.com/sofie"
      labelField={{ label: 'Description', required: false, maxLength: 300, first: false }}
      create={(url, description) => createWebhookEndpoint(url, description)}
      queryKey={webhooksKey}
    />
  );
}
