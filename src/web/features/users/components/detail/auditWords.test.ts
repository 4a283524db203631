import { describe, expect, it } from 'vitest';
import { formatDateTime } from '../../../../shared/format';
import { actionInWords, changesInWords } from './auditWords';

describe('a user’s history in words', () => {
  it('should name roles on both sides of a renewed invitation, as the server now records them', () => {
    const event = {
      before: { role: { id: '01a22bf1-0000-7000-8000-000000000001', name: 'Member' } },
      after: { role: { id: 'r2', name: 'Viewer' }, group: null },
    };
    expect(actionInWords('invitation.renewed')).toBe('Invitation renewed');
    expect(changesInWords(event)).toEqual(['Role: Member → Viewer', 'Group: —']);
  });

  it('should say what a passkey recovery did', () => {
    expect(actionInWords('passkey.recovery_allowed')).toBe('Passkey recovery allowed');
    const [line] = changesInWords({ before: { recoveryUntil: null }, after: { recoveryUntil: '2026-12-01T09:00:00.000Z' } });
    // In the reader's locale and time zone, as every date in the console.
    expect(line).toBe(`Recovery allowed until: — → ${formatDateTime('2026-12-01T09:00:00.000Z')}`);
  });
});
