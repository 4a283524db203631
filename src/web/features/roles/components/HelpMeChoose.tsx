import { Alert, Badge, Button, Card, Group, Radio, Stack, Text } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import type { RecommendRoleBody } from '../../../../contracts/roles';
import { errorMessage } from '../../../shared/api';
import { recommendRole } from '../api';
import { t, type PlainMessageKey } from '../../../shared/i18n';

type Answers = Record<keyof RecommendRoleBody, 'yes' | 'no' | null>;

/** The day-one questions of "Choose the starting role", in the documentation's words. */
const QUESTIONS: { key: keyof RecommendRoleBody; label: PlainMessageKey; yes: PlainMessageKey; no: PlainMessageKey }[] = [
  { key: 'needsAdminPages', label: 'helpChoose.needsAdminPages', yes: 'helpChoose.adminPages', no: 'helpChoose.endUserOnly' },
  { key: 'createsSharedWorkspaces', label: 'helpChoose.createsSharedWorkspaces', yes: 'helpChoose.yes', no: 'helpChoose.no' },
  { key: 'configuresIntegrations', label: 'helpChoose.configuresIntegrations', yes: 'helpChoose.yes', no: 'helpChoose.no' },
  { key: 'managesAccess', label: 'helpChoose.managesAccess', yes: 'helpChoose.yes', no: 'helpChoose.no' },
];

/** The answers as the recommendation request; only called once every question is answered. */
function bodyOf(answers: Answers): RecommendRoleBody {
  return {
    needsAdminPages: answers.needsAdminPages === 'yes',
    createsSharedWorkspaces: answers.createsSharedWorkspaces === 'yes',
    configuresIntegrations: answers.configuresIntegrations === 'yes',
    managesAccess: answers.managesAccess === 'yes',
  };
}

/** "Help me choose": answers → the narrowest role that supports the work, with the reason and one click to use it. */
export function HelpMeChoose({ onChoose }: { onChoose: (roleId: string) => void }) {
  const [answers, setAnswers] = useState<Answers>({ needsAdminPages: null, createsSharedWorkspaces: null, configuresIntegrations: null, managesAccess: null });
  const complete = Object.values(answers).every((a) => a !== null);
  const recommend = useMutation({
    mutationFn: (body: RecommendRoleBody) => recommendRole(body),
  });
  const result = recommend.data;
  return (
    <Card withBorder data-testid="help-me-choose">
      <Stack gap="sm">
        <Text fw={600}>{t('helpChoose.title')}</Text>
        <Text size="sm" c="dimmed">
          {t('helpChoose.intro')}
        </Text>
        {QUESTIONS.map((q) => (
          <Radio.Group
            key={q.key}
            label={t(q.label)}
            value={answers[q.key]}
            onChange={(v) => {
              setAnswers((a) => ({ ...a, [q.key]: v }));
              recommend.reset();
            }}
          >
            <Group mt={4}>
              <Radio value="yes" label={t(q.yes)} />
              <Radio value="no" label={t(q.no)} />
            </Group>
          </Radio.Group>
        ))}
        <Group>
          <Button variant="light" disabled={!complete} loading={recommend.isPending} onClick={() => recommend.mutate(bodyOf(answers))}>
            {t('helpChoose.recommend')}
          </Button>
        </Group>
        {recommend.error && <Alert color="red">{errorMessage(recommend.error)}</Alert>}
        {result && !result.recommended && <Alert color="yellow">{t('helpChoose.noRole')}</Alert>}
        {result?.recommended && (
          <Alert
            color="indigo"
            title={
              <Group gap="xs">
                {t('helpChoose.recommended', { name: result.recommended.name })}
                {result.recommended.privileged && (
                  <Badge size="xs" color="orange" variant="light">
                    {t('roles.badge.privileged')}
                  </Badge>
                )}
              </Group>
            }
          >
            <Stack gap="xs">
              <Text size="sm">{result.recommended.reason}</Text>
              <Group>
                <Button size="xs" disabled={!result.recommended.assignable} onClick={() => onChoose(result.recommended!.roleId)}>
                  {t('helpChoose.use')}
                </Button>
              </Group>
              {result.alternatives.length > 0 && (
                <Text size="xs" c="dimmed">
                  {t('helpChoose.alternatives', { names: result.alternatives.map((a) => a.name).join(', ') })}
                </Text>
              )}
            </Stack>
          </Alert>
        )}
      </Stack>
    </Card>
  );
}
