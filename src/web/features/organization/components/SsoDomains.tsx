import { Button, Code, Group, Stack, Table, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import type { SsoOverviewData } from '../api';
import type { SsoHook } from '../hooks/useSso';
import { ActionsHeader } from '../../../shared/ui/ActionsHeader';
import { SoftBadge } from '../../../shared/ui/SoftBadge';
import { t } from '../../../shared/i18n';

/** Verified domains: claim, publish the TXT record, verify. Sign-in on a verified domain goes to SSO. */
export function SsoDomains({ data, sso, editable }: { data: SsoOverviewData; sso: SsoHook; editable: boolean }) {
  const [domain, setDomain] = useState('');
  return (
    <Stack gap="xs">
      <Text fw={600}>{t('sso.domains')}</Text>
      {data.domains.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('sso.noDomain')}
        </Text>
      ) : (
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('sso.domain')}</Table.Th>
              <Table.Th>{t('sso.txtRecord')}</Table.Th>
              <Table.Th>{t('sso.status')}</Table.Th>
              <ActionsHeader />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data.domains.map((d) => (
              <Table.Tr key={d.id}>
                <Table.Td>{d.domain}</Table.Td>
                <Table.Td>
                  <Code style={{ wordBreak: 'break-all' }}>{d.txtRecord}</Code>
                </Table.Td>
                <Table.Td style={{ minWidth: 104 }}>
                  {d.verifiedAt ? <SoftBadge color="green">{t('sso.verified')}</SoftBadge> : <SoftBadge color="gray">{t('sso.pending')}</SoftBadge>}
                </Table.Td>
                <Table.Td>
                  {editable && (
                    <Group gap={4} justify="flex-end">
                      {!d.verifiedAt && (
                        <Button size="xs" variant="light" loading={sso.verifyDomain.isPending} onClick={() => sso.verifyDomain.mutate(d.id)}>
                          {t('sso.verify')}
                        </Button>
                      )}
                      <Button size="xs" variant="subtle" color="red" onClick={() => sso.removeDomain.mutate(d.id)}>
                        {t('sso.remove')}
                      </Button>
                    </Group>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {editable && (
        <Group align="flex-end">
          <TextInput label={t('sso.claimDomain')} placeholder={t('sso.claimPlaceholder')} value={domain} onChange={(e) => setDomain(e.currentTarget.value)} />
          <Button
            variant="default"
            disabled={!domain.trim()}
            onClick={() => sso.addDomain.mutate({ domain: domain.trim(), connectionId: null }, { onSuccess: () => setDomain('') })}
          >
            {t('sso.claim')}
          </Button>
        </Group>
      )}
    </Stack>
  );
}
