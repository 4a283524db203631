import { Alert, Anchor, Badge, Button, Card, Checkbox, Group, List, Loader, Radio, Select, Stack, Stepper, Table, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconAlertTriangle, IconCircleCheck } from '@tabler/icons-react';
import { keepPreviousData, useInfiniteQuery, useMutation, useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { Link, useParams } from 'react-router';
import type { DeleteUserBody, DeleteUserResult, OffboardingPlan, PlanProblem } from '../../../../contracts/offboarding';
import { CONTENT_TYPES, CONTENT_TYPE_LABELS, type ContentType } from '../../../../contracts/ownership';
import { errorMessage } from '../../../shared/api';
import { fetchOwnershipItems, fetchOwnershipReview, fetchUser, submitDeletion } from '../api';
import { ActiveUserPicker, type PickedUser } from '../../../shared/ui/ActiveUserPicker';
import { forbiddenPermission, LoadFailure } from '../../../shared/access/LoadFailure';

/** A decision in the wizard: transfer to a picked person, or keep for the organization. */
type Choice = { action: 'keep' } | { action: 'transfer'; to: PickedUser | null } | null;

function toDecision(choice: Choice) {
  if (!choice) return undefined;
  if (choice.action === 'keep') return { action: 'keep' as const };
  return choice.to ? { action: 'transfer' as const, toUserId: choice.to.id } : undefined;
}

const STEPS = ['Confirm', 'Ownership', 'Collaborators', 'Reason and policy', 'Type the email'] as const;

/** The Delete wizard: the same steps as POST /api/users/:id/delete, previewed with dry runs. */
export function DeleteUserPage() {
  const { id = '' } = useParams();
  const user = useQuery({ queryKey: ['user', id], queryFn: () => fetchUser(id) });
  const review = useQuery({ queryKey: ['ownership', id], queryFn: () => fetchOwnershipReview(id) });
  const [step, setStep] = useState(0);
  const [confirmed, setConfirmed] = useState(false);
  const [all, setAll] = useState<Choice>(null);
  const [byType, setByType] = useState<Partial<Record<ContentType, Choice>>>({});
  const [perItem, setPerItem] = useState<Record<string, Choice>>({});
  const [seatChoice, setSeatChoice] = useState<'replace' | 'remove' | null>(null);
  const [seatTarget, setSeatTarget] = useState<PickedUser | null>(null);
  const [reason, setReason] = useState('');
  const [acknowledged, setAcknowledged] = useState(false);
  const [typedEmail, setTypedEmail] = useState('');
  const [done, setDone] = useState<DeleteUserResult | null>(null);

  const plan: OffboardingPlan = useMemo(() => {
    const types: Record<string, unknown> = {};
    for (const [type, choice] of Object.entries(byType)) if (toDecision(choice ?? null)) types[type] = toDecision(choice ?? null);
    const items = Object.entries(perItem).flatMap(([itemId, c]) => (toDecision(c) ? [{ itemId, decision: toDecision(c)! }] : []));
    return {
      ownership: { ...(toDecision(all) ? { all: toDecision(all) } : {}), byType: types, items },
      collaborators: seatChoice === 'remove' ? { all: { action: 'remove' } } : seatChoice === 'replace' && seatTarget ? { all: { action: 'replace', toUserId: seatTarget.id } } : {},
    } as OffboardingPlan;
  }, [all, byType, perItem, seatChoice, seatTarget]);
  const body: DeleteUserBody = { plan, reason, policyAcknowledged: acknowledged, confirmEmail: typedEmail };
  const [debouncedBody] = useDebouncedValue(body, 300);
  const preview = useQuery({
    queryKey: ['delete-preview', id, debouncedBody],
    queryFn: () => submitDeletion(id, { ...debouncedBody, dryRun: true }),
    enabled: step >= 1 && !done && !!review.data,
    placeholderData: keepPreviousData,
    retry: false,
  });
  const apply = useMutation({ mutationFn: () => submitDeletion(id, { ...body, dryRun: false }), onSuccess: setDone });

  if (user.isLoading || review.isLoading) return <Loader />;
  if (forbiddenPermission(user.error ?? review.error)) return <LoadFailure error={user.error ?? review.error} title="This user cannot be deleted" />;
  if (user.error || review.error) {
    return (
      <Alert color="red" title="This user cannot be deleted" icon={<IconAlertTriangle />}>
        {errorMessage(user.error ?? review.error)} <Anchor component={Link} to="/admin/users">Back to Users</Anchor>
      </Alert>
    );
  }
  const u = user.data!;
  const r = review.data!;
  const problems = preview.data?.problems ?? [];
  const stepProblems = (s: PlanProblem['step']) => problems.filter((p) => p.step === s);
  const previewError = preview.error ? errorMessage(preview.error) : null;
  const blocked = (s: PlanProblem['step']) => preview.isFetching || !preview.data || stepProblems(s).length > 0 || !!previewError;

  if (done) {
    return (
      <Card withBorder maw={720}>
        <Stack>
          <Group gap="xs"><IconCircleCheck color="green" /><Title order={3}>{u.name} was deleted</Title></Group>
          <Text>The account is now the tombstone “{done.tombstone!.label}”: audit history stays readable. It can be restored until {done.tombstone!.restoreUntil.slice(0, 10)}; after that, personal data is purged.</Text>
          <PlanSummaryView result={done} />
          <Group><Button component={Link} to="/admin/users">Back to Users</Button></Group>
        </Stack>
      </Card>
    );
  }

  return (
    <Stack maw={1000}>
      <div>
        <Anchor component={Link} to={`/admin/users/${u.id}`} size="sm">← {u.name}</Anchor>
        <Title order={2}>Delete {u.name}</Title>
        <Text c="dimmed">{u.email}</Text>
      </div>
      <Stepper active={step} onStepClick={(s) => s < step && setStep(s)} size="sm">
        {STEPS.map((label) => <Stepper.Step key={label} label={label} />)}
      </Stepper>

      {step === 0 && (
        <Card withBorder>
          <Stack>
            <Title order={4}>Confirm the person should no longer access Sofie</Title>
            <List size="sm">
              <List.Item>Every session ends and sign-in is blocked at once; pending invitations are revoked.</List.Item>
              <List.Item>They own {r.ownedTotal} content item(s) and hold {r.collaboratorSeats} collaborator seat(s): you decide where each goes next.</List.Item>
              <List.Item>They leave {r.groupMemberships} group(s) and {r.directWorkspaceMemberships} direct Workspace membership(s).</List.Item>
              <List.Item>The account can be restored for {r.restoreDays} days; then personal data is purged.</List.Item>
            </List>
            <Checkbox label={`${u.name} should lose access to Sofie`} checked={confirmed} onChange={(e) => setConfirmed(e.currentTarget.checked)} />
            <Group justify="flex-end"><Button disabled={!confirmed} onClick={() => setStep(1)}>Review ownership</Button></Group>
          </Stack>
        </Card>
      )}

      {step === 1 && (
        <Card withBorder>
          <Stack>
            <Title order={4}>Ownership review</Title>
            <Text size="sm" c="dimmed">Transfer each item to a named active user or keep it for the team under the organization. The most specific decision wins: item, then type, then everything.</Text>
            <Group align="flex-end">
              <ChoiceEditor label="Everything" choice={all} onChange={setAll} exclude={[u.id]} />
            </Group>
            <Table aria-label="Owned content">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Type</Table.Th>
                  <Table.Th>Owned</Table.Th>
                  <Table.Th>Decision</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {r.owned.map((t) => (
                  <Table.Tr key={t.type} data-testid={`type-${t.type}`}>
                    <Table.Td>{CONTENT_TYPE_LABELS[t.type]}</Table.Td>
                    <Table.Td>{t.count}</Table.Td>
                    <Table.Td>{t.count > 0 && <ChoiceEditor label={`${CONTENT_TYPE_LABELS[t.type]} decision`} hideLabel choice={byType[t.type] ?? null} onChange={(c) => setByType((prev) => ({ ...prev, [t.type]: c }))} exclude={[u.id]} inherit="As for everything" />}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
            <ItemDecisions userId={u.id} perItem={perItem} setPerItem={setPerItem} />
            <PreviewProblems problems={stepProblems('ownership')} error={previewError} loading={preview.isFetching} />
            {preview.data && <PlanSummaryView result={preview.data} compact />}
            <Group justify="space-between">
              <Button variant="default" onClick={() => setStep(0)}>Back</Button>
              <Button disabled={blocked('ownership')} onClick={() => setStep(2)}>Next: collaborators</Button>
            </Group>
          </Stack>
        </Card>
      )}

      {step === 2 && (
        <Card withBorder>
          <Stack>
            <Title order={4}>Collaborator seats</Title>
            <Text size="sm">{u.name} collaborates on {r.collaboratorSeats} item(s) owned by others.</Text>
            {r.collaboratorSeats > 0 ? (
              <>
                <Radio.Group label="What happens to these seats?" value={seatChoice ?? ''} onChange={(v) => setSeatChoice(v as 'replace' | 'remove')}>
                  <Stack gap="xs" mt={6}>
                    <Radio value="replace" label="Replace with another active user (same role)" />
                    <Radio value="remove" label="Remove the seats" />
                  </Stack>
                </Radio.Group>
                {seatChoice === 'replace' && <ActiveUserPicker label="Replacement collaborator" value={seatTarget} onChange={setSeatTarget} exclude={[u.id]} w={420} />}
                <CollaboratingList userId={u.id} />
              </>
            ) : (
              <Text c="dimmed" size="sm">Nothing to decide.</Text>
            )}
            <PreviewProblems problems={stepProblems('collaborators').concat(stepProblems('ownership'))} error={previewError} loading={preview.isFetching} />
            <Group justify="space-between">
              <Button variant="default" onClick={() => setStep(1)}>Back</Button>
              <Button disabled={blocked('collaborators') || blocked('ownership')} onClick={() => setStep(3)}>Next: reason and policy</Button>
            </Group>
          </Stack>
        </Card>
      )}

      {step === 3 && (
        <Card withBorder>
          <Stack>
            <Title order={4}>Business reason and offboarding policy</Title>
            <Textarea label="Business reason" required value={reason} onChange={(e) => setReason(e.currentTarget.value)} autosize minRows={2} />
            <Alert color="gray" title="Your organization’s offboarding policy">{r.policy}</Alert>
            <Checkbox label="I acknowledge the organization’s offboarding policy" checked={acknowledged} onChange={(e) => setAcknowledged(e.currentTarget.checked)} />
            <Group justify="space-between">
              <Button variant="default" onClick={() => setStep(2)}>Back</Button>
              <Button disabled={!reason.trim() || !acknowledged} onClick={() => setStep(4)}>Next: confirm</Button>
            </Group>
          </Stack>
        </Card>
      )}

      {step === 4 && (
        <Card withBorder>
          <Stack>
            <Title order={4}>Preview and confirm</Title>
            <Text size="sm" c="dimmed">A dry run of the whole plan: nothing has changed yet.</Text>
            {preview.data && <PlanSummaryView result={preview.data} />}
            <TextInput label={`Type ${u.email} to confirm`} value={typedEmail} onChange={(e) => setTypedEmail(e.currentTarget.value)} autoComplete="off" />
            <PreviewProblems problems={problems.filter((p) => p.step !== 'confirm' || typedEmail)} error={previewError} loading={false} />
            {apply.error && <Alert color="red" title="Not deleted">{errorMessage(apply.error)}</Alert>}
            <Group justify="space-between">
              <Button variant="default" onClick={() => setStep(3)}>Back</Button>
              <Button color="red" disabled={typedEmail.trim().toLowerCase() !== u.email.toLowerCase() || !preview.data?.ready || preview.isFetching} loading={apply.isPending} onClick={() => apply.mutate()}>Delete user</Button>
            </Group>
          </Stack>
        </Card>
      )}
    </Stack>
  );
}

function ChoiceEditor({ label, hideLabel, choice, onChange, exclude, inherit }: { label: string; hideLabel?: boolean; choice: Choice; onChange: (c: Choice) => void; exclude: string[]; inherit?: string }) {
  const value = choice ? choice.action : '';
  return (
    <Group align="flex-end" gap="xs" wrap="nowrap">
      <Select
        label={hideLabel ? undefined : label}
        aria-label={label}
        placeholder={inherit ?? 'Choose…'}
        clearable
        w={240}
        data={[{ value: 'transfer', label: 'Transfer to…' }, { value: 'keep', label: 'Keep for the organization' }]}
        value={value || null}
        onChange={(v) => onChange(v === 'keep' ? { action: 'keep' } : v === 'transfer' ? { action: 'transfer', to: null } : null)}
      />
      {choice?.action === 'transfer' && <ActiveUserPicker label={`${label}: new owner`} value={choice.to} onChange={(to) => onChange({ action: 'transfer', to })} exclude={exclude} w={320} />}
    </Group>
  );
}

function ItemDecisions({ userId, perItem, setPerItem }: { userId: string; perItem: Record<string, Choice>; setPerItem: (f: (p: Record<string, Choice>) => Record<string, Choice>) => void }) {
  const [type, setType] = useState<ContentType | null>(null);
  const items = useInfiniteQuery({
    queryKey: ['ownership-items', userId, type],
    queryFn: ({ pageParam }) => fetchOwnershipItems(userId, { type: type ?? undefined, cursor: pageParam, limit: 50 }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled: type !== null,
  });
  return (
    <Stack gap="xs">
      <Select label="Decide per item" placeholder="Choose a type to list its items" clearable w={320} data={CONTENT_TYPES.map((t) => ({ value: t, label: CONTENT_TYPE_LABELS[t] }))} value={type} onChange={(v) => setType(v as ContentType | null)} />
      {type && (
        <Table aria-label="Items">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Item</Table.Th>
              <Table.Th>Decision</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.data?.pages.flatMap((p) => p.items).map((item) => (
              <Table.Tr key={item.id}>
                <Table.Td>
                  {item.title} {item.sequenceStatus && <Badge size="xs" variant="light" color={item.sequenceStatus === 'active' ? 'green' : 'gray'}>{item.sequenceStatus === 'active' ? 'Active' : 'Paused'}</Badge>}
                  {item.collaboratorCount > 0 && <Text span size="xs" c="dimmed"> · {item.collaboratorCount} collaborator(s)</Text>}
                </Table.Td>
                <Table.Td>
                  <ChoiceEditor label={`Decision for ${item.title}`} hideLabel choice={perItem[item.id] ?? null} onChange={(c) => setPerItem((p) => ({ ...p, [item.id]: c }))} exclude={[userId]} inherit="As for the type" />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {items.hasNextPage && <Button variant="subtle" onClick={() => items.fetchNextPage()} loading={items.isFetchingNextPage}>Load more</Button>}
    </Stack>
  );
}

function CollaboratingList({ userId }: { userId: string }) {
  const items = useQuery({ queryKey: ['collaborating', userId], queryFn: () => fetchOwnershipItems(userId, { relation: 'collaborating', limit: 20 }) });
  if (!items.data?.items.length) return null;
  return (
    <Table aria-label="Collaborator seats">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Item</Table.Th>
          <Table.Th>Type</Table.Th>
          <Table.Th>Owner</Table.Th>
          <Table.Th>Their role</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {items.data.items.map((i) => (
          <Table.Tr key={i.id}>
            <Table.Td>{i.title}</Table.Td>
            <Table.Td>{CONTENT_TYPE_LABELS[i.type]}</Table.Td>
            <Table.Td>{i.owner?.name ?? 'Organization'}</Table.Td>
            <Table.Td>{i.collaboratorRole}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function PreviewProblems({ problems, error, loading }: { problems: PlanProblem[]; error: string | null; loading: boolean }) {
  if (error) return <Alert color="red" title="This plan cannot be applied">{error}</Alert>;
  if (loading || problems.length === 0) return null;
  return (
    <Alert color="orange" title="Before you continue" icon={<IconAlertTriangle />}>
      <List size="sm">
        {problems.map((p) => (
          <List.Item key={p.code + p.step}>
            {p.message}
            {p.code === 'OWNERSHIP_DECISION_MISSING' && ` (${(p.details as { count: number }).count} item(s) undecided)`}
            {p.code === 'TRANSFER_TARGET_NOT_ACTIVE' && ` (${(p.details as { users: { name: string; status: string }[] }).users.map((x) => `${x.name}: ${x.status}`).join(', ')})`}
          </List.Item>
        ))}
      </List>
    </Alert>
  );
}

function PlanSummaryView({ result, compact }: { result: DeleteUserResult; compact?: boolean }) {
  const s = result.summary;
  const types = (list: { type: ContentType; count: number }[]) => list.map((t) => `${t.count} ${CONTENT_TYPE_LABELS[t.type]}`).join(', ');
  return (
    <Card withBorder bg="gray.0" data-testid="plan-summary">
      <Title order={5} mb={4}>Plan</Title>
      <List size="sm" spacing={2}>
        {s.transfers.map((t) => <List.Item key={t.to.id}>Transfer {t.count} item(s) to {t.to.name} ({types(t.byType)})</List.Item>)}
        {s.keptForOrganization.count > 0 && <List.Item>Keep {s.keptForOrganization.count} item(s) for the organization ({types(s.keptForOrganization.byType)})</List.Item>}
        {s.undecided.count > 0 && <List.Item>{s.undecided.count} item(s) without a decision</List.Item>}
        {!compact && (
          <>
            <List.Item>Collaborator seats: {s.seats.replaced} replaced, {s.seats.removed} removed</List.Item>
            {s.sequencesPausedForOrganization > 0 && <List.Item>{s.sequencesPausedForOrganization} active Sequence(s) paused (kept for the organization)</List.Item>}
            <List.Item>{s.sessionsToEnd} session(s) ended, {s.invitationsToRevoke} invitation(s) revoked</List.Item>
            <List.Item>Leaves {s.groupMembershipsRemoved} group(s) and {s.workspaceMembershipsRemoved} direct Workspace membership(s)</List.Item>
          </>
        )}
      </List>
    </Card>
  );
}
