// The audit feature's front door: audit rows as the API shows them.
export { auditRowToEvent } from './audit.service.js';
export { verifyChain } from './audit.verify.js';
export { hasRecentEvent } from './audit.repository.js';
