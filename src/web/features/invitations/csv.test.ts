import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import type { Role } from '../../../contracts/roles';
import { chunk, parseInviteCsv, parsePastedEmails, resolveRoles, resultsCsv } from './csv';

const role = (id: string, name: string, key: string | null = null) => ({ id, name, key }) as Role;
const ROLES = [role('r-member', 'Member', 'member'), role('r-viewer', 'Viewer', 'viewer'), role('r-custom', 'Field Ops')];

describe('invitation CSV in the browser', () => {
  it('should read email, role, group and name columns in any order and case, skipping blank lines', () => {
    const { rows, error } = parseInviteCsv('\uFEFFName,EMAIL,Group,role\nAda, ada@acme.test ,Reviewers,viewer\n\nGrace,grace@acme.test,,\n');
    expect(error).toBeUndefined();
    expect(rows).toEqual([
      { line: 1, email: 'ada@acme.test', role: 'viewer', group: 'Reviewers', name: 'Ada' },
      { line: 2, email: 'grace@acme.test', role: '', group: '', name: 'Grace' },
    ]);
  });

  it('should explain a file without an email column', () => {
    expect(parseInviteCsv('name,role\nAda,Member\n').error).toMatch(/"email" column/);
  });

  it('should map role names (any case) and ids to ids, default an empty role to Member, and reject an unknown role with the reason', () => {
    const { rows } = parseInviteCsv('email,role\na@x.test,field ops\nb@x.test,r-viewer\nc@x.test,\nd@x.test,Wizard\n,Member\n');
    const { ready, rejected } = resolveRoles(rows, ROLES, 'r-member');
    expect(ready.map((r) => [r.email, r.roleId])).toEqual([
      ['a@x.test', 'r-custom'],
      ['b@x.test', 'r-viewer'],
      ['c@x.test', 'r-member'],
    ]);
    expect(rejected).toEqual([
      { line: 4, email: 'd@x.test', outcome: 'rejected', message: 'Unknown role "Wizard". Use one of: Member, Viewer, Field Ops.' },
      { line: 5, email: '', outcome: 'rejected', message: 'No email address on this row.' },
    ]);
  });

  it('should reject here a row whose role, named or default, the sender cannot assign', () => {
    const { rows } = parseInviteCsv('email,role\na@x.test,Viewer\nb@x.test,Field Ops\nc@x.test,\n');
    const whyNot = (id: string) => (id === 'r-viewer' ? null : 'Includes permissions your role lacks: Share Orchestrations');
    const { ready, rejected } = resolveRoles(rows, ROLES, 'r-member', whyNot);
    expect(ready.map((r) => [r.email, r.roleId])).toEqual([['a@x.test', 'r-viewer']]);
    expect(rejected).toEqual([
      {
        line: 2,
        email: 'b@x.test',
        outcome: 'rejected',
        message: 'You cannot assign "Field Ops". Includes permissions your role lacks: Share Orchestrations.',
      },
      {
        line: 3,
        email: 'c@x.test',
        outcome: 'rejected',
        message: 'You cannot assign the default role "Member" (the row names none). Includes permissions your role lacks: Share Orchestrations.',
      },
    ]);
  });

  it('should send 2,050 rows as 21 chunks of at most 100', () => {
    const chunks = chunk(
      Array.from({ length: 2050 }, (_, i) => i),
      100,
    );
    expect(chunks).toHaveLength(21);
    expect(chunks.at(-1)).toHaveLength(50);
  });

  it('should write the results file in row order with quoting', () => {
    const csv = resultsCsv([
      { line: 2, email: 'b@x.test', outcome: 'rejected', message: 'Unknown role "Wizard", sorry.' },
      { line: 1, email: 'a@x.test', outcome: 'invited', message: 'Invitation sent to a@x.test as Member.' },
    ]);
    expect(csv.split(/\r?\n/)).toEqual([
      'line,email,outcome,message',
      '1,a@x.test,invited,Invitation sent to a@x.test as Member.',
      '2,b@x.test,rejected,"Unknown role ""Wizard"", sorry."',
    ]);
  });

  it('should neutralise cells a spreadsheet would run as a formula, as the server’s export does', () => {
    const hostile = ['=HYPERLINK("http://evil.test","click")', '+1+1', '-2+3', '@SUM(A1)', '\tx@y.test', '\r=1+1', '=cmd|"/C calc"!A0\nsecond line'];
    const csv = resultsCsv(hostile.map((email, i) => ({ line: i + 1, email, outcome: 'rejected', message: `=${i}` })));
    const [, ...rows] = Papa.parse<string[]>(csv).data;
    expect(rows.map((r) => r[1])).toEqual(hostile.map((cell) => `'${cell}`));
    expect(rows.map((r) => r[3])).toEqual(hostile.map((_, i) => `'=${i}`));
    // Ordinary cells are left as they are.
    expect(resultsCsv([{ line: 1, email: 'a-b@x.test', outcome: 'invited', message: 'Sent.' }]).split(/\r?\n/)[1]).toBe('1,a-b@x.test,invited,Sent.');
  });

  it('should split pasted addresses on commas, spaces, semicolons and new lines, and report every entry that is not an address', () => {
    expect(parsePastedEmails('a@x.test, b@x.test;c@x.test\n <d@x.test>  mailto:e@x.test nonsense')).toEqual({
      emails: ['a@x.test', 'b@x.test', 'c@x.test', 'd@x.test', 'e@x.test'],
      invalid: ['nonsense'],
    });
    expect(parsePastedEmails('ada@acme.test\nnot-an-email\ngrace@acme.test, linus@acme, ken@acme.test;')).toEqual({
      emails: ['ada@acme.test', 'grace@acme.test', 'ken@acme.test'],
      invalid: ['not-an-email', 'linus@acme'],
    });
  });

  it('should read "Name <address>" as one address, the name being its display name', () => {
    expect(parsePastedEmails('Ada Lovelace <ada@acme.test>, "Grace Hopper" <grace@acme.test>\nLinus <linus@acme>')).toEqual({
      emails: ['ada@acme.test', 'grace@acme.test'],
      invalid: ['Linus <linus@acme>'],
    });
  });
});
