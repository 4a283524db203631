import type { PasskeyMfa } from '../../../../../contracts/passkeys';
import { t, tOr } from '../../../../shared/i18n';

/**
 * Why the reader needs a passkey (or not), from the policy the server sent: the same sentence as the
 * server's `explanation`, in the reader's language.
 */
export function passkeyMfaExplanation(mfa: Pick<PasskeyMfa, 'required' | 'requiredBy' | 'afterMagicLink'>): string {
  if (mfa.required) return t('mfa.explanation.required', { reasons: mfa.requiredBy.map((r) => tOr(`mfa.reason.${r}`, r)).join(t('common.separator.clauses')) });
  return t(mfa.afterMagicLink ? 'mfa.explanation.afterMagicLink' : 'mfa.explanation.optional');
}
