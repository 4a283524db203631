import { Alert, Anchor, Button, Card, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { errorMessage } from '../../../shared/api';
import { LoadMore } from '../../../shared/ui/LoadMore';
import { SoftBadge } from '../../../shared/ui/SoftBadge';
import { usePages } from '../../../shared/usePages';
import { fetchCampaigns, reviewKeys } from '../api';
import { formatDate } from '../../../shared/format';
import { t } from '../../../shared/i18n';
import { reviewersText, scopeText } from './campaignWords';
import { CampaignDetailModal } from './CampaignDetailModal';
import { StartCampaignModal } from './StartCampaignModal';

/** Review campaigns with their progress; starting one; opening one to close it or export its evidence. */
export function CampaignsSection({ canManage }: { canManage: boolean }) {
  const campaigns = usePages(reviewKeys.campaigns, fetchCampaigns);
  const [starting, setStarting] = useState(false);
  const [open, setOpen] = useState<string | null>(null);
  return (
    <Stack gap="sm">
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={2} size="h3">
            {t('campaigns.title')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('campaigns.intro')}
          </Text>
        </div>
        {canManage && (
          <Button color="indigo.7" onClick={() => setStarting(true)}>
            {t('campaigns.start')}
          </Button>
        )}
      </Group>
      <Card withBorder padding={0}>
        {campaigns.error ? (
          <Alert color="red" m="md">
            {errorMessage(campaigns.error)}
          </Alert>
        ) : (campaigns.data?.items.length ?? 0) === 0 ? (
          <Text c="dimmed" p="md" size="sm">
            {t(campaigns.isLoading ? 'campaigns.loading' : 'campaigns.none')}
          </Text>
        ) : (
          <Table.ScrollContainer minWidth={760}>
            <Table aria-label={t('campaigns.title')} verticalSpacing="xs">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('campaigns.col.name')}</Table.Th>
                  <Table.Th>{t('campaigns.col.scope')}</Table.Th>
                  <Table.Th>{t('campaigns.col.reviewers')}</Table.Th>
                  <Table.Th>{t('campaigns.col.due')}</Table.Th>
                  <Table.Th>{t('campaigns.col.progress')}</Table.Th>
                  <Table.Th>{t('campaigns.col.status')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {campaigns.data!.items.map((c) => (
                  <Table.Tr key={c.id}>
                    <Table.Td>
                      <Anchor component="button" size="sm" onClick={() => setOpen(c.id)} translate="no">
                        {c.name}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>{scopeText(c.scope)}</Table.Td>
                    <Table.Td>{reviewersText(c.reviewers)}</Table.Td>
                    <Table.Td>{formatDate(c.dueAt)}</Table.Td>
                    <Table.Td>{t('campaigns.progress', { decided: c.counts.decided, count: c.counts.items, revoke: c.counts.revoke })}</Table.Td>
                    <Table.Td>
                      <SoftBadge color={c.status === 'open' ? 'blue' : 'gray'}>{t(c.status === 'open' ? 'campaigns.open' : 'campaigns.closed')}</SoftBadge>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
            <LoadMore {...campaigns.more} />
          </Table.ScrollContainer>
        )}
      </Card>
      <StartCampaignModal
        opened={starting}
        onClose={() => setStarting(false)}
        onStarted={(c) => {
          setStarting(false);
          setOpen(c.id);
        }}
      />
      <CampaignDetailModal id={open} canManage={canManage} onClose={() => setOpen(null)} />
    </Stack>
  );
}
