import type { MyOrganizations, SignInResult } from '../../../contracts/auth';
import type { Static } from 'typebox';
import type { SignInRoute } from '../../../contracts/sso';
import { api } from '../../shared/api';

export const requestMagicLink = (email: string) => api<{ message: string }>('/api/auth/magic-link', { method: 'POST', body: { email } });
export const verifyMagicLink = (token: string) => api<SignInResult>('/api/auth/magic-link/verify', { method: 'POST', body: { token } });
export const listMyOrganizations = () => api<MyOrganizations>('/api/auth/organizations');
export const switchOrganization = (organizationId: string) => api<SignInResult>('/api/auth/switch-organization', { method: 'POST', body: { organizationId } });
export const signInRoute = (email: string) => api<Static<typeof SignInRoute>>('/api/sso/sign-in-route', { method: 'POST', body: { email } });
