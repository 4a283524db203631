// The offboarding feature's front door: deactivating, reactivating and deleting a user by the
// console's rules, for other features that start the same steps (SCIM provisioning).
export { deactivateInTransaction, reactivateInTransaction } from './offboarding.deactivation.js';
export { deleteUser } from './offboarding.apply.js';
export { OFFBOARDING_ERRORS } from './offboarding.errors.js';
