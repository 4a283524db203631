import { describe, expect, it } from 'vitest';
import { AUDIT_ACTIONS } from '../../../contracts/audit';
import { SSO_ERRORS } from '../../../contracts/errors';
import { ERROR_REGISTRIES, ERROR_VARIANTS, errorKey, errorText } from '../errorText';
import { isMessageKey } from './i18n';
import { messagesEn } from './messages.en';

/** What the server writes as codes (audit actions, error codes), each with its words in the catalogue. */
describe('the catalogue’s words for what the server sends as codes', () => {
  it('should word every audit action the server can write', () => {
    expect(AUDIT_ACTIONS.map((action) => `audit.action.${action}`).filter((key) => !isMessageKey(key))).toEqual([]);
  });

  it('should word every error code of every registry in the contracts, each sentence a registry says', () => {
    const missing: string[] = [];
    for (const [registry, specs] of Object.entries(ERROR_REGISTRIES))
      for (const [code, spec] of Object.entries(specs)) {
        const variant = ERROR_VARIANTS.get(code)?.find((v) => v.message === spec.message);
        if (!variant || !isMessageKey(variant.key)) missing.push(`${registry}.${code}`);
      }
    expect(missing).toEqual([]);
    // The registries the console reads are all there (a new one is picked up by its name).
    expect(Object.keys(ERROR_REGISTRIES)).toEqual(expect.arrayContaining(['PLATFORM_ERRORS', 'SSO_ERRORS', 'ACCESS_REVIEWS_ERRORS', 'GROUPS_ERRORS']));
    expect(isMessageKey('error.BAD_REQUEST')).toBe(true);
  });

  it('should word every single sign-on error the sign-in page can be sent back with', () => {
    expect(Object.keys(SSO_ERRORS).filter((code) => !isMessageKey(`ssoError.${code}`))).toEqual([]);
  });

  it('should show an error from the catalogue, the server’s English only where the catalogue does not know the sentence', () => {
    expect(errorText('GROUP_NAME_TAKEN', 'Another group already has this name.', undefined)).toBe(messagesEn['error.GROUP_NAME_TAKEN']);
    // One code, different sentences by feature: each has its own entry.
    expect(errorText('REASON_REQUIRED', 'Give a reason for the decision.', undefined)).toBe(messagesEn['error.REASON_REQUIRED.access_reviews']);
    expect(errorText('REASON_REQUIRED', 'Give the business reason for deleting this user.', undefined)).toBe(messagesEn['error.REASON_REQUIRED.offboarding']);
    // A sentence built from the request: the catalogue's, with the error's details.
    expect(errorText('ROLE_NAME_TAKEN', 'A role named "Ops" already exists. Choose another name.', { roleId: 'r1', name: 'Ops' })).toBe(
      'A role named "Ops" already exists. Choose another name.',
    );
    expect(errorText('UNKNOWN_PERMISSION', 'These permissions do not exist: a.b, c.d.', { unknown: ['a.b', 'c.d'] })).toBe(
      'These permissions do not exist: a.b, c.d.',
    );
    // Without the values the sentence needs, or for a code the catalogue does not know: the server's words.
    expect(errorText('ROLE_NAME_TAKEN', 'A role named "Ops" already exists. Choose another name.', { roleId: 'r1' })).toBe(
      'A role named "Ops" already exists. Choose another name.',
    );
    expect(errorText('INVALID_NUMBER', 'limit must be a whole number written in digits (got "abc").', { field: 'limit' })).toBe(
      'limit must be a whole number written in digits (got "abc").',
    );
    expect(errorKey('INVALID_NUMBER', 'limit must be a whole number written in digits (got "abc").', { field: 'limit' })).toBeNull();
    expect(errorText('SOMETHING_NEW', 'A new failure.', undefined)).toBe('A new failure.');
  });

  it('should choose, among a code’s sentences built from details, the one whose English the server wrote', () => {
    const role = 'This user has been deleted. Restore the account before changing their role.';
    expect(errorKey('USER_DELETED', role, undefined)).toBe('error.USER_DELETED.details.role');
    expect(errorKey('INVALID_NUMBER', 'limit is not a finite number.', { field: 'limit' })).toBe('error.INVALID_NUMBER.details.notFinite');
    const outranks =
      'ann@acme.test holds permissions your own role does not have (Assign roles, Create and edit roles), so you cannot change their access. Ask an administrator who holds them.';
    // Permission keys in the details are worded by their labels.
    expect(errorKey('TARGET_OUTRANKS_ACTOR', outranks, { email: 'ann@acme.test', missing: ['users.assign_role', 'roles.manage'] })).toBe(
      'error.TARGET_OUTRANKS_ACTOR.details.one',
    );
    expect(errorText('TARGET_OUTRANKS_ACTOR', outranks, { email: 'ann@acme.test', missing: ['users.assign_role', 'roles.manage'] })).toBe(outranks);
  });
});
