/** What other features use: the user detail page's deactivate / delete / restore actions, and whether a deleted account can still be restored. */
export { OffboardingActions } from './components/OffboardingActions';
export { restorable } from './restorable';
