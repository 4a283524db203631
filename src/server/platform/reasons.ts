import type { DbOrTrx } from '../db/database.js';
import { fail, PLATFORM_ERRORS } from './errors.js';

/** Enforces the organization's "business reason required" setting for access changes. */
export async function requireReasonIfConfigured(db: DbOrTrx, organizationId: string, reason: string | undefined | null): Promise<string | null> {
  const trimmed = reason?.trim() || null;
  if (trimmed) return trimmed;
  const org = await db.selectFrom('organizations').select('business_reason_required').where('id', '=', organizationId).executeTakeFirst();
  if (org?.business_reason_required) throw fail(PLATFORM_ERRORS, 'REASON_REQUIRED');
  return null;
}

export function assertVersion(expected: number | undefined, actual: number, current?: unknown): void {
  if (expected !== undefined && expected !== actual) {
    throw fail(PLATFORM_ERRORS, 'VERSION_CONFLICT', { currentVersion: actual, current });
  }
}
