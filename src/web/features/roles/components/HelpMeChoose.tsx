import { Alert, Badge, Button, Card, Group, Radio, Stack, Text } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import type { RecommendRoleBody } from '../../../../contracts/roles';
import { errorMessage } from '../../../shared/api';
import { recommendRole } from '../api';

type Answers = Record<keyof RecommendRoleBody, 'yes' | 'no' | null>;

/** The day-one questions of "Choose the starting role", in the documentation's words. */
const QUESTIONS: { key: keyof RecommendRoleBody; label: string; yes: string; no: string }[] = [
  { key: 'needsAdminPages', label: 'Do they need admin pages or only end-user features?', yes: 'Admin pages', no: 'Only end-user features' },
  { key: 'createsSharedWorkspaces', label: 'Do they need to create shared Workspaces?', yes: 'Yes', no: 'No' },
  { key: 'configuresIntegrations', label: 'Do they need to configure integrations?', yes: 'Yes', no: 'No' },
  { key: 'managesAccess', label: 'Do they need to manage users, groups, roles, or security settings?', yes: 'Yes', no: 'No' },
];

/** "Help me choose": answers → the narrowest role that supports the work, with the reason and one click to use it. */
export function HelpMeChoose({ onChoose }: { onChoose: (roleId: string) => void }) {
  const [answers, setAnswers] = useState<Answers>({ needsAdminPages: null, createsSharedWorkspaces: null, configuresIntegrations: null, managesAccess: null });
  const complete = Object.values(answers).every((a) => a !== null);
  const recommend = useMutation({
    mutationFn: () =>
      recommendRole({
        needsAdminPages: answers.needsAdminPages === 'yes',
        createsSharedWorkspaces: answers.createsSharedWorkspaces === 'yes',
        configuresIntegrations: answers.configuresIntegrations === 'yes',
        managesAccess: answers.managesAccess === 'yes',
      }),
  });
  const result = recommend.data;
  return (
    <Card withBorder data-testid="help-me-choose">
      <Stack gap="sm">
        <Text fw={600}>Choose the starting role</Text>
        <Text size="sm" c="dimmed">
          Use the narrowest role that supports the work.
        </Text>
        {QUESTIONS.map((q) => (
          <Radio.Group
            key={q.key}
            label={q.label}
            value={answers[q.key]}
            onChange={(v) => {
              setAnswers((a) => ({ ...a, [q.key]: v }));
              recommend.reset();
            }}
          >
            <Group mt={4}>
              <Radio value="yes" label={q.yes} />
              <Radio value="no" label={q.no} />
            </Group>
          </Radio.Group>
        ))}
        <Group>
          <Button variant="light" disabled={!complete} loading={recommend.isPending} onClick={() => recommend.mutate()}>
            Recommend a role
          </Button>
        </Group>
        {recommend.error && <Alert color="red">{errorMessage(recommend.error)}</Alert>}
        {result && !result.recommended && <Alert color="yellow">No role covers these answers. Ask an administrator to create one.</Alert>}
        {result?.recommended && (
          <Alert
            color="indigo"
            title={
              <Group gap="xs">
                Recommended: {result.recommended.name}
                {result.recommended.privileged && (
                  <Badge size="xs" color="orange" variant="light">
                    Privileged
                  </Badge>
                )}
              </Group>
            }
          >
            <Stack gap="xs">
              <Text size="sm">{result.recommended.reason}</Text>
              <Group>
                <Button size="xs" disabled={!result.recommended.assignable} onClick={() => onChoose(result.recommended!.roleId)}>
                  Use this role
                </Button>
              </Group>
              {result.alternatives.length > 0 && (
                <Text size="xs" c="dimmed">
                  Broader alternatives: {result.alternatives.map((a) => a.name).join(', ')}
                </Text>
              )}
            </Stack>
          </Alert>
        )}
      </Stack>
    </Card>
  );
}
