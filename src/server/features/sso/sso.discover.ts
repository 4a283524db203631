// Email first: the sign-in page asks where an address signs in. Domain-level facts only (which
// identity provider serves a verified domain, whether its organization disabled magic links): it
// never says whether an account exists.
import type { Static } from 'typebox';
import type { SignInRoute } from '../../../contracts/sso.js';
import type { Deps } from '../../platform/deps.js';
import { isValidEmail, normalizeEmail } from '../../platform/email.js';
import { fail } from '../../platform/errors.js';
import { AUTH_ERRORS } from '../auth/index.js';
import { verifiedDomainOf } from './sso.domains.js';
import { connectionForEmail } from './sso.flow.js';
import { ssoSettingsOf } from './sso.policy.js';

export async function signInRoute(deps: Deps, email: string): Promise<Static<typeof SignInRoute>> {
  if (!isValidEmail(email)) throw fail(AUTH_ERRORS, 'INVALID_EMAIL');
  const normalized = normalizeEmail(email);
  const domain = await verifiedDomainOf(deps.db, normalized);
  const magicLinkAllowed = domain ? !(await ssoSettingsOf(deps.db, domain.organization_id)).disableMagicLinks : true;
  const connection = await connectionForEmail(deps, normalized);
  if (!connection) return { method: 'email', magicLinkAllowed };
  return { method: 'sso', url: `/api/sso/start?email=${encodeURIComponent(email.trim())}`, connectionName: connection.name, magicLinkAllowed };
}
