import type { DbOrTrx } from '../db/database.js';
import { AppError, PLATFORM_ERRORS } from './errors.js';

/** Enforces the organization's "business reason required" setting for access changes. */
export async function requireReasonIfConfigured(db: DbOrTrx, organizationId: string, reason: string | undefined | null): Promise<string | null> {
  const trimmed = reason?.trim() || null;
  if (trimmed) return trimmed;
  const org = await db.selectFrom('organizations').select('business_reason_required').where('id', '=', organizationId).executeTakeFirst();
  if (org?.business_reason_required) throw new AppError('REASON_REQUIRED', 422, PLATFORM_ERRORS.REASON_REQUIRED.message);
  return null;
}

export function assertVersion(expected: number | undefined, actual: number, current?: unknown): void {
  if (expected !== undefined && expected !== actual) {
    throw new AppError('VERSION_CONFLICT', 409, PLATFORM_ERRORS.VERSION_CONFLICT.message, { currentVersion: actual, current });
  }
}
