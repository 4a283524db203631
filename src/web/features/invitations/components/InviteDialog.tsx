import { Modal, Tabs, Text } from '@mantine/core';
import { IconFileUpload, IconUser, IconUsers } from '@tabler/icons-react';
import { useState } from 'react';
import { CsvUpload } from './CsvUpload';
import { SeveralInvite } from './SeveralInvite';
import { SingleInvite } from './SingleInvite';
import { t } from '../../../shared/i18n';

export function InviteDialog({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const [mode, setMode] = useState<string | null>('one');
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={
        <Text fw={600} size="lg">
          {t('invite.title')}
        </Text>
      }
      size={mode === 'csv' ? 'xl' : 'lg'}
    >
      <Tabs value={mode} onChange={setMode} keepMounted={false}>
        <Tabs.List mb="md">
          <Tabs.Tab value="one" leftSection={<IconUser size={14} />}>
            {t('invite.tab.one')}
          </Tabs.Tab>
          <Tabs.Tab value="several" leftSection={<IconUsers size={14} />}>
            {t('invite.tab.several')}
          </Tabs.Tab>
          <Tabs.Tab value="csv" leftSection={<IconFileUpload size={14} />}>
            {t('invite.tab.csv')}
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="one">
          <SingleInvite onClose={onClose} />
        </Tabs.Panel>
        <Tabs.Panel value="several">
          <SeveralInvite onClose={onClose} />
        </Tabs.Panel>
        <Tabs.Panel value="csv">
          <CsvUpload onClose={onClose} />
        </Tabs.Panel>
      </Tabs>
    </Modal>
  );
}
