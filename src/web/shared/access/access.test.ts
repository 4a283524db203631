import { describe, expect, it } from 'vitest';
import { allows, missingFor, startPage } from './access';
import { accessForPath, PAGE_ACCESS } from './pages';

describe('what a page needs', () => {
  it('should name every permission missing from "all", and "any" only when none of it is held', () => {
    expect(missingFor({ all: ['users.view', 'users.view_activity'] }, new Set(['users.view']))).toEqual({ all: ['users.view_activity'], any: [] });
    expect(missingFor(PAGE_ACCESS.integrations, new Set(['integrations.manage']))).toEqual({ all: [], any: [] });
    expect(missingFor(PAGE_ACCESS.integrations, new Set(['users.view']))).toEqual({ all: [], any: ['provisioning.manage', 'integrations.manage'] });
    expect(allows({}, new Set())).toBe(true);
  });

  it('should find the page behind a link, detail pages included, and none for pages everyone opens', () => {
    expect(accessForPath('/admin/users/0190f5a0-0000/activity')).toBe(PAGE_ACCESS.userActivity);
    expect(accessForPath('/admin/users/0190f5a0-0000')).toBe(PAGE_ACCESS.users);
    expect(accessForPath('/admin/workspaces/ws-1')).toBe(PAGE_ACCESS.workspaces);
    expect(accessForPath('/admin/settings#authentication')).toBe(PAGE_ACCESS.settings);
    expect(accessForPath('/admin/roles/new')).toBe(PAGE_ACCESS.newRole);
    expect(accessForPath('/sign-in')).toBeNull();
    expect(accessForPath('/account/security')).toBeNull();
  });

  it('should start whoever may view users on Users and everyone else on Home', () => {
    expect(startPage(new Set(['users.view']))).toEqual({ to: '/admin/users', label: 'Users' });
    expect(startPage(new Set(['workspaces.view', 'integrations.manage']))).toEqual({ to: '/home', label: 'Home' });
  });
});
