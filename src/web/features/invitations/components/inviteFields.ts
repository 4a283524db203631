/** Which field of the invite forms a server refusal belongs to, by its code. */
export type Field = 'email' | 'role' | 'group' | 'reason' | 'form';

import type { ErrorCode } from '../../../../contracts/errors.js';
import { t } from '../../../shared/i18n';

// Keyed by declared codes: a code the API does not send fails the type check.
const FIELD_OF_CODE: Partial<Record<ErrorCode, Field>> = {
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
  return (code && FIELD_OF_CODE[code as ErrorCode]) || 'form';
}

export const CHOOSE_ROLE = t('invite.error.chooseRole');
