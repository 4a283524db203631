import { Button, Code, CopyButton, Group, Text } from '@mantine/core';
import { t } from '../../../shared/i18n';

/** The address to paste into the identity provider, with a Copy button. */
export function ScimBaseUrl({ url }: { url: string }) {
  return (
    <div>
      <Text size="sm" fw={500} mb={4}>
        {t('scim.baseUrl')}
      </Text>
      <Group gap="xs" wrap="nowrap">
        <Code aria-label={t('scim.baseUrl')} style={{ flex: 1 }}>
          {url}
        </Code>
        <CopyButton value={url}>
          {({ copied, copy }) => (
            <Button size="xs" variant="default" onClick={copy}>
              {copied ? t('integrations.copied') : t('integrations.copy')}
            </Button>
          )}
        </CopyButton>
      </Group>
      <Text size="xs" c="dimmed" mt={4}>
        {t('scim.baseUrlHint')}
      </Text>
    </div>
  );
}
