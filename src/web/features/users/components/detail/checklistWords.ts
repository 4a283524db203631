import type { ChecklistItem } from '../../../../../contracts/users';
import { t, tOr, tWith } from '../../../../shared/i18n';

/**
 * A checklist item in the reader's language, from its key, message code and values
 * (users.checklist.ts); the server's English only for a key or code the catalogue does not know.
 */
export function checklistLabel(item: ChecklistItem): string {
  return tOr(`user.checklist.item.${item.key}`, item.label);
}

export function checklistFixLabel(fix: NonNullable<ChecklistItem['fix']>): string {
  return tOr(`user.checklist.fix.${fix.code}`, fix.label);
}

const REASONS: Record<string, string> = {
  role: t('user.passkeys.reason.role'),
  organization_all: t('user.passkeys.reason.organization_all'),
  organization_privileged: t('user.passkeys.reason.organization_privileged'),
};

/** "direct, via Engineering" from "direct,group:Engineering". */
function pathsInWords(via: string): string {
  return via
    .split(',')
    .map((path) =>
      path === 'direct'
        ? t('user.checklist.via.direct')
        : path === 'organization'
          ? t('user.checklist.via.organization')
          : path.slice(6)
            ? t('user.checklist.via.group', { group: path.slice(6) })
            : t('user.checklist.via.aGroup'),
    )
    .join(', ');
}

/** The values a sentence needs that the server sent as parts: Workspace lists, passkey kinds and the policy's reasons. */
function derivedValues(values: Record<string, string | number>): Record<string, string | number> {
  const out = { ...values };
  const list: string[] = [];
  for (let i = 1; values[`workspace${i}`] !== undefined; i++)
    list.push(t('user.checklist.workspace', { workspace: String(values[`workspace${i}`]), paths: pathsInWords(String(values[`via${i}`] ?? '')) }));
  if (list.length > 0) out.list = list.join(t('common.separator.clauses')) + (values.more ? `${t('common.separator.clauses')}…` : '');
  if (values.requiredBy !== undefined) {
    const reasons = String(values.requiredBy).split(',').filter(Boolean);
    out.explanation = reasons.length
      ? t('user.passkeys.required', { reasons: reasons.map((r) => REASONS[r] ?? r).join(t('common.separator.clauses')) })
      : t('user.checklist.passkeysNotRequired');
  }
  if (values.synced !== undefined) {
    const synced = Number(values.synced);
    const deviceBound = Number(values.deviceBound ?? 0);
    out.kinds = [
      synced ? t('user.checklist.kinds.synced', { count: synced }) : '',
      deviceBound ? t('user.checklist.kinds.deviceBound', { count: deviceBound }) : '',
    ]
      .filter(Boolean)
      .join(', ');
  }
  return out;
}

export function checklistDetail(item: ChecklistItem): string {
  return tWith(`user.checklist.detail.${item.message.code}`, derivedValues(item.message.values), item.detail);
}
