// The organizations feature's front door: the organization a request acts in.
export { assertOrganizationActive, requireOrganization } from './organizations.service.js';
export { ORGANIZATIONS_ERRORS } from './organizations.errors.js';
export type { OrganizationRow } from './organizations.table.js';
