/** What other features embed: the user detail page shows these two cards; the Users table the summary; Organization settings the retention card. */
export { RecentActivity } from './components/RecentActivity';
export { UsageTrends } from './components/UsageTrends';
export { UsageSummary } from './components/UsageSummary';
export { UsageRetentionCard } from './components/UsageRetentionCard';
