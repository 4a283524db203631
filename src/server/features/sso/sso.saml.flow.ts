// SP-initiated SAML sign-in: the AuthnRequest (HTTP-Redirect binding) with an id we keep in the
// attempt (sso_login_states.nonce), and RelayState as the attempt's state, also in a cookie so that
// a response cannot be finished in another browser. The response's checks are in sso.saml.verify.ts.
import { SAML } from '@node-saml/node-saml';
import type { Deps } from '../../platform/deps.js';
import { hashToken, newToken } from '../../platform/tokens.js';
import type { Started } from './sso.flow.js';
import { STATE_MINUTES } from './sso.flow.js';
import { acsUrl, assertSamlConfigured, samlSettingsOf, spEntityId } from './sso.saml.details.js';
import type { SsoConnectionRow } from './sso.table.js';

export const SAML_STATE_COOKIE = 'sofie_sso_saml_state';
export const SAML_COOKIE_PATH = '/api/sso/saml';

/** node-saml for one connection. Timestamps and InResponseTo are checked by sso.saml.verify.ts against our clock and attempt. */
export function samlFor(deps: Deps, row: SsoConnectionRow, requestId?: string): SAML {
  const settings = samlSettingsOf(row);
  return new SAML({
    issuer: spEntityId(deps, row.id),
    callbackUrl: acsUrl(deps, row.id),
    audience: spEntityId(deps, row.id),
    entryPoint: settings.ssoUrl,
    idpCert: settings.certificates,
    // Either the response or the assertion must carry a valid signature; an unsigned message is refused.
    wantAssertionsSigned: false,
    wantAuthnResponseSigned: false,
    validateInResponseTo: 'never' as never,
    acceptedClockSkewMs: -1,
    identifierFormat: null,
    // Entra ID refuses a requested context (PasswordProtectedTransport) when the user signed in with MFA or a passkey.
    disableRequestedAuthnContext: true,
    generateUniqueId: () => requestId ?? `_${newToken()}`,
  });
}

export async function startSamlFlow(deps: Deps, row: SsoConnectionRow, input: { purpose: 'sign_in' | 'test'; initiatedBy: string | null }): Promise<Started> {
  assertSamlConfigured(row);
  const state = newToken();
  const requestId = `_${newToken()}`;
  const now = deps.clock();
  await deps.db
    .insertInto('sso_login_states')
    .values({
      state_hash: hashToken(state),
      organization_id: row.organization_id,
      connection_id: row.id,
      purpose: input.purpose,
      nonce: requestId,
      code_verifier: '',
      initiated_by: input.initiatedBy,
      created_at: now.toISOString(),
      expires_at: new Date(now.getTime() + STATE_MINUTES * 60_000).toISOString(),
      used_at: null,
    })
    .execute();
  const saml = samlFor(deps, row, requestId);
  if (input.purpose === 'test') saml.options.forceAuthn = true;
  const url = await saml.getAuthorizeUrlAsync(state, undefined, {});
  return { url, state };
}
