import { Divider, Stack } from '@mantine/core';
import { useCan } from '../../../shared/useMe';
import { CampaignsSection } from './CampaignsSection';
import { MyReviewsSection } from './MyReviewsSection';
import { SnapshotsSection } from './SnapshotsSection';

/**
 * Security Center → Access Reviews: the person's own review items first, then campaigns and
 * snapshots. Viewing needs "View security events"; generating, starting, closing and exporting need
 * "Manage access reviews".
 */
export function AccessReviewsTab() {
  const can = useCan();
  const canManage = can('security.manage_reviews');
  return (
    <Stack gap="xl">
      <MyReviewsSection />
      <Divider />
      <CampaignsSection canManage={canManage} />
      <Divider />
      <SnapshotsSection canManage={canManage} />
    </Stack>
  );
}
