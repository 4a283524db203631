import type { BulkUsersBody, BulkUsersResult, UserCount, UserFilter, UserList, UserListQuery } from '../../../contracts/users';
import { api, withQuery } from '../../shared/api';

export const fetchUsers = (query: UserListQuery) => api<UserList>('/api/users', { query: { ...query } });

/** Exactly how many users match, where the list's total stopped at its cap ("Count all"). */
export const fetchUserCount = (filter: UserFilter) => api<UserCount>('/api/users/count', { query: { ...filter } });

/** A retried bulk request carries the same key, so the server applies it once. */
export const bulkUpdateUsers = (body: BulkUsersBody, idempotencyKey: string) =>
  api<BulkUsersResult>('/api/users/bulk', { method: 'POST', body, headers: { 'Idempotency-Key': idempotencyKey } });

/** The CSV export of exactly the filtered, sorted view on screen. */
export const exportCsvUrl = (filter: UserFilter & Pick<UserListQuery, 'sort' | 'order'>) => withQuery('/api/users/export.csv', { ...filter });
