import { describe, expect, it } from 'vitest';
import { reviewersText, scopeText } from './campaignWords';

describe('a campaign’s scope and reviewers in the catalogue’s words', () => {
  it('should word the scope from its type, keeping the name the server quoted', () => {
    expect(scopeText({ type: 'privileged', id: null, label: 'Privileged users' })).toBe('Privileged users');
    expect(scopeText({ type: 'all', id: null, label: 'All active users' })).toBe('All active users');
    expect(scopeText({ type: 'group', id: 'g1', label: 'Group "Sales "EMEA""' })).toBe('Group "Sales "EMEA""');
    expect(scopeText({ type: 'workspace', id: 'w1', label: 'Workspace "Borealis"' })).toBe('Workspace "Borealis"');
  });

  it('should word the reviewers from their mode and the name in the label', () => {
    expect(reviewersText({ mode: 'manager', label: "Each user's manager" })).toBe("Each user's manager");
    expect(reviewersText({ mode: 'user', label: 'Named reviewer: Ada Lovelace' })).toBe('Named reviewer: Ada Lovelace');
    expect(reviewersText({ mode: 'role_holders', label: 'Holders of the role "Security reviewer"' })).toBe('Holders of the role "Security reviewer"');
  });

  it('should take the words from the catalogue, not from the label', () => {
    expect(scopeText({ type: 'privileged', id: null, label: 'Privilegierte Benutzer' })).toBe('Privileged users');
    expect(reviewersText({ mode: 'manager', label: 'Vorgesetzte' })).toBe("Each user's manager");
  });

  it('should show a label of a shape it does not know as the server wrote it', () => {
    expect(scopeText({ type: 'role', id: 'r1', label: 'Some role' })).toBe('Some role');
    expect(reviewersText({ mode: 'user', label: 'Someone' })).toBe('Someone');
  });
});
