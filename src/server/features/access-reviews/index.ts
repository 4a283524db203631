// The access-reviews feature's front door: its routes and the reminder round the app schedules.
export { accessReviewsRoutes } from './access-reviews.routes.js';
export { sendDueReminders } from './access-reviews.reminders.js';
