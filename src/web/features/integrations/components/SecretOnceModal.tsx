import { Alert, Button, Code, CopyButton, Group, Modal, Stack, Text } from '@mantine/core';
import { t } from '../../../shared/i18n';

/** A credential is shown once, at creation: the dialog says so and offers to copy it. */
export function SecretOnceModal({
  title,
  label,
  secret,
  hint,
  onClose,
}: {
  title: string;
  label: string;
  secret: string | null;
  hint: string;
  onClose: () => void;
}) {
  return (
    <Modal opened={secret !== null} onClose={onClose} title={title} size="lg">
      <Stack>
        <Alert color="yellow" title={t('token.copyNow')} role="status">
          {t('token.onlyTime')}
        </Alert>
        <div>
          <Text size="sm" fw={500} mb={4}>
            {label}
          </Text>
          <Code block aria-label={label} style={{ wordBreak: 'break-all' }}>
            {secret}
          </Code>
        </div>
        <Text size="sm" c="dimmed">
          {hint}
        </Text>
        <Group justify="flex-end">
          <CopyButton value={secret ?? ''}>
            {({ copied, copy }) => (
              <Button variant="default" onClick={copy}>
                {copied ? t('integrations.copied') : t('integrations.copy')}
              </Button>
            )}
          </CopyButton>
          <Button onClick={onClose}>{t('token.done')}</Button>
        </Group>
      </Stack>
    </Modal>
  );
}
