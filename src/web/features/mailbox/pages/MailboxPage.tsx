import { Alert, Anchor, Badge, Card, Center, Container, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { MailMessage } from '../../../../contracts/mailbox';
import { api, errorMessage } from '../../../shared/api';

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
  const mail = useQuery({ queryKey: ['mailbox'], queryFn: () => api<{ items: MailMessage[] }>('/api/mailbox'), refetchInterval: 3000 });
  return (
    <Container size="md" py="xl">
      <Stack>
        <div>
          <Title order={2}>Local mailbox</Title>
          <Text c="dimmed" size="sm">
            No SMTP server is configured, so Sofie keeps its mail here. Set SMTP_URL to send real mail.
          </Text>
        </div>
        {mail.isLoading && (
          <Center>
            <Loader />
          </Center>
        )}
        {mail.isError && <Alert color="red">{errorMessage(mail.error)}</Alert>}
        {mail.data?.items.length === 0 && <Text c="dimmed">No mail yet.</Text>}
        {mail.data?.items.map((m) => (
          <Card key={m.id} withBorder data-testid="mail">
            <Group justify="space-between" mb={4}>
              <Text fw={600}>{m.subject}</Text>
              <Badge variant="light">{new Date(m.createdAt).toLocaleString()}</Badge>
            </Group>
            <Text size="xs" c="dimmed" mb="xs">
              To: {m.to}
            </Text>
            <Body text={m.text} />
          </Card>
        ))}
      </Stack>
    </Container>
  );
}
