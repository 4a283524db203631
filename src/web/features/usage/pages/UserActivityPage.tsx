import { Anchor, Breadcrumbs, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { call } from '../../../shared/client';
import { RecentActivity } from '../components/RecentActivity';
import { UsageTrends } from '../components/UsageTrends';
import { t } from '../../../shared/i18n';

/** A user's activity and usage on their own page (/admin/users/:id/activity); the user detail page embeds the same cards. */
export function UserActivityPage() {
  const { id = '' } = useParams();
  const user = useQuery({ queryKey: ['user', id], queryFn: () => call('get', '/api/users/{id}', { path: { id } }) });
  return (
    <Stack>
      <Breadcrumbs>
        <Anchor component={Link} to="/admin/users">
          {t('activityPage.users')}
        </Anchor>
        <Anchor component={Link} to={`/admin/users/${id}`}>
          {user.data?.name ?? t('activityPage.user')}
        </Anchor>
        <Text>{t('activityPage.activity')}</Text>
      </Breadcrumbs>
      <div>
        <Title order={1} size="h2">
          {user.data ? t('activityPage.title', { name: user.data.name }) : t('activityPage.activity')}
        </Title>
        {user.data && <Text c="dimmed">{user.data.email}</Text>}
      </div>
      <UsageTrends userId={id} />
      <RecentActivity userId={id} />
    </Stack>
  );
}
