// Access reviews' error codes (src/contracts/access-reviews.ts holds the catalogue).
export { ACCESS_REVIEWS_ERRORS } from '../../../contracts/access-reviews.js';
