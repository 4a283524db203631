import type { Campaign } from '../../../../contracts/access-reviews';
import { t } from '../../../shared/i18n';

/** The name the server quoted in a label it wrote in English (`Role "Editors"`), or null. */
function quotedName(label: string): string | null {
  return /"(.*)"$/.exec(label)?.[1] ?? null;
}

/**
 * A campaign's scope in the reader's words: the server stores its English label ("Privileged users",
 * `Group "Sales"`); the console words it again from its type and the name it holds. A label of a shape
 * it does not know reads as the server wrote it.
 */
export function scopeText(scope: Campaign['scope']): string {
  if (scope.type === 'all' || scope.type === 'privileged') return t(`campaigns.scope.${scope.type}`);
  const name = quotedName(scope.label);
  if (name === null) return scope.label;
  if (scope.type === 'role' || scope.type === 'group' || scope.type === 'workspace') return t(`campaigns.scope.${scope.type}`, { name });
  return scope.label;
}

/** Who reviews a campaign, in the reader's words, from the mode and the name in the server's label. */
export function reviewersText(reviewers: Campaign['reviewers']): string {
  if (reviewers.mode === 'manager') return t('campaigns.reviewersOf.manager');
  const named = /^Named reviewer: (.*)$/.exec(reviewers.label)?.[1];
  if (reviewers.mode === 'user' && named !== undefined) return t('campaigns.reviewersOf.user', { name: named });
  const role = quotedName(reviewers.label);
  if (reviewers.mode === 'role_holders' && role !== null) return t('campaigns.reviewersOf.role_holders', { name: role });
  return reviewers.label;
}
