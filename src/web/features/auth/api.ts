import { call, everyPage } from '../../shared/client';

export const requestMagicLink = (email: string) => call('post', '/api/auth/magic-link', { body: { email } });
export const verifyMagicLink = (token: string) => call('post', '/api/auth/magic-link/verify', { body: { token } });
/** Every organization of the signed-in address, all pages: an address has accounts in few organizations. */
export const listMyOrganizations = () => everyPage((cursor) => call('get', '/api/auth/organizations', { query: { cursor, limit: 200 } }));
export const switchOrganization = (organizationId: string) => call('post', '/api/auth/switch-organization', { body: { organizationId } });
export const signInRoute = (email: string) => call('post', '/api/sso/sign-in-route', { body: { email } });
