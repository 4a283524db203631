import { Button, Card, Group, Loader, Modal, Text, Title } from '@mantine/core';
import { IconHelpCircle, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router';
import { useCan } from '../../../shared/useMe';
import { fetchRoles } from '../api';
import { HelpMeChoose } from '../components/HelpMeChoose';
import { RolesTable } from '../components/RolesTable';
import { forbiddenPermission, LoadFailure } from '../../../shared/access/LoadFailure';
import { t } from '../../../shared/i18n';

/** "Manage Roles": system and custom roles with their holders; system roles are read-only but can be duplicated. */
export function RolesPage() {
  const can = useCan();
  const manage = can('roles.manage');
  const navigate = useNavigate();
  const roles = useQuery({ queryKey: ['roles'], queryFn: fetchRoles });
  const [helpOpen, setHelpOpen] = useState(false);

  if (forbiddenPermission(roles.error)) return <LoadFailure error={roles.error} title={t('roles.loadFailed')} />;

  return (
    <>
      <Group justify="space-between" mb="md">
        <Title order={1} size="h2">
          {t('roles.title')}
        </Title>
        <Group gap="xs">
          {can('users.view') && (
            <Button variant="default" leftSection={<IconHelpCircle size={16} />} onClick={() => setHelpOpen(true)}>
              {t('roles.helpMeChoose')}
            </Button>
          )}
          {manage && (
            <Button component={Link} to="/admin/roles/new" leftSection={<IconPlus size={16} />}>
              {t('roles.new')}
            </Button>
          )}
        </Group>
      </Group>
      <Modal opened={helpOpen} onClose={() => setHelpOpen(false)} title={t('roles.helpTitle')} size="lg">
        <HelpMeChoose
          onChoose={(roleId) => {
            setHelpOpen(false);
            void navigate(`/admin/roles/${roleId}`);
          }}
        />
      </Modal>
      <Text c="dimmed" mb="md" size="sm">
        {t('roles.intro')}
      </Text>
      <Card withBorder>
        {roles.isLoading && <Loader />}
        {roles.error && <LoadFailure error={roles.error} title={t('roles.loadFailed')} onRetry={() => void roles.refetch()} />}
        {roles.data && <RolesTable roles={roles.data} manage={manage} />}
      </Card>
    </>
  );
}
