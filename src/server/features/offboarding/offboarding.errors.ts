// Offboarding's error codes; the catalogue itself is shared with the console (src/contracts/errors.ts).
import type { OFFBOARDING_ERRORS } from '../../../contracts/errors.js';
export { OFFBOARDING_ERRORS } from '../../../contracts/errors.js';
export type OffboardingErrorCode = keyof typeof OFFBOARDING_ERRORS;
