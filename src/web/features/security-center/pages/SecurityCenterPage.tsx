import { AccessReviewsTab } from '../../access-reviews';
import { AlertsTab } from '../../alerts';
import { Stack, Tabs, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { Navigate, useNavigate, useParams } from 'react-router';
import { EventsTab } from '../components/EventsTab';
import { RecoveryTab } from '../components/RecoveryTab';

interface SecurityTab {
  /** The URL segment: /admin/security/<value>. */
  value: string;
  label: string;
  render: () => ReactNode;
}

/**
 * Security Center's tabs in Sofie's order: Events, Alerts, Access Reviews, Recovery. Each tab is one
 * entry; "Alerts" and "Access Reviews" are added here when they are built (Access Reviews as
 * `AccessReviewsTab` from features/access-reviews, between Events/Alerts and Recovery).
 */
export const SECURITY_TABS: SecurityTab[] = [
  { value: 'events', label: 'Events', render: () => <EventsTab /> },
  { value: 'alerts', label: 'Alerts', render: () => <AlertsTab /> },
  { value: 'access-reviews', label: 'Access Reviews', render: () => <AccessReviewsTab /> },
  { value: 'recovery', label: 'Recovery', render: () => <RecoveryTab /> },
];

/** /admin/security/:tab — Security Center. */
export function SecurityCenterPage() {
  const { tab } = useParams();
  const navigate = useNavigate();
  const current = SECURITY_TABS.find((t) => t.value === tab);
  if (!current) return <Navigate to={`/admin/security/${SECURITY_TABS[0].value}`} replace />;
  return (
    <Stack maw={1300}>
      <div>
        <Title order={1} size="h2">
          Security Center
        </Title>
        <Text size="sm" c="dimmed">
          Search the audit log, act on alerts, review who has access, see what was recovered and restored, and export evidence.
        </Text>
      </div>
      <Tabs
        value={current.value}
        onChange={(value) => {
          if (value) void navigate(`/admin/security/${value}`);
        }}
        keepMounted={false}
      >
        <Tabs.List>
          {SECURITY_TABS.map((t) => (
            <Tabs.Tab key={t.value} value={t.value}>
              {t.label}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        {SECURITY_TABS.map((t) => (
          <Tabs.Panel key={t.value} value={t.value} pt="md">
            {t.render()}
          </Tabs.Panel>
        ))}
      </Tabs>
    </Stack>
  );
}
