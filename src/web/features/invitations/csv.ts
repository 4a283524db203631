import { FORMULA_CELL } from '../../../contracts/csv';
import Papa from 'papaparse';
import type { InviteOutcome, InviteResult } from '../../../contracts/invitations';
import { t } from '../../shared/i18n';
import { inviteResultText } from './inviteResultText';
import type { Role } from '../../../contracts/roles';

export interface CsvRow {
  /** 1-based line in the file, header excluded. */
  line: number;
  email: string;
  role: string;
  group: string;
  name: string;
}

export interface RowResult {
  line: number;
  email: string;
  outcome: InviteOutcome;
  message: string;
}

export interface PreparedRow extends CsvRow {
  roleId?: string;
}

/** Reads an invitation CSV (columns email, role, group, name; header names in any case and order). */
export function parseInviteCsv(text: string): { rows: CsvRow[]; error?: string } {
  const parsed = Papa.parse<Record<string, string>>(text.replace(/^\uFEFF/, ''), {
    header: true,
    skipEmptyLines: 'greedy',
    transformHeader: (h) => h.trim().toLowerCase(),
  });
  const fields = parsed.meta.fields ?? [];
  if (!fields.includes('email')) {
    return { rows: [], error: t('csv.error.noEmailColumn') };
  }
  const rows = parsed.data.map((r, i) => ({
    line: i + 1,
    email: (r.email ?? '').trim(),
    role: (r.role ?? '').trim(),
    group: (r.group ?? '').trim(),
    name: (r.name ?? '').trim(),
  }));
  return { rows };
}

/**
 * Maps each row's role (a name, case-insensitive, or an id) to a role id. A row naming no role gets
 * the default. A row naming an unknown role, or a role `whyNot` says the sender cannot assign, is
 * rejected here and never sent.
 */
export function resolveRoles(
  rows: CsvRow[],
  roles: Role[],
  defaultRoleId: string | undefined,
  whyNot: (roleId: string) => string | null = () => null,
): { ready: PreparedRow[]; rejected: RowResult[] } {
  const byName = new Map(roles.map((r) => [r.name.toLowerCase(), r.id]));
  const byKey = new Map(roles.filter((r) => r.key).map((r) => [r.key!.toLowerCase(), r.id]));
  const names = new Map(roles.map((r) => [r.id, r.name]));
  const ready: PreparedRow[] = [];
  const rejected: RowResult[] = [];
  for (const row of rows) {
    const reject = (message: string) => rejected.push({ line: row.line, email: row.email, outcome: 'rejected', message });
    if (!row.email) {
      reject(t('csv.reject.noEmail'));
      continue;
    }
    const roleId = !row.role ? defaultRoleId : names.has(row.role) ? row.role : (byName.get(row.role.toLowerCase()) ?? byKey.get(row.role.toLowerCase()));
    if (row.role && !roleId) {
      reject(t('csv.reject.unknownRole', { role: row.role, roles: roles.map((r) => r.name).join(', ') }));
      continue;
    }
    const refusal = roleId ? whyNot(roleId) : null;
    if (refusal) {
      const role = names.get(roleId!) ?? '';
      reject(t(row.role ? 'csv.reject.cannotAssign' : 'csv.reject.cannotAssignDefault', { role, refusal }));
      continue;
    }
    ready.push({ ...row, roleId });
  }
  return { ready, rejected };
}

export function toRowResult(row: PreparedRow, result: InviteResult | undefined): RowResult {
  if (!result) return { line: row.line, email: row.email, outcome: 'rejected', message: t('csv.reject.noAnswer') };
  return { line: row.line, email: row.email, outcome: result.outcome, message: inviteResultText(result) };
}

/**
 * The per-row results file. Emails and messages echo what the uploaded file said, so a cell that a
 * spreadsheet would run as a formula (=, +, -, @, tab, CR) is neutralised as the server's export does.
 */
export function resultsCsv(results: RowResult[]): string {
  return Papa.unparse(
    {
      fields: ['line', 'email', 'outcome', 'message'],
      data: [...results].sort((a, b) => a.line - b.line).map((r) => [r.line, r.email, r.outcome, r.message]),
    },
    { escapeFormulae: FORMULA_CELL },
  );
}

export function chunk<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export function downloadText(filename: string, text: string, type = 'text/csv;charset=utf-8') {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

// Mirrors isValidEmail (src/server/platform/email.ts), which stays the authority: anything it
// refuses comes back per row as INVALID_EMAIL.
const EMAIL = /^[^\s@<>(),;:"]+@[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+$/i;

export function isEmailAddress(text: string): boolean {
  return text.length <= 320 && EMAIL.test(text.trim());
}

/**
 * Reads pasted addresses separated by commas, semicolons, spaces or new lines. "Ada <ada@x.test>"
 * and "mailto:" keep the address (the words before "<…>" are a display name); every other entry
 * that is not an email address is returned in `invalid`, in the order pasted, never dropped.
 */
export function parsePastedEmails(text: string): { emails: string[]; invalid: string[] } {
  const emails: string[] = [];
  const invalid: string[] = [];
  for (const part of text.split(/[,;\r\n]+/)) {
    let words: string[] = [];
    for (const token of part.split(/\s+/).filter(Boolean)) {
      const bracketed = /^<(.*)>$/.exec(token);
      const address = (bracketed ? bracketed[1] : token).replace(/^mailto:/i, '');
      if (bracketed) {
        // The words before "<…>" are its display name: dropped with a good address, kept with a bad one.
        if (isEmailAddress(address)) emails.push(address);
        else invalid.push([...words, token].join(' '));
        words = [];
      } else if (isEmailAddress(address)) {
        invalid.push(...words);
        words = [];
        emails.push(address);
      } else {
        words.push(token);
      }
    }
    invalid.push(...words);
  }
  return { emails, invalid };
}
