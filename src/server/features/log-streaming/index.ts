// The log streaming feature's front door: every audit event to the organization's SIEM destinations.
export { streamAuditEvents, enqueueBatches } from './log-streaming.enqueue.js';
export { deliverDueLogBatches, pruneDeliveredBatches } from './log-streaming.delivery.js';
export { logStreamingRoutes } from './log-streaming.routes.js';
export { checkpointRound, CHECKPOINT_EVERY_MS } from './log-streaming.checkpoints.js';
