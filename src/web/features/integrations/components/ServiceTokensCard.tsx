import { Alert, Button, Card, Loader, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { errorMessage } from '../../../shared/api';
import { LoadMore } from '../../../shared/ui/LoadMore';
import { usePagedList } from '../../../shared/usePagedList';
import { createServiceToken, fetchServiceTokens, serviceTokensKey } from '../api';
import { NewTokenModal, type TokenKind } from './NewTokenModal';
import { SecretOnceModal } from './SecretOnceModal';
import { ServiceTokensTable } from './ServiceTokensTable';
import { CardHeader } from '../../../shared/ui/CardHeader';
import { t } from '../../../shared/i18n';

/** Tokens Sofie's other services call with; created here, shown once, revoked here. */
const serviceToken = (): TokenKind => ({
  title: t('serviceToken.new'),
  field: { label: t('integrations.name'), description: t('serviceToken.nameDescription') },
  create: createServiceToken,
  listKey: serviceTokensKey,
});

export function ServiceTokensCard() {
  const tokens = usePagedList(serviceTokensKey, fetchServiceTokens);
  const [opened, { open, close }] = useDisclosure(false);
  const [secret, setSecret] = useState<string | null>(null);

  return (
    <Card withBorder padding="lg" component="section" aria-label={t('serviceToken.title')}>
      <CardHeader
        title={t('serviceToken.title')}
        description={t('serviceToken.intro')}
        actions={
          <Button leftSection={<IconPlus size={16} />} onClick={open}>
            {t('serviceToken.new')}
          </Button>
        }
      />
      {tokens.isLoading ? (
        <Loader mt="md" aria-label={t('integrations.loading')} />
      ) : tokens.error ? (
        <Alert color="red" mt="md">
          {errorMessage(tokens.error)}
        </Alert>
      ) : !tokens.items.length ? (
        <Text size="sm" c="dimmed" mt="md">
          {t('serviceToken.none')}
        </Text>
      ) : (
        <ServiceTokensTable items={tokens.items} />
      )}
      <LoadMore {...tokens.more} />
      <NewTokenModal kind={serviceToken()} opened={opened} onClose={close} onCreated={setSecret} />
      <SecretOnceModal
        title={t('serviceToken.created')}
        label={t('serviceToken.label')}
        secret={secret}
        hint={t('serviceToken.hint')}
        onClose={() => setSecret(null)}
      />
    </Card>
  );
}
