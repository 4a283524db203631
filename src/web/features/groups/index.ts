/** What other features use: the group list and its cache key (the user detail page's groups section). */
export { fetchGroups, groupKeys } from './api';
