// The Security Center alerts feature's front door.
export { AlertsTab } from './components/AlertsTab';
export { useOpenAlertCount } from './hooks';
