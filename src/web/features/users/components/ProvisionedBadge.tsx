import { Badge, Tooltip } from '@mantine/core';
import { t } from '../../../shared/i18n';

// Table columns size to their narrowest content; a badge that may clip its label gave "Sales Ameri…".
const FULL_LABEL = { label: { overflow: 'visible' } } as const;

/** The identity provider behind a SCIM token label (`SCIM token “Okta”`): Okta, Entra, or the label itself. */
export function providerName(by: string): string {
  if (/okta/i.test(by)) return 'Okta';
  if (/entra|azure/i.test(by)) return 'Entra';
  return /“(.+)”/.exec(by)?.[1] ?? by;
}

/** "Provisioned by Okta": the identity provider (named by its token's label) manages this person. */
export function ProvisionedBadge({ by }: { by: string }) {
  return (
    <Tooltip label={t('users.provisionedHint', { by })}>
      <Badge variant="light" color="violet" size="sm" tt="none" styles={FULL_LABEL} data-testid="provisioned-badge">
        {t('users.provisionedBy', { provider: providerName(by) })}
      </Badge>
    </Tooltip>
  );
}
