// SCIM's own error codes (RFC 7644 §3.12): each has the HTTP status and the `scimType` the body carries.
// The console-facing API's codes live in src/contracts/errors.ts (SCIM_ERRORS).
import { AppError, type ErrorSpec } from '../../platform/errors.js';

export { SCIM_ERRORS } from '../../../contracts/errors.js';

interface ScimErrorSpec extends ErrorSpec {
  scimType?: string;
}

export const SCIM_PROTOCOL_ERRORS = {
  INVALID_FILTER: { status: 400, scimType: 'invalidFilter', message: 'The filter is not valid or not supported.' },
  INVALID_SYNTAX: { status: 400, scimType: 'invalidSyntax', message: 'The request body is not a valid SCIM request.' },
  INVALID_PATH: { status: 400, scimType: 'invalidPath', message: 'The PATCH path is not valid or not supported.' },
  NO_TARGET: { status: 400, scimType: 'noTarget', message: 'The PATCH path matched nothing.' },
  INVALID_VALUE: { status: 400, scimType: 'invalidValue', message: 'A value is missing or not valid.' },
  MUTABILITY: { status: 400, scimType: 'mutability', message: 'This attribute cannot be changed.' },
  TOO_MANY: { status: 400, scimType: 'tooMany', message: 'Too many operations or values in one request.' },
  BULK_TOO_LARGE: { status: 413, scimType: 'tooMany', message: 'More operations than /Bulk takes (see bulk.maxOperations).' },
  UNIQUENESS: { status: 409, scimType: 'uniqueness', message: 'Another resource already has this value.' },
  RESOURCE_NOT_FOUND: { status: 404, message: 'No such resource in this organization.' },
  PRECONDITION_FAILED: { status: 412, message: 'The resource changed since the version given in If-Match.' },
  NOT_MODIFIED: { status: 304, message: 'Not modified.' },
  SCIM_DISABLED: { status: 403, message: 'SCIM provisioning is turned off for this organization (Integrations → Provisioning).' },
  NOT_IMPLEMENTED: { status: 501, message: 'This SCIM operation is not supported (see /scim/v2/ServiceProviderConfig).' },
} satisfies Record<string, ScimErrorSpec>;

export type ScimErrorCode = keyof typeof SCIM_PROTOCOL_ERRORS;

/** A SCIM failure: the status and scimType of the catalogue, with a detail that says what exactly. */
export function scimFail(code: ScimErrorCode, detail?: string): AppError {
  const spec: ScimErrorSpec = SCIM_PROTOCOL_ERRORS[code];
  return new AppError(code, spec.status, detail ?? spec.message, spec.scimType ? { scimType: spec.scimType } : undefined);
}

// C0 controls and DEL except tab and line breaks: PostgreSQL cannot store NUL, and none is ever meant.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

export function hasControlCharacter(value: string): boolean {
  return CONTROL.test(value);
}
