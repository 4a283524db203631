import { describe, expect, it } from 'vitest';
import { AUDIT_ACTIONS } from '../../../contracts/audit';
import { SSO_ERRORS } from '../../../contracts/errors';
import { ERROR_REGISTRIES, ERROR_VARIANTS, errorText } from '../errorText';
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
    expect(errorText('USER_DELETED', 'This user has been deleted. Restore the account before changing their role.', undefined)).toBe(
      'This user has been deleted. Restore the account before changing their role.',
    );
    expect(errorText('SOMETHING_NEW', 'A new failure.', undefined)).toBe('A new failure.');
  });
});
