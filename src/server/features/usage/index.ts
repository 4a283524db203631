// The usage feature's front door: recording usage events (demo data goes through the real path) and
// the usage summary the users list and user page show. A user's own trend and activity feed, which
// need the users feature, stay inside: the users feature depends on this door, not the other way.
export { ingestUsageEvents } from './usage.ingest.js';
export { usageSummariesOf, usageSummaryJsonColumn, usageSummaryValue, usageWindowStart } from './usage.summaries.js';
