import { Alert, Anchor, Button, Group, List, Modal, Paper, Select, Stack, Text, Textarea } from '@mantine/core';
import { IconCheck, IconUserOff, IconUserShield, IconUsersMinus, IconUsersPlus } from '@tabler/icons-react';
import { useState } from 'react';
import type { StartBulkJobBody } from '../../../../contracts/bulk-jobs';
import type { BulkUsersBody, BulkUsersResult, UserFilter } from '../../../../contracts/users';
import { errorMessage } from '../../../shared/api';
import { useCan } from '../../../shared/useMe';
import { useBulkAction } from '../hooks/useBulkAction';
import { useRoleChoices } from '../../roles';
import { useGroups, useRoles } from '../../../shared/lookups';
import { REASON_MISSING } from '../../../shared/reason/ReasonField';
import { formatNumber } from '../../../shared/format';
import { t, tRich } from '../../../shared/i18n';

type Action = StartBulkJobBody['action'];

const title = (action: Action) => t(`bulk.action.${action}`);

export interface Selection {
  /** Ids picked on the current page. */
  ids: string[];
  /** "All N matching": the action applies to the filter, not to the ids. */
  allMatching: boolean;
}

interface BarProps {
  selection: Selection;
  total: number;
  /** The total as shown: "1,000+" when only counted up to the cap. */
  totalText: string;
  pageCount: number;
  filter: UserFilter;
  onSelectAllMatching: () => void;
  onClear: () => void;
}

/** The bar above the table once rows are selected: Gmail-style "select all N matching" and the actions. */
export function BulkActionBar({ selection, total, totalText, pageCount, filter, onSelectAllMatching, onClear }: BarProps) {
  const can = useCan();
  // What the dialog was opened for, kept while it is open: the change may move users out of the view.
  const [open, setOpen] = useState<{ action: Action; count: number; target: Pick<BulkUsersBody, 'userIds' | 'filter'> } | null>(null);
  const count = selection.allMatching ? total : selection.ids.length;
  const setAction = (action: Action) => setOpen({ action, count, target: selection.allMatching ? { filter } : { userIds: selection.ids } });
  const modal = open && <BulkActionModal {...open} onClose={() => setOpen(null)} onDone={onClear} />;
  if (count === 0) return modal || null;
  const wholePage = !selection.allMatching && selection.ids.length === pageCount && total > pageCount;

  return (
    <Paper withBorder bg="var(--mantine-color-indigo-light)" px="md" py="xs" mb="sm" role="region" aria-label={t('bulk.region')}>
      <Group justify="space-between" wrap="wrap" gap="xs">
        <Text size="sm">
          {selection.allMatching
            ? tRich('bulk.allSelected', { total: <b>{totalText}</b> })
            : tRich(wholePage ? 'bulk.selectedOnPage' : 'bulk.selected', { count, n: <b>{formatNumber(count)}</b> })}{' '}
          {wholePage && (
            <Anchor component="button" size="sm" fw={600} onClick={onSelectAllMatching}>
              {t('bulk.selectAllMatching', { total: totalText })}
            </Anchor>
          )}{' '}
          <Anchor component="button" size="sm" c="dimmed" onClick={onClear}>
            {t('bulk.clearSelection')}
          </Anchor>
        </Text>
        <Group gap="xs">
          {can('users.assign_role') && (
            <Button size="xs" variant="white" leftSection={<IconUserShield size={14} />} onClick={() => setAction('assign_role')}>
              {title('assign_role')}
            </Button>
          )}
          {can('groups.manage') && (
            <>
              <Button size="xs" variant="white" leftSection={<IconUsersPlus size={14} />} onClick={() => setAction('add_to_group')}>
                {title('add_to_group')}
              </Button>
              <Button size="xs" variant="white" leftSection={<IconUsersMinus size={14} />} onClick={() => setAction('remove_from_group')}>
                {title('remove_from_group')}
              </Button>
            </>
          )}
          {can('users.deactivate') && (
            <Button size="xs" variant="white" leftSection={<IconUserOff size={14} />} onClick={() => setAction('deactivate')}>
              {title('deactivate')}
            </Button>
          )}
        </Group>
      </Group>
      {modal}
    </Paper>
  );
}

interface ModalProps {
  action: Action;
  count: number;
  target: Pick<BulkUsersBody, 'userIds' | 'filter'>;
  onClose: () => void;
  onDone: () => void;
}

function BulkActionModal({ action, count, target, onClose, onDone }: ModalProps) {
  const roles = useRoles();
  const groups = useGroups();
  const { reasonRequired, value, setValue, reason, setReason, touched, reasonMissing, mutation, submit } = useBulkAction(action, target, count);
  const isRole = action === 'assign_role';
  const roleChoices = useRoleChoices(roles.data?.items ?? []);
  const choices = isRole ? roleChoices.selectProps : { data: (groups.data?.items ?? []).map((g) => ({ value: g.id, label: g.name })) };
  const result = mutation.data?.result;
  const job = mutation.data?.job;
  const finish = () => {
    onDone();
    onClose();
  };

  return (
    <Modal opened onClose={result || job ? finish : onClose} title={t('bulk.dialogTitle', { action: title(action), count })} size="lg">
      {job ? (
        <JobStartedView total={job.total} onClose={finish} />
      ) : result ? (
        <BulkResultView result={result} onClose={finish} />
      ) : (
        <Stack>
          {action === 'deactivate' ? (
            <Text size="sm">{t('bulk.deactivateText')}</Text>
          ) : (
            <Select
              label={t(isRole ? 'bulk.role' : 'bulk.group')}
              placeholder={t(isRole ? 'bulk.chooseRole' : 'bulk.chooseGroup')}
              {...choices}
              value={value}
              onChange={setValue}
              searchable
              error={touched && !value ? t(isRole ? 'bulk.roleMissing' : 'bulk.groupMissing') : undefined}
              nothingFoundMessage={t(isRole ? 'bulk.noRoles' : 'bulk.noGroups')}
              comboboxProps={{ withinPortal: true }}
            />
          )}
          <Textarea
            label={t('reason.label')}
            description={t(reasonRequired ? 'bulk.reasonRequired' : 'bulk.reasonOptional')}
            withAsterisk={reasonRequired}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            error={touched && reasonMissing ? REASON_MISSING : undefined}
            autosize
            minRows={2}
            maxLength={1000}
          />
          {mutation.isError && (
            <Alert color="red" title={t('bulk.nothingChanged')}>
              {errorMessage(mutation.error)}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button onClick={submit} loading={mutation.isPending}>
              {title(action)}
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}

function JobStartedView({ total, onClose }: { total: number; onClose: () => void }) {
  return (
    <Stack>
      <Alert color="blue" icon={<IconCheck size={18} />} title={t('bulk.started.title')}>
        {t('bulk.started.text', { count: total })}
      </Alert>
      <Group justify="flex-end">
        <Button onClick={onClose}>{t('common.close')}</Button>
      </Group>
    </Stack>
  );
}

function BulkResultView({ result, onClose }: { result: BulkUsersResult; onClose: () => void }) {
  const unchanged = result.matched - result.changed - result.skipped.length;
  return (
    <Stack>
      <Alert color="green" icon={<IconCheck size={18} />} title={t('bulk.done')}>
        {result.skipped.length > 0
          ? t('bulk.result.changedSkipped', { changed: result.changed, count: result.matched, skipped: result.skipped.length })
          : t('bulk.result.changed', { changed: result.changed, count: result.matched })}
        {unchanged > 0 && ` ${t('bulk.result.alreadyMatched', { count: unchanged })}`}
      </Alert>
      {result.skipped.length > 0 && (
        <div>
          <Text fw={600} size="sm" mb={4}>
            {t('bulk.result.skipped')}
          </Text>
          <List size="sm" spacing={4} style={{ maxHeight: 240, overflow: 'auto' }}>
            {result.skipped.slice(0, 200).map((s) => (
              <List.Item key={s.userId}>{s.message}</List.Item>
            ))}
          </List>
          {result.skipped.length > 200 && (
            <Text size="xs" c="dimmed">
              {t('bulk.result.more', { count: result.skipped.length - 200 })}
            </Text>
          )}
        </div>
      )}
      <Group justify="flex-end">
        <Button onClick={onClose}>{t('common.close')}</Button>
      </Group>
    </Stack>
  );
}
