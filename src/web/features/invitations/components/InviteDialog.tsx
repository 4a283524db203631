import { Alert, Button, Group, Modal, Select, Stack, Tabs, Text, Textarea, TextInput } from '@mantine/core';
import { IconCircleCheck, IconFileUpload, IconInfoCircle, IconUser, IconUsers } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import type { InviteResult } from '../../../../contracts/invitations';
import { ApiError, errorMessage } from '../../../shared/api';
import { invite } from '../api';
import { isEmailAddress, parsePastedEmails } from '../csv';
import { CsvUpload } from './CsvUpload';
import { HelpMeChoosePanel, HelpMeChooseToggle } from './HelpMeChooseSlot';
import { InviteResultsList } from './InviteResultsList';
import { useInviteLookups } from './useInviteLookups';
import { REASON_MISSING } from '../../../shared/reason/ReasonField';

type Field = 'email' | 'role' | 'group' | 'reason' | 'form';

const FIELD_OF_CODE: Record<string, Field> = {
  INVALID_EMAIL: 'email',
  DOMAIN_NOT_ALLOWED: 'email',
  DUPLICATE_IN_REQUEST: 'email',
  ROLE_NOT_FOUND: 'role',
  ROLE_ESCALATION: 'role',
  ROLE_CHANGE_NOT_ALLOWED: 'role',
  GROUP_NOT_FOUND: 'group',
  REASON_REQUIRED: 'reason',
};

export function fieldOf(code: string | undefined): Field {
  return (code && FIELD_OF_CODE[code]) || 'form';
}

/** After any invitation the lists that show it are stale. */
export function useInvalidateAfterInvite() {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: ['users'] });
    void queryClient.invalidateQueries({ queryKey: ['invitations'] });
    void queryClient.invalidateQueries({ queryKey: ['groups'] });
  };
}

export function InviteDialog({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const [mode, setMode] = useState<string | null>('one');
  return (
    <Modal opened={opened} onClose={onClose} title={<Text fw={600} size="lg">Invite New User</Text>} size={mode === 'csv' ? 'xl' : 'lg'}>
      <Tabs value={mode} onChange={setMode} keepMounted={false}>
        <Tabs.List mb="md">
          <Tabs.Tab value="one" leftSection={<IconUser size={14} />}>One person</Tabs.Tab>
          <Tabs.Tab value="several" leftSection={<IconUsers size={14} />}>Several at once</Tabs.Tab>
          <Tabs.Tab value="csv" leftSection={<IconFileUpload size={14} />}>Upload CSV</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="one"><SingleInvite onClose={onClose} /></Tabs.Panel>
        <Tabs.Panel value="several"><SeveralInvite onClose={onClose} /></Tabs.Panel>
        <Tabs.Panel value="csv"><CsvUpload onClose={onClose} /></Tabs.Panel>
      </Tabs>
    </Modal>
  );
}

interface RoleGroupReasonProps {
  roleId: string | null;
  groupId: string | null;
  reason: string;
  onRole: (id: string | null) => void;
  onGroup: (id: string | null) => void;
  onReason: (value: string) => void;
  errors: Partial<Record<Field, string>>;
}

/** Role (with room for "Help me choose"), optional Group, and the business reason when the org asks for one. */
function RoleGroupReason({ roleId, groupId, reason, onRole, onGroup, onReason, errors }: RoleGroupReasonProps) {
  const lookups = useInviteLookups();
  const [helpOpen, setHelpOpen] = useState(false);
  return (
    <>
      <div style={{ position: 'relative' }}>
        <Select
          label="Role"
          description="Use the narrowest role that supports the work."
          placeholder="Choose a role"
          {...lookups.roleChoices.selectProps}
          value={roleId ?? lookups.defaultRoleId ?? null}
          onChange={onRole}
          allowDeselect={false}
          searchable
          error={errors.role}
        />
        <div style={{ position: 'absolute', top: -2, right: 0 }}>
          <HelpMeChooseToggle opened={helpOpen} onToggle={() => setHelpOpen((o) => !o)} />
        </div>
      </div>
      <HelpMeChoosePanel opened={helpOpen} onChoose={(id) => { onRole(id); setHelpOpen(false); }} />
      <Select
        label="Group"
        description="Optional: a team or access cohort."
        placeholder="No group"
        data={lookups.groupOptions}
        value={groupId}
        onChange={onGroup}
        clearable
        searchable
        nothingFoundMessage="No groups yet"
        error={errors.group}
      />
      {lookups.reasonRequired && (
        <Textarea
          label="Business reason"
          description="Your organization requires a reason for user changes; it is kept in the audit log."
          withAsterisk
          value={reason}
          onChange={(e) => onReason(e.currentTarget.value)}
          error={errors.reason}
          autosize
          minRows={2}
          maxLength={1000}
        />
      )}
    </>
  );
}

function useInviteForm() {
  const lookups = useInviteLookups();
  const [roleId, setRoleId] = useState<string | null>(null);
  const [groupId, setGroupId] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  return {
    lookups,
    roleId: roleId ?? lookups.defaultRoleId ?? null,
    groupId,
    reason,
    setRoleId,
    setGroupId,
    setReason,
    reset: () => { setGroupId(null); },
  };
}

function SingleInvite({ onClose }: { onClose: () => void }) {
  const form = useInviteForm();
  const invalidate = useInvalidateAfterInvite();
  const [email, setEmail] = useState('');
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [success, setSuccess] = useState<InviteResult | null>(null);
  const mutation = useMutation({
    mutationFn: () =>
      invite({ entries: [{ email: email.trim() }], roleId: form.roleId ?? undefined, groupId: form.groupId ?? undefined, reason: form.reason.trim() || undefined }),
    onSuccess: ({ results }) => {
      invalidate();
      const result = results[0];
      if (!result) return;
      if (result.outcome === 'rejected') setErrors({ [fieldOf(result.code)]: result.message });
      else {
        setSuccess(result);
        setEmail('');
      }
    },
    onError: (error) => setErrors({ [fieldOf(error instanceof ApiError ? error.code : undefined)]: errorMessage(error) }),
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    setSuccess(null);
    const next: Partial<Record<Field, string>> = {};
    if (!email.trim()) next.email = 'Enter the person’s work email address.';
    else if (!isEmailAddress(email)) next.email = 'This is not a valid email address.';
    if (!form.roleId) next.role = CHOOSE_ROLE;
    if (form.lookups.reasonRequired && !form.reason.trim()) next.reason = REASON_MISSING;
    setErrors(next);
    if (Object.keys(next).length === 0) mutation.mutate();
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        {success && (
          <Alert color={success.outcome === 'invited' ? 'green' : 'blue'} icon={<IconCircleCheck size={18} />} title={success.outcome === 'invited' ? 'Invitation sent' : success.outcome === 'renewed' ? 'Invitation renewed' : success.outcome === 'updated' ? 'Existing user updated' : 'Nothing to change'} role="status" withCloseButton onClose={() => setSuccess(null)}>
            {success.message}
          </Alert>
        )}
        <TextInput
          label="Email"
          placeholder="name@company.com"
          type="email"
          autoComplete="off"
          value={email}
          onChange={(e) => { setEmail(e.currentTarget.value); if (errors.email) setErrors((x) => ({ ...x, email: undefined })); }}
          error={errors.email}
          data-autofocus
        />
        <RoleGroupReason
          roleId={form.roleId}
          groupId={form.groupId}
          reason={form.reason}
          onRole={(id) => { form.setRoleId(id); setErrors((x) => ({ ...x, role: undefined })); }}
          onGroup={(id) => { form.setGroupId(id); setErrors((x) => ({ ...x, group: undefined })); }}
          onReason={form.setReason}
          errors={errors}
        />
        {errors.form && <Alert color="red" icon={<IconInfoCircle size={18} />}>{errors.form}</Alert>}
        <Text size="xs" c="dimmed">
          If this address already belongs to someone in your organization, their role and group are updated instead of sending a new invitation.
        </Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>{success ? 'Done' : 'Cancel'}</Button>
          <Button type="submit" loading={mutation.isPending}>Send invitation</Button>
        </Group>
      </Stack>
    </form>
  );
}

const CHOOSE_ROLE = 'Choose a role you can assign.';

/** "3 addresses found · 1 not an email: not-an-email", live under the pasted text. */
function PasteCount({ found, invalid }: { found: number; invalid: string[] }) {
  if (found === 0 && invalid.length === 0) return <Text size="xs" c="dimmed" mt={-8}>No addresses yet.</Text>;
  return (
    <Text size="xs" mt={-8} c="dimmed" data-testid="paste-count" aria-live="polite">
      {found} {found === 1 ? 'address' : 'addresses'} found
      {invalid.length > 0 && (
        <Text span inherit c="red.9" fw={600}>
          {' · '}{invalid.length} not an email: {invalid.join(', ')}
        </Text>
      )}
    </Text>
  );
}

function SeveralInvite({ onClose }: { onClose: () => void }) {
  const form = useInviteForm();
  const invalidate = useInvalidateAfterInvite();
  const [text, setText] = useState('');
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [idempotencyKey, setIdempotencyKey] = useState(() => crypto.randomUUID());
  const { emails, invalid } = parsePastedEmails(text);
  const mutation = useMutation({
    mutationFn: () =>
      invite(
        { entries: emails.map((email) => ({ email })), roleId: form.roleId ?? undefined, groupId: form.groupId ?? undefined, reason: form.reason.trim() || undefined },
        idempotencyKey,
      ),
    onSuccess: () => {
      invalidate();
      setIdempotencyKey(crypto.randomUUID());
    },
    onError: (error) => setErrors({ [fieldOf(error instanceof ApiError ? error.code : undefined)]: errorMessage(error) }),
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    const next: Partial<Record<Field, string>> = {};
    if (invalid.length > 0) next.email = `Fix or remove what is not an email address: ${invalid.join(', ')}. Nothing was sent.`;
    else if (emails.length === 0) next.email = 'Paste at least one email address.';
    else if (emails.length > 500) next.email = `That is ${emails.length} addresses; up to 500 at once here. Use "Upload CSV" for more.`;
    if (!form.roleId) next.role = CHOOSE_ROLE;
    if (form.lookups.reasonRequired && !form.reason.trim()) next.reason = REASON_MISSING;
    setErrors(next);
    if (Object.keys(next).length === 0) mutation.mutate();
  }

  if (mutation.data) {
    return (
      <Stack>
        <InviteResultsList results={mutation.data.results} />
        <Group justify="flex-end">
          <Button variant="default" onClick={() => { mutation.reset(); setText(''); }}>Invite more</Button>
          <Button onClick={onClose}>Done</Button>
        </Group>
      </Stack>
    );
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <Textarea
          label="Emails"
          description="Paste addresses separated by commas, spaces or new lines. Each gets the role and group below."
          placeholder={'ada@company.com, grace@company.com\nlinus@company.com'}
          autosize
          minRows={4}
          maxRows={10}
          value={text}
          onChange={(e) => { setText(e.currentTarget.value); if (errors.email) setErrors((x) => ({ ...x, email: undefined })); }}
          error={errors.email}
          data-autofocus
        />
        <PasteCount found={emails.length} invalid={invalid} />
        <RoleGroupReason
          roleId={form.roleId}
          groupId={form.groupId}
          reason={form.reason}
          onRole={(id) => { form.setRoleId(id); setErrors((x) => ({ ...x, role: undefined })); }}
          onGroup={form.setGroupId}
          onReason={form.setReason}
          errors={errors}
        />
        {errors.form && <Alert color="red" icon={<IconInfoCircle size={18} />}>{errors.form}</Alert>}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>Cancel</Button>
          <Button type="submit" loading={mutation.isPending} disabled={emails.length === 0 && invalid.length === 0}>
            {emails.length > 1 ? `Send ${emails.length} invitations` : 'Send invitation'}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
