import type { MyOrganizations, SignInResult } from '../../../contracts/auth';
import { api } from '../../shared/api';

export const requestMagicLink = (email: string) => api<{ message: string }>('/api/auth/magic-link', { method: 'POST', body: { email } });
export const verifyMagicLink = (token: string) => api<SignInResult>('/api/auth/magic-link/verify', { method: 'POST', body: { token } });
export const listMyOrganizations = () => api<MyOrganizations>('/api/auth/organizations');
export const switchOrganization = (organizationId: string) => api<SignInResult>('/api/auth/switch-organization', { method: 'POST', body: { organizationId } });
