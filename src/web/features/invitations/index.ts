/** What other features use: the Users page opens the invite dialog. */
export { InviteDialog } from './components/InviteDialog';
