// The Security Center alerts feature's front door.
export { raiseSecurityAlerts } from './alerts.rules.js';
export { alertsRoutes } from './alerts.routes.js';
export { alertDigestRound } from './alerts.digest.js';
