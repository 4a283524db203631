import { Alert, Anchor, Badge, Box, Card, Center, Container, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { IconArrowLeft } from '@tabler/icons-react';
import { Link } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { errorMessage } from '../../../shared/api';
import { call } from '../../../shared/client';
import { formatDateTime, exactTime } from '../../../shared/format';
import { t } from '../../../shared/i18n';

const LINK = /(https?:\/\/[^\s]+)/g;

function Body({ text }: { text: string }) {
  return (
    <Text size="sm" style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
      {text.split(LINK).map((part, i) =>
        /^https?:\/\//.test(part) ? (
          <Anchor key={i} href={part}>
            {part}
          </Anchor>
        ) : (
          part
        ),
      )}
    </Text>
  );
}

/** A mail catcher for the embedded default: everything Sofie would have emailed. */
export function MailboxPage() {
  // The newest page (50 messages): a mail catcher is read for what just arrived.
  const mail = useQuery({ queryKey: ['mailbox'], queryFn: () => call('get', '/api/mailbox'), refetchInterval: 3000 });
  return (
    <Container size="md" py="xl">
      <Box component="nav" aria-label={t('mailbox.back')} mb="md">
        <Anchor component={Link} to="/" size="sm">
          <Group gap={4} component="span">
            <IconArrowLeft size={14} aria-hidden />
            {t('mailbox.backToConsole')}
          </Group>
        </Anchor>
      </Box>
      <Stack component="main">
        <div>
          <Title order={1} size="h2">
            {t('mailbox.title')}
          </Title>
          <Text c="dimmed" size="sm">
            {t('mailbox.intro')}
          </Text>
        </div>
        {mail.isLoading && (
          <Center>
            <Loader />
          </Center>
        )}
        {mail.isError && <Alert color="red">{errorMessage(mail.error)}</Alert>}
        {mail.data?.items.length === 0 && <Text c="dimmed">{t('mailbox.none')}</Text>}
        {mail.data?.items.map((m) => (
          <Card key={m.id} withBorder data-testid="mail">
            <Group justify="space-between" mb={4}>
              <Text fw={600}>{m.subject}</Text>
              <Badge variant="light" title={exactTime(m.createdAt)}>
                {formatDateTime(m.createdAt)}
              </Badge>
            </Group>
            <Text size="xs" c="dimmed" mb="xs">
              {t('mailbox.to', { to: m.to })}
            </Text>
            <Body text={m.text} />
          </Card>
        ))}
      </Stack>
    </Container>
  );
}
