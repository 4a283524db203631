/** What other features use: every role picker offers only the roles the signed-in user may grant. */
export { useRoleChoices, type RoleChoices } from './grantable';
