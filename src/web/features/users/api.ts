import type { BulkUsersBody, UserFilter, UserListQuery } from '../../../contracts/users';
import { withQuery } from '../../shared/api';
import { call } from '../../shared/client';

export const fetchUsers = (query: UserListQuery) => call('get', '/api/users', { query });

/** Exactly how many users match, where the list's total stopped at its cap ("Count all"). */
export const fetchUserCount = (filter: UserFilter) => call('get', '/api/users/count', { query: filter });

/** A retried bulk request carries the same key, so the server applies it once. */
export const bulkUpdateUsers = (body: BulkUsersBody, idempotencyKey: string) =>
  call('post', '/api/users/bulk', { body, headers: { 'Idempotency-Key': idempotencyKey } });

/** The CSV export of exactly the filtered, sorted view on screen. */
export const exportCsvUrl = (filter: UserFilter & Pick<UserListQuery, 'sort' | 'order'>) => withQuery('/api/users/export.csv', { ...filter });
