/** Whether a deleted account can still be restored: only until its personal data is purged. */
export function restorable(restoreUntil: string | null | undefined, now = Date.now()): boolean {
  return !!restoreUntil && Date.parse(restoreUntil) > now;
}
