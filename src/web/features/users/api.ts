import type { UserList, UserListQuery } from '../../../contracts/users';
import { api } from '../../shared/api';

export const fetchUsers = (query: UserListQuery) => api<UserList>('/api/users', { query: { ...query } });
