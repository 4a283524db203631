// The SCIM feature's front door: the /scim/v2 protocol routes, the console's provisioning routes, and
// the resolver of SCIM bearer tokens the access plugin calls.
export { scimAdminRoutes } from './scim.admin-routes.js';
export { scimRoutes } from './scim.routes.js';
export { scimTokenResolver } from './scim.tokens.js';
// Single sign-on's group-to-role rules follow the same maker rule and ranking as SCIM's mappings.
export { inactiveReason as roleMappingInactiveReason, outranks as roleOutranks, type MappingMaker } from './scim.mappings.js';
