import { List, Modal, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { errorMessage } from '../../../shared/api';
import { fetchSnapshot, reviewKeys } from '../api';
import { formatDate, formatDateTime } from '../../../shared/format';
import { permissionLabelText, t } from '../../../shared/i18n';

function Section({ title, empty, children }: { title: string; empty: boolean; children: ReactNode }) {
  return (
    <Stack gap={4}>
      <Title order={3} size="h4">
        {title}
      </Title>
      {empty ? (
        <Text size="sm" c="dimmed">
          {t('snapshot.none')}
        </Text>
      ) : (
        children
      )}
    </Stack>
  );
}

/** One stored snapshot, section by section, as generated. */
export function SnapshotReportModal({ id, onClose }: { id: string | null; onClose: () => void }) {
  const snapshot = useQuery({ queryKey: reviewKeys.snapshot(id ?? ''), queryFn: () => fetchSnapshot(id!), enabled: !!id });
  const r = snapshot.data?.report;
  return (
    <Modal opened={!!id} onClose={onClose} size="xl" title={r ? t('snapshot.title', { date: formatDateTime(r.generatedAt) }) : t('snapshot.loadingTitle')}>
      {snapshot.error && <Text c="red">{errorMessage(snapshot.error)}</Text>}
      {r && (
        <Stack gap="md">
          <Text size="sm">{t('snapshot.generatedBy', { name: r.generatedBy })}</Text>
          <Section title={t('snapshot.privileged')} empty={false}>
            <List size="sm" spacing={4}>
              {r.privilegedAccess.map((p) => (
                <List.Item key={p.permission}>
                  <Text span fw={600} size="sm">
                    {permissionLabelText(p.permission, p.label)}
                  </Text>
                  : {p.holders.length === 0 ? t('snapshot.nobody') : p.holders.map((h) => t('snapshot.via', { name: h.name, role: h.role })).join(', ')}
                </List.Item>
              ))}
            </List>
          </Section>
          <Section title={t('snapshot.overrides')} empty={false}>
            <Text size="sm">{r.overrides.supported ? r.overrides.note : t('snapshot.noOverrides')}</Text>
          </Section>
          <Section title={t('snapshot.invitations')} empty={r.invitations.length === 0}>
            <List size="sm">
              {r.invitations.map((i) => (
                <List.Item key={i.email}>{t(`snapshot.invitation.${i.status}`, { email: i.email, role: i.role, date: formatDate(i.expiresAt) })}</List.Item>
              ))}
            </List>
          </Section>
          <Section title={t('snapshot.passkeyGaps')} empty={r.passkeyGaps.length === 0}>
            <List size="sm">
              {r.passkeyGaps.map((g) => (
                <List.Item key={g.userId}>
                  {t('snapshot.passkeyGap', { name: g.name, email: g.email, role: g.role })}
                  {g.roleRequiresPasskey ? t('snapshot.roleRequiresPasskey') : ''}
                </List.Item>
              ))}
            </List>
          </Section>
          <Section title={t('snapshot.dormant', { count: r.dormantDays })} empty={r.dormant.length === 0}>
            <List size="sm">
              {r.dormant.map((d) => (
                <List.Item key={d.userId}>
                  {t('snapshot.dormantUser', {
                    name: d.name,
                    email: d.email,
                    role: d.role,
                    date: d.lastActiveAt ? formatDate(d.lastActiveAt) : t('snapshot.never'),
                  })}
                </List.Item>
              ))}
            </List>
          </Section>
          <Section title={t('snapshot.tokens')} empty={r.tokens.length === 0}>
            <List size="sm">
              {r.tokens.map((token) => (
                <List.Item key={`${token.kind}-${token.name}-${token.createdAt}`}>
                  {t(`snapshot.token.${token.kind}`, {
                    name: token.name,
                    state: t(token.revokedAt ? 'snapshot.token.revoked' : 'snapshot.token.active'),
                    date: token.lastUsedAt ? formatDate(token.lastUsedAt) : t('snapshot.never'),
                  })}
                </List.Item>
              ))}
            </List>
          </Section>
        </Stack>
      )}
    </Modal>
  );
}
