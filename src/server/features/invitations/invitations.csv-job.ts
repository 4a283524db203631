// A CSV import too large for one request runs as a bulk job: its rows are checked when the job is
// queued, then invited chunk by chunk, each row as a single invitation is.
import { sql } from 'kysely';
import type { CsvInviteRow, InviteResult } from '../../../contracts/invitations.js';
import type { DbOrTrx } from '../../db/database.js';
import type { Actor, RequestContext } from '../../platform/deps.js';
import { normalizeEmail } from '../../platform/email.js';
import { AppError } from '../../platform/errors.js';
import { listRoleRowsOf, lockOrganizationForAccessChange } from '../roles/index.js';
import { INVITATIONS_ERRORS } from './invitations.errors.js';
import { askStepUpIfRolesChange, EXISTING_USER_ROLE_CHANGE, inviteEntry, inviteSettingsOf, type InviteSettings } from './invitations.invite.js';

type Ctx = RequestContext & { actor: Actor };

/** A row as the job stores it: the CSV row, and whether an earlier row of the file has the same address. */
export interface CsvInviteJobRow extends CsvInviteRow {
  duplicate?: boolean;
}

/** A refused row: its code, the English for API clients, and the details the console words it from. */
export type CsvRowOutcome = { ok: true; result: InviteResult } | { ok: false; code: string; message: string; details?: unknown };

/** Marks each row whose address an earlier row already has: reported as a duplicate, never sent. */
export function markDuplicateRows(rows: readonly CsvInviteRow[]): CsvInviteJobRow[] {
  const seen = new Set<string>();
  return rows.map((row) => {
    const normalized = normalizeEmail(row.email);
    if (normalized && seen.has(normalized)) return { ...row, duplicate: true };
    seen.add(normalized);
    return { ...row };
  });
}

/**
 * A row's role: a role's name (any case), key or id. Undefined (the organization's default) when the
 * row names none, null when it names no role of the organization.
 */
async function roleResolver(db: DbOrTrx, organizationId: string) {
  const roles = await listRoleRowsOf(db, organizationId);
  const byReference = new Map<string, string>();
  for (const role of roles) {
    byReference.set(role.id, role.id);
    byReference.set(role.name.toLowerCase(), role.id);
    if (role.system_key) byReference.set(role.system_key.toLowerCase(), role.id);
  }
  const names = roles.map((r) => r.name).join(', ');
  return {
    roleOf: (reference: string | undefined): string | undefined | null => {
      const wanted = reference?.trim();
      if (!wanted) return undefined;
      return byReference.get(wanted) ?? byReference.get(wanted.toLowerCase()) ?? null;
    },
    names,
  };
}

/** Before the job is queued: the passkey check, asked once, when some row changes the role of someone who has an account. */
export async function prepareCsvInvitations(ctx: Ctx, rows: readonly CsvInviteJobRow[]): Promise<void> {
  const { roleOf } = await roleResolver(ctx.deps.db, ctx.organizationId);
  const entries = rows.filter((r) => !r.duplicate && r.email.trim()).map((r) => ({ email: r.email, roleId: roleOf(r.role) ?? undefined }));
  await askStepUpIfRolesChange(ctx, { entries });
}

/**
 * Invites a chunk of a job's rows in `trx`, the job's chunk transaction. Each row runs inside its own
 * savepoint, as a single invitation runs in its own transaction: a refused row leaves nothing behind
 * and the others go on. The starter's role change permission is checked row by row as the invite
 * route declares it; its passkey check was asked when the job was queued.
 */
export async function inviteCsvRows(trx: DbOrTrx, ctx: Ctx, rows: readonly CsvInviteJobRow[], reason: string | null): Promise<CsvRowOutcome[]> {
  const jobCtx: Ctx = {
    ...ctx,
    conditional: { [EXISTING_USER_ROLE_CHANGE]: { permission: 'users.assign_role', when: 'an address already has an account with another role' } },
  };
  const settings = await inviteSettingsOf(trx, ctx.organizationId);
  const roles = await roleResolver(trx, ctx.organizationId);
  await lockOrganizationForAccessChange(trx, ctx.deps.dialect, ctx.organizationId);
  const outcomes: CsvRowOutcome[] = [];
  for (const row of rows) outcomes.push(await inviteRow(trx, jobCtx, row, roles, reason, settings));
  return outcomes;
}

async function inviteRow(
  trx: DbOrTrx,
  ctx: Ctx,
  row: CsvInviteJobRow,
  roles: Awaited<ReturnType<typeof roleResolver>>,
  reason: string | null,
  settings: InviteSettings,
): Promise<CsvRowOutcome> {
  const email = row.email.trim();
  if (row.duplicate)
    return { ok: false, code: 'DUPLICATE_IN_REQUEST', message: `${email}: ${INVITATIONS_ERRORS.DUPLICATE_IN_REQUEST.message}`, details: { email } };
  if (!email) return { ok: false, code: 'INVALID_EMAIL', message: 'No email address on this row.' };
  const roleId = roles.roleOf(row.role);
  if (roleId === null)
    return {
      ok: false,
      code: 'ROLE_NOT_FOUND',
      message: `Unknown role "${row.role}". Use one of: ${roles.names}.`,
      details: { role: row.role, roles: roles.names },
    };
  await sql`savepoint invite_row`.execute(trx);
  try {
    const entry = { email, roleId, group: row.group?.trim() || undefined, name: row.name?.trim() || undefined };
    const result = await inviteEntry(trx, ctx, entry, {}, reason, settings);
    await sql`release savepoint invite_row`.execute(trx);
    return { ok: true, result };
  } catch (error) {
    await sql`rollback to savepoint invite_row`.execute(trx);
    await sql`release savepoint invite_row`.execute(trx);
    if (error instanceof AppError) return { ok: false, code: error.code, message: error.message, details: error.details };
    throw error;
  }
}
