import { describe, expect, it } from 'vitest';
import { AppError } from '../../platform/errors.js';
import { parseFilter } from './scim.filter.js';

/** RFC 7644 §3.4.2.2, the filter examples as printed. */
const RFC_EXAMPLES = [
  'userName eq "bjensen"',
  'name.familyName co "O\'Malley"',
  'userName sw "J"',
  'urn:ietf:params:scim:schemas:core:2.0:User:userName sw "J"',
  'title pr',
  'meta.lastModified gt "2011-05-13T04:42:34Z"',
  'meta.lastModified ge "2011-05-13T04:42:34Z"',
  'meta.lastModified lt "2011-05-13T04:42:34Z"',
  'meta.lastModified le "2011-05-13T04:42:34Z"',
  'title pr and userType eq "Employee"',
  'title pr or userType eq "Intern"',
  'schemas eq "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"',
  'userType eq "Employee" and (emails co "example.com" or emails.value co "example.org")',
  'userType ne "Employee" and not (emails co "example.com" or emails.value co "example.org")',
  'userType eq "Employee" and (emails.type eq "work")',
  'userType eq "Employee" and emails[type eq "work" and value co "@example.com"]',
  'emails[type eq "work" and value co "@example.com"] or ims[type eq "xmpp" and value co "@foo.com"]',
];

function invalidFilter(input: string): string {
  try {
    parseFilter(input);
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).details).toEqual({ scimType: 'invalidFilter' });
    return (error as AppError).message;
  }
  throw new Error(`parsed: ${input}`);
}

describe('the SCIM filter parser', () => {
  it.each(RFC_EXAMPLES)('should parse the RFC example %s', (input) => {
    expect(() => parseFilter(input)).not.toThrow();
  });

  it('should bind not tighter than and, and and tighter than or', () => {
    expect(parseFilter('a eq "1" or b eq "2" and not (c pr)')).toEqual({
      kind: 'or',
      left: { kind: 'compare', op: 'eq', path: { urn: null, attr: 'a', sub: null }, value: '1' },
      right: {
        kind: 'and',
        left: { kind: 'compare', op: 'eq', path: { urn: null, attr: 'b', sub: null }, value: '2' },
        right: { kind: 'not', filter: { kind: 'pr', path: { urn: null, attr: 'c', sub: null } } },
      },
    });
  });

  it('should read operators and keywords in any case, and booleans, null and numbers bare', () => {
    expect(parseFilter('active EQ True')).toMatchObject({ op: 'eq', value: true });
    expect(parseFilter('externalId Eq null')).toMatchObject({ value: null });
    expect(parseFilter('x gt 10')).toMatchObject({ value: 10 });
  });

  it('should read the form Entra sends, a sub-attribute after a value filter', () => {
    expect(parseFilter('emails[type eq "work"].value eq "a@b.test"')).toMatchObject({
      kind: 'valuePath',
      path: { attr: 'emails' },
      filter: { kind: 'and', right: { kind: 'compare', path: { attr: 'value' }, value: 'a@b.test' } },
    });
  });

  it.each([
    ['userName', 'ends after an attribute'],
    ['userName eq', 'needs a value'],
    ['userName eq bjensen', 'is not a value'],
    ['userName like "x"', 'is not a comparison operator'],
    ['(userName eq "x"', 'Expected ")"'],
    ['userName eq "x")', 'Unexpected ")"'],
    ['userName eq "x" and', 'ends too early'],
    ['userName eq "unterminated', 'Unterminated string'],
    ['emails[type eq "work"', 'Expected "]"'],
    ['', 'empty'],
  ])('should refuse %j with 400 invalidFilter (%s)', (input, message) => {
    expect(invalidFilter(input)).toContain(message);
  });

  it('should refuse filters that nest or run too long instead of exhausting the stack', () => {
    expect(invalidFilter('('.repeat(50) + 'a pr' + ')'.repeat(50))).toContain('nests too deeply');
    expect(invalidFilter(`userName eq "${'x'.repeat(3000)}"`)).toContain('longer than');
  });
});
