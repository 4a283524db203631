/**
 * Security Center's "Access Reviews" tab. `MyReviewsSection` is what a reviewer without Security
 * Center access needs (being assigned is enough): mount it on a page every signed-in user can open.
 */
export { AccessReviewsTab } from './components/AccessReviewsTab';
export { MyReviewsSection } from './components/MyReviewsSection';
export { MyAccessReviewsPage } from './pages/MyAccessReviewsPage';
