/** What other features embed: the user detail page shows these two cards; the Users table the summary. */
export { RecentActivity } from './components/RecentActivity';
export { UsageTrends } from './components/UsageTrends';
export { UsageSummary } from './components/UsageSummary';
