import Papa from 'papaparse';
import type { InviteOutcome, InviteResult } from '../../../contracts/invitations';
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
    return { rows: [], error: 'The file needs a header row with an "email" column (and optionally role, group, name).' };
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
 * the default; a row naming an unknown role is rejected here and never sent.
 */
export function resolveRoles(rows: CsvRow[], roles: Role[], defaultRoleId: string | undefined): { ready: PreparedRow[]; rejected: RowResult[] } {
  const byName = new Map(roles.map((r) => [r.name.toLowerCase(), r.id]));
  const byKey = new Map(roles.filter((r) => r.key).map((r) => [r.key!.toLowerCase(), r.id]));
  const ids = new Set(roles.map((r) => r.id));
  const ready: PreparedRow[] = [];
  const rejected: RowResult[] = [];
  for (const row of rows) {
    if (!row.email) {
      rejected.push({ line: row.line, email: '', outcome: 'rejected', message: 'No email address on this row.' });
      continue;
    }
    if (!row.role) {
      ready.push({ ...row, roleId: defaultRoleId });
      continue;
    }
    const roleId = ids.has(row.role) ? row.role : byName.get(row.role.toLowerCase()) ?? byKey.get(row.role.toLowerCase());
    if (!roleId) {
      rejected.push({ line: row.line, email: row.email, outcome: 'rejected', message: `Unknown role "${row.role}". Use one of: ${roles.map((r) => r.name).join(', ')}.` });
      continue;
    }
    ready.push({ ...row, roleId });
  }
  return { ready, rejected };
}

export function toRowResult(row: PreparedRow, result: InviteResult | undefined): RowResult {
  if (!result) return { line: row.line, email: row.email, outcome: 'rejected', message: 'No answer from the server for this row.' };
  return { line: row.line, email: row.email, outcome: result.outcome, message: result.message };
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
    { escapeFormulae: true },
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

/** Splits pasted text on commas, semicolons, whitespace and newlines; "<a@b.c>" and "mailto:" keep the address. */
export function splitEmails(text: string): string[] {
  return text
    .split(/[\s,;]+/)
    .map((part) => part.replace(/^<|>$/g, '').replace(/^mailto:/i, '').trim())
    .filter((part) => part.includes('@'));
}
