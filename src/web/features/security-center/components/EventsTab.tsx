import { useState } from 'react';
import type { AuditEvent } from '../../../../contracts/audit';
import { useEventsView } from '../hooks/useEventsView';
import { ChainCheck } from './ChainCheck';
import { EventDrawer } from './EventDrawer';
import { EventFilters } from './EventFilters';
import { EventsTable } from './EventsTable';
import { ExportMenu } from './ExportMenu';
import { t } from '../../../shared/i18n';

/** Security Center > Events: search the audit log (the view lives in the URL), open an event, export the view. */
export function EventsTab() {
  const [view, setView, reset] = useEventsView();
  const [open, setOpen] = useState<AuditEvent | null>(null);
  return (
    <>
      <ChainCheck />
      <EventFilters view={view} onChange={setView} onReset={reset} end={<ExportMenu view={view} />} />
      <EventsTable view={view} onOpen={setOpen} empty={t('security.events.none')} />
      <EventDrawer event={open} onClose={() => setOpen(null)} />
    </>
  );
}
