import { Alert, Button, Grid, Stack } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { ApiError, errorMessage } from '../../../shared/api';
import { UserPasskeysSection } from '../components/detail/UserPasskeysSection';
import { ChecklistSection } from '../components/detail/ChecklistSection';
import { DeletedSection } from '../components/detail/DeletedSection';
import { GroupsSection } from '../components/detail/GroupsSection';
import { HistorySection, RecentActivitySection } from '../components/detail/HistorySection';
import { InvitationSection } from '../components/detail/InvitationSection';
import { RoleSection } from '../components/detail/RoleSection';
import { SessionsSection } from '../components/detail/SessionsSection';
import type { SectionProps } from '../components/detail/types';
import { UserHeader } from '../components/detail/UserHeader';
import { UserDetailSkeleton } from '../components/detail/UserDetailSkeleton';
import { fetchUserDetail, userKeys } from '../detail-api';
import { RecentActivity, UsageTrends } from '../../usage';
import { useMe } from '../../../shared/useMe';
import { OffboardingActions } from '../../offboarding';
import { UserWorkspacesCard } from '../../workspaces';
import { forbiddenPermission, LoadFailure } from '../../../shared/access/LoadFailure';
import { t } from '../../../shared/i18n';

/**
 * /admin/users/:id — one user: a header and a column of independent sections. Each section is one
 * component taking SectionProps; adding a section is one line in MAIN or SIDE below.
 */
export function UserDetailPage() {
  const { id = '' } = useParams();
  const user = useQuery({ queryKey: userKeys.detail(id), queryFn: () => fetchUserDetail(id) });
  const canViewActivity = useMe().data?.permissions.includes('users.view_activity') ?? false;
  // A checklist fix link asks a section (by anchor id) to open its editor.
  const [requests, setRequests] = useState<Record<string, number>>({});
  const onFix = (sectionId: string) => setRequests((r) => ({ ...r, [sectionId]: (r[sectionId] ?? 0) + 1 }));

  if (user.isLoading) return <UserDetailSkeleton />;
  if (forbiddenPermission(user.error)) return <LoadFailure error={user.error} title={t('user.loadFailed')} />;
  if (!user.data) {
    const back = (
      <Button component={Link} to="/admin/users" variant="light" size="xs" mt="sm" display="block" w="fit-content">
        {t('user.backToUsers')}
      </Button>
    );
    if (user.error instanceof ApiError && user.error.status === 404)
      return (
        <Alert color="gray" title={t('user.notFound')}>
          {errorMessage(user.error)}
          {back}
        </Alert>
      );
    // Anything else may pass: Retry, and the request id to quote if it does not.
    return (
      <LoadFailure error={user.error} title={t('user.loadFailed')} onRetry={() => void user.refetch()}>
        {back}
      </LoadFailure>
    );
  }

  const props: SectionProps = { user: user.data, reload: () => user.refetch() };
  const req = (sectionId: string) => ({ ...props, openRequest: requests[sectionId] });

  if (user.data.status === 'deleted') {
    return (
      <Stack gap="lg" maw={900}>
        <UserHeader user={user.data} />
        <OffboardingActions user={user.data} />
        <DeletedSection user={user.data} />
        <HistorySection {...props} />
      </Stack>
    );
  }

  return (
    <Stack gap="lg" maw={1200}>
      <UserHeader user={user.data} />
      <OffboardingActions user={user.data} />
      <Grid gap="lg" align="flex-start">
        <Grid.Col span={{ base: 12, lg: 7 }}>
          <Stack gap="lg">
            {/* MAIN column: access and sign-in. */}
            <RoleSection {...req('role')} />
            <GroupsSection {...req('groups')} />
            <UserWorkspacesCard userId={user.data.id} />
            <InvitationSection {...req('invitation')} />
            <SessionsSection {...req('sessions')} />
            <UserPasskeysSection {...props} />
            <HistorySection {...props} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <Stack gap="lg">
            {/* SIDE column: review. */}
            <ChecklistSection {...props} onFix={onFix} />
            {/* Usage and activity need "View activity and usage"; without it, the audit-based feed. */}
            {canViewActivity ? (
              <>
                <UsageTrends userId={user.data.id} />
                <RecentActivity userId={user.data.id} />
              </>
            ) : (
              <RecentActivitySection {...props} />
            )}
          </Stack>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
