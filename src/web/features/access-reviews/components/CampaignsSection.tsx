import { Alert, Anchor, Button, Card, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { errorMessage } from '../../../shared/api';
import { LoadMore } from '../../../shared/ui/LoadMore';
import { SoftBadge } from '../../../shared/ui/SoftBadge';
import { usePages } from '../../../shared/usePages';
import { fetchCampaigns, reviewKeys } from '../api';
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
            Review campaigns
          </Title>
          <Text size="sm" c="dimmed">
            Reviewers keep or revoke each person’s access; closing a campaign applies the revocations.
          </Text>
        </div>
        {canManage && (
          <Button color="indigo.7" onClick={() => setStarting(true)}>
            Start campaign
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
            {campaigns.isLoading ? 'Loading campaigns…' : 'No campaign yet.'}
          </Text>
        ) : (
          <Table.ScrollContainer minWidth={760}>
            <Table aria-label="Review campaigns" verticalSpacing="xs">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Name</Table.Th>
                  <Table.Th>Scope</Table.Th>
                  <Table.Th>Reviewers</Table.Th>
                  <Table.Th>Due</Table.Th>
                  <Table.Th>Progress</Table.Th>
                  <Table.Th>Status</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {campaigns.data!.items.map((c) => (
                  <Table.Tr key={c.id}>
                    <Table.Td>
                      <Anchor component="button" size="sm" onClick={() => setOpen(c.id)}>
                        {c.name}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>{c.scope.label}</Table.Td>
                    <Table.Td>{c.reviewers.label}</Table.Td>
                    <Table.Td>{new Date(c.dueAt).toLocaleDateString()}</Table.Td>
                    <Table.Td>
                      {c.counts.decided} of {c.counts.items} decided ({c.counts.revoke} revoke)
                    </Table.Td>
                    <Table.Td>
                      <SoftBadge color={c.status === 'open' ? 'blue' : 'gray'}>{c.status === 'open' ? 'Open' : 'Closed'}</SoftBadge>
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
