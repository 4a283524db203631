/** What other features use: the groups cache key (the user detail page's groups section refreshes it). */
export { groupKeys } from './api';
