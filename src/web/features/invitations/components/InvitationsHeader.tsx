import { Anchor, Button, Group, Text, Title } from '@mantine/core';
import { IconArrowLeft, IconUserPlus } from '@tabler/icons-react';
import { Link } from 'react-router';
import type { Me } from '../../../../contracts/auth';
import { t } from '../../../shared/i18n';

interface Props {
  organization: Me['organization'] | undefined;
  mayInvite: boolean;
  onInvite: () => void;
}

/** The page title with the way back to Users, how invitation links expire, and "Invite New User". */
export function InvitationsHeader({ organization, mayInvite, onInvite }: Props) {
  return (
    <Group justify="space-between" align="flex-start">
      <div>
        <Anchor component={Link} to="/admin/users" size="sm" c="dimmed">
          <Group gap={4}>
            <IconArrowLeft size={14} /> {t('invitations.backToUsers')}
          </Group>
        </Anchor>
        <Title order={1} size="h2">
          {t('invitations.title')}
        </Title>
        <Text c="dimmed" size="sm">
          {t('invitations.expiryIntro', {
            days: organization ? t('invitations.expiryDays', { count: organization.invitationExpiryDays }) : t('invitations.expiryUnknown'),
          })}
        </Text>
      </div>
      {mayInvite && (
        <Button leftSection={<IconUserPlus size={16} />} onClick={onInvite}>
          {t('invite.title')}
        </Button>
      )}
    </Group>
  );
}
