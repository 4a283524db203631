import { describe, expect, it } from 'vitest';
import { buildChecklist, type ChecklistInput } from '../../src/server/features/users/users.checklist.js';
import { checklistDetail, checklistFixLabel, checklistLabel } from '../../src/web/features/users/components/detail/checklistWords.js';
import type { UserWorkspace } from '../../src/contracts/workspaces.js';

/** The console words each checklist item from its code and values, in the same English the server writes. */
const now = new Date('2026-12-01T12:00:00Z');
type Path = Omit<UserWorkspace['paths'][number], 'role'>;
const ws = (name: string, type: string, paths: Path[], owned = false) =>
  ({ workspace: { id: name, name, type }, paths: paths.map((p) => ({ role: 'viewer', ...p })), owned }) as unknown as UserWorkspace;
const passkeys = (count: number, required: boolean) => ({
  recoveryUntil: null,
  count,
  synced: count,
  deviceBound: count > 1 ? 1 : 0,
  required,
  requiredBy: required ? ['role' as const, 'organization_all' as const] : [],
  afterMagicLink: false,
  explanation: required ? 'Required: the role requires a passkey; the organization requires passkeys for all users.' : 'Not required by any policy.',
});

function input(
  over: Partial<ChecklistInput> & { status?: string; lastSignIn?: string | null; lastActive?: string | null; privileged?: boolean },
): ChecklistInput {
  return {
    user: {
      id: 'u1',
      status: over.status ?? 'active',
      last_sign_in_at: over.lastSignIn ?? null,
      last_active_at: over.lastActive ?? null,
    } as ChecklistInput['user'],
    role: { name: 'Admin', permissions: JSON.stringify(over.privileged ? ['users.assign_role'] : ['users.view']) } as ChecklistInput['role'],
    groupCount: over.groupCount ?? 0,
    invitation: over.invitation ?? null,
    passkeys: 'passkeys' in over ? over.passkeys : passkeys(0, false),
    now,
    workspaces: 'workspaces' in over ? over.workspaces : [],
  };
}

const cases: ChecklistInput[] = [
  input({ privileged: true }),
  input({ privileged: true, lastActive: '2026-01-01T00:00:00Z', groupCount: 1, lastSignIn: '2026-11-30T10:00:00Z', passkeys: passkeys(2, true) }),
  input({ groupCount: 3, passkeys: passkeys(0, true), workspaces: [ws('Everyone', 'organization', [{ via: 'organization' }])] }),
  input({ status: 'invited', invitation: { status: 'pending', expiresAt: '2026-12-08T00:00:00Z' }, passkeys: undefined, workspaces: undefined }),
  input({ status: 'invited', invitation: { status: 'expired', expiresAt: '2026-11-08T00:00:00Z' }, passkeys: passkeys(1, false) }),
  input({ status: 'invited', invitation: null }),
  input({ status: 'deactivated', privileged: true, lastActive: '2026-11-30T00:00:00Z' }),
  input({
    workspaces: [
      ws('Borealis', 'collaborative', [{ via: 'direct' }, { via: 'group', group: { id: 'g', name: 'Eng' } }]),
      ws('Aurora', 'collaborative', [{ via: 'group' }]),
      ws('Cirrus', 'personal', [{ via: 'direct' }], true),
      ws('Dune', 'collaborative', [{ via: 'direct' }]),
    ],
  }),
];

describe('the checklist in the console’s words', () => {
  it('should word every item, detail and fix from its code exactly as the server’s English', () => {
    const seen = new Set<string>();
    for (const c of cases)
      for (const item of buildChecklist(c)) {
        seen.add(`${item.key}:${item.message.code}`);
        expect(checklistLabel(item)).toBe(item.label);
        expect(checklistDetail(item)).toBe(item.detail);
        if (item.fix) expect(checklistFixLabel(item.fix)).toBe(item.fix.label);
      }
    expect(seen.size).toBeGreaterThanOrEqual(18);
  });
});
