import { describe, expect, it } from 'vitest';
import { chooseLocale, isMessageKey, t, translate } from './i18n';
import { messagesEn } from './messages.en';
import { pseudoLocalize } from './pseudo';
import { tRich } from './rich';
import type { ReactElement } from 'react';
import * as parts from './en';
import { PERMISSION_CATEGORIES, PERMISSIONS } from '../../../contracts/permissions';

const users = { one: '{count} user', other: '{count} users' };

describe('the message catalogue', () => {
  it('should fill placeholders with the values given', () => {
    expect(translate('Invite {name} to {org}', { name: 'Ada Lovelace', org: 'Acme' }, 'en')).toBe('Invite Ada Lovelace to Acme');
    expect(translate('No values', undefined, 'en')).toBe('No values');
  });

  it('should choose the plural form by the count, and write the count as a number', () => {
    expect(translate(users, { count: 1 }, 'en')).toBe('1 user');
    expect(translate(users, { count: 0 }, 'en')).toBe('0 users');
    expect(translate(users, { count: 1234 }, 'en')).toMatch(/^1[,.\u202f\u00a0]?234 users$/);
    // A language with more forms picks its own ("few" in Polish), falling back to "other".
    expect(translate({ one: 'plik', few: 'pliki', other: 'plików' }, { count: 3 }, 'pl')).toBe('pliki');
    expect(translate({ one: 'plik', other: 'plików' }, { count: 3 }, 'pl')).toBe('plików');
  });

  it('should accent and bracket catalogue text in the pseudo-locale and leave the values as they are', () => {
    expect(pseudoLocalize('Invite New User')).toBe('⟦Ïñṽïţé Ñéŵ Ûšéŕ⟧');
    expect(translate('Invite {name}', { name: 'Ada Lovelace' }, 'en-XA')).toBe('⟦Ïñṽïţé Ada Lovelace⟧');
    expect(translate(users, { count: 1 }, 'en-XA')).toBe('⟦1 ûšéŕ⟧');
    expect(translate(users, { count: 2 }, 'en-XA')).toBe('⟦2 ûšéŕš⟧');
  });

  it('should read English by default and give the key’s text', () => {
    expect(t('nav.users')).toBe('Users');
    expect(t('shell.openAlerts', { count: 3 })).toBe('3 open alerts');
  });

  it('should take the locale from ?locale=, then the remembered one, then the browser', () => {
    expect(chooseLocale('?locale=en-XA', 'de', ['fr'])).toBe('en-XA');
    expect(chooseLocale('', 'en-XA', ['fr'])).toBe('en-XA');
    expect(chooseLocale('?locale=', 'en-XA', ['fr'])).toBe('fr');
    expect(chooseLocale('', null, [])).toBe('en');
  });

  it('should hold every key once across the parts of the catalogue', () => {
    const total = Object.values(parts).reduce((sum, part) => sum + Object.keys(part).length, 0);
    expect(Object.keys(messagesEn)).toHaveLength(total);
  });

  it('should give every permission of the contracts its label and description, and every category its name', () => {
    const keys = [
      ...PERMISSION_CATEGORIES.map((category) => `permissionCategory.${category}`),
      ...PERMISSIONS.flatMap((p) => [`permission.${p.key}.label`, `permission.${p.key}.description`]),
    ];
    expect(keys.filter((key) => !isMessageKey(key))).toEqual([]);
  });

  it('should put markup in a sentence where its placeholders are, keeping the text around them', () => {
    const parts = tRich('home.signedInAs', { org: 'Acme', role: 'Admin' }) as ReactElement<{ children: unknown }>[];
    expect(parts.map((part) => part.props.children)).toEqual(['You are signed in to ', 'Acme', ' as ', 'Admin', '.']);
  });

  it('should choose a rich sentence’s plural form by its count and put markup in its other placeholders', () => {
    const text = (count: number) =>
      (tRich('bulk.selected', { count, n: `<${count}>` }) as ReactElement<{ children: unknown }>[]).map((part) => part.props.children).join('');
    expect(text(1)).toBe('<1> user selected.');
    expect(text(3)).toBe('<3> users selected.');
  });
});
