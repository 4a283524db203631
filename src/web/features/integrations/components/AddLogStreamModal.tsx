import { createLogStream, logStreamsKey } from '../api';
import { SignedEndpointModal } from './SignedEndpointModal';

/** "Add destination": a name and the SIEM's HTTPS collector; the signing secret goes to `onCreated`. */
export function AddLogStreamModal(props: { opened: boolean; onClose: () => void; onCreated: (secret: string) => void }) {
  return (
    <SignedEndpointModal
      {...props}
      title="Add log stream destination"
      submitLabel="Add destination"
      urlDescription="The SIEM’s HTTPS collector; it receives POSTs of signed JSON batches."
      urlPlaceholder="https://siem.example.com/sofie"
      labelField={{ label: 'Name', required: true, maxLength: 100, placeholder: 'Splunk HEC', first: true }}
      create={(url, name) => createLogStream(name, url)}
      queryKey={logStreamsKey}
    />
  );
}
