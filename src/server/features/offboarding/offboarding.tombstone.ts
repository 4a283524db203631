// The tombstone a deleted user leaves: a label without personal data, and what a restore brings back.
/** Days a deleted user can be restored before personal data is purged. */
export const RESTORE_DAYS = 30;
export const DAY = 86_400_000;

/** "Deleted user 7f3a…": readable in audit history, carries no personal data. */
export function tombstoneLabel(userId: string): string {
  return `Deleted user ${userId.replace(/-/g, '').slice(-4)}…`;
}

export interface Tombstone {
  name: string;
  email: string;
  emailNormalized: string;
  status: string;
  groupIds: string[];
  workspaceMemberships: { workspace_id: string; role: 'admin' | 'editor' | 'viewer' }[];
}
