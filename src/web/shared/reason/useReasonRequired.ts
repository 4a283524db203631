import { useMe } from '../useMe';

/**
 * Whether changes to users and groups must carry a business reason (organization setting). It comes
 * with the signed-in user: reading the settings themselves needs "View organization settings".
 */
export function useReasonRequired(): boolean {
  return useMe().data?.organization.businessReasonRequired ?? false;
}
