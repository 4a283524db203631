import { Anchor, Grid, Group, Skeleton, Stack, VisuallyHidden } from '@mantine/core';
import { IconArrowLeft } from '@tabler/icons-react';
import { Link } from 'react-router';
import { DetailSection } from './DetailSection';
import { t } from '../../../../shared/i18n';

/** A skeleton line exactly as tall as one line of text at Mantine size `size` (or heading `h`). */
const line = (size: 'sm' | 'md' | 'lg' | 'h2') =>
  size === 'h2'
    ? 'calc(var(--mantine-h2-font-size) * var(--mantine-h2-line-height))'
    : `calc(var(--mantine-font-size-${size}) * var(--mantine-line-height-${size}))`;

/**
 * The user detail page while the user loads, in the loaded page's shape: the header (way back,
 * avatar, name line, email line), the action buttons, and the two columns whose first sections keep
 * their real titles and explanations, so nothing below moves when the user arrives.
 */
export function UserDetailSkeleton() {
  return (
    <Stack gap="lg" maw={1200} aria-busy="true">
      <VisuallyHidden>{t('user.loading')}</VisuallyHidden>
      <Stack gap="xs" data-testid="user-header">
        <Anchor component={Link} to="/admin/users" size="sm">
          <Group gap={4}>
            <IconArrowLeft size={14} /> {t('user.breadcrumb')}
          </Group>
        </Anchor>
        <Group gap="md" wrap="nowrap" align="center">
          <Skeleton circle height={56} />
          <div style={{ minWidth: 0, flex: 1 }}>
            <Skeleton h={line('h2')} w={260} maw="100%" />
            <Skeleton h={line('md')} w={420} maw="100%" mt={2} />
          </div>
        </Group>
      </Stack>
      <Group gap="xs">
        <Skeleton h={36} w={130} />
        <Skeleton h={36} w={130} />
      </Group>
      <Grid gap="lg" align="flex-start">
        <Grid.Col span={{ base: 12, lg: 7 }}>
          <Stack gap="lg">
            <DetailSection id="role" title={t('user.role.title')} description={t('user.role.description')} actions={<Skeleton h={36} w={120} />}>
              <Skeleton h={line('lg')} w={160} />
            </DetailSection>
            <DetailSection id="groups" title={t('user.groups.title')} description={t('user.groups.description')} actions={<Skeleton h={36} w={140} />}>
              <Skeleton h={line('sm')} w={200} />
            </DetailSection>
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <DetailSection id="checklist" title={t('user.checklist.title')} description={t('user.checklist.description')}>
            {Array.from({ length: 4 }, (_, i) => (
              <Skeleton key={i} h={line('sm')} />
            ))}
          </DetailSection>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
