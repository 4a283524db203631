/** What other features embed: the first-workspace prompt (home, welcome) and the user detail page's workspaces card. */
export { FirstWorkspace } from './components/FirstWorkspace';
export { UserWorkspacesCard } from './components/UserWorkspacesCard';
