import { AccessReviewsTab } from '../../access-reviews';
import { AlertsTab } from '../../alerts';
import { Stack, Tabs, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { Navigate, useNavigate, useParams } from 'react-router';
import { EventsTab } from '../components/EventsTab';
import { RecoveryTab } from '../components/RecoveryTab';
import { t, tOr } from '../../../shared/i18n';

interface SecurityTab {
  /** The URL segment: /admin/security/<value>. */
  value: string;
  render: () => ReactNode;
}

/**
 * Security Center's tabs in Sofie's order: Events, Alerts, Access Reviews, Recovery. Each tab is one
 * entry; "Alerts" and "Access Reviews" are added here when they are built (Access Reviews as
 * `AccessReviewsTab` from features/access-reviews, between Events/Alerts and Recovery).
 */
export const SECURITY_TABS: SecurityTab[] = [
  { value: 'events', render: () => <EventsTab /> },
  { value: 'alerts', render: () => <AlertsTab /> },
  { value: 'access-reviews', render: () => <AccessReviewsTab /> },
  { value: 'recovery', render: () => <RecoveryTab /> },
];

/** /admin/security/:tab — Security Center. */
export function SecurityCenterPage() {
  const { tab } = useParams();
  const navigate = useNavigate();
  const current = SECURITY_TABS.find((entry) => entry.value === tab);
  if (!current) return <Navigate to={`/admin/security/${SECURITY_TABS[0].value}`} replace />;
  return (
    <Stack maw={1300}>
      <div>
        <Title order={1} size="h2">
          {t('security.title')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('security.intro')}
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
          {SECURITY_TABS.map((tab) => (
            <Tabs.Tab key={tab.value} value={tab.value}>
              {tOr(`security.tab.${tab.value}`, tab.value)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        {SECURITY_TABS.map((tab) => (
          <Tabs.Panel key={tab.value} value={tab.value} pt="md">
            {tab.render()}
          </Tabs.Panel>
        ))}
      </Tabs>
    </Stack>
  );
}
