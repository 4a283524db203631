import { Button, Code, CopyButton, Group, Text } from '@mantine/core';

/** The address to paste into the identity provider, with a Copy button. */
export function ScimBaseUrl({ url }: { url: string }) {
  return (
    <div>
      <Text size="sm" fw={500} mb={4}>
        SCIM base URL
      </Text>
      <Group gap="xs" wrap="nowrap">
        <Code aria-label="SCIM base URL" style={{ flex: 1 }}>
          {url}
        </Code>
        <CopyButton value={url}>
          {({ copied, copy }) => (
            <Button size="xs" variant="default" onClick={copy}>
              {copied ? 'Copied' : 'Copy'}
            </Button>
          )}
        </CopyButton>
      </Group>
      <Text size="xs" c="dimmed" mt={4}>
        Paste it as the “SCIM connector base URL” (Okta) or “Tenant URL” (Entra), with a token below as the bearer token.
      </Text>
    </div>
  );
}
