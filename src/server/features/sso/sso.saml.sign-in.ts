// The Assertion Consumer Service's work: find the attempt the response answers (RelayState; the
// same state cookie check as OIDC) or treat it as IdP-initiated when the connection allows that,
// check the response, then the same endings as OIDC: a sign-in, or the "Test connection" report.
import type { Deps } from '../../platform/deps.js';
import { hashToken } from '../../platform/tokens.js';
import { checkPreset, describeMatch, emailOf, matchAccount } from './sso.accounts.js';
import { asAppError, consumeState } from './sso.flow.js';
import { assertSamlConfigured, findConnectionAnywhere, samlSettingsOf } from './sso.saml.details.js';
import { verifySamlResponse } from './sso.saml.verify.js';
import { OidcFailure } from './sso.oidc.js';
import { recordTest, signIn, type CallbackOutcome, type Client } from './sso.sign-in.js';
import type { SsoConnectionRow, SsoLoginStateRow } from './sso.table.js';

export interface AcsInput {
  connectionId: string;
  samlResponse: string | undefined;
  relayState: string | undefined;
  cookieState: string | undefined;
}

/** The attempt this response answers, or null for an unsolicited (IdP-initiated) response. */
async function attemptOf(deps: Deps, row: SsoConnectionRow, input: AcsInput): Promise<SsoLoginStateRow | null> {
  const known = input.relayState
    ? await deps.db.selectFrom('sso_login_states').select('connection_id').where('state_hash', '=', hashToken(input.relayState)).executeTakeFirst()
    : undefined;
  if (known) {
    const attempt = await consumeState(deps, input.relayState, input.cookieState);
    if (attempt.connection_id !== row.id) throw new OidcFailure('STATE_INVALID', 'the attempt belongs to another connection');
    return attempt;
  }
  if (!samlSettingsOf(row).allowIdpInitiated || row.enabled !== 1) throw new OidcFailure('SAML_IDP_INITIATED_DISABLED');
  return null;
}

export async function completeSaml(deps: Deps, input: AcsInput, client: Client): Promise<CallbackOutcome> {
  const row = await findConnectionAnywhere(deps.db, input.connectionId);
  if (!row || row.kind !== 'saml') throw asAppError(new OidcFailure('CONNECTION_NOT_FOUND'));
  let attempt: SsoLoginStateRow | null;
  try {
    assertSamlConfigured(row);
    attempt = await attemptOf(deps, row, input);
  } catch (error) {
    throw asAppError(error);
  }
  let claims;
  try {
    if (!input.samlResponse) throw new OidcFailure('SAML_RESPONSE_INVALID', 'no SAMLResponse in the form');
    claims = await verifySamlResponse(deps, row, input.samlResponse, attempt?.nonce ?? null);
  } catch (error) {
    if (attempt?.purpose === 'test') return recordTest(deps, attempt, row, {}, error, client);
    throw asAppError(error);
  }
  if (attempt?.purpose === 'test') {
    try {
      checkPreset(row, claims);
      const match = await matchAccount(deps.db, row, emailOf(row, claims), claims);
      return recordTest(deps, attempt, row, claims, null, client, describeMatch(match));
    } catch (error) {
      return recordTest(deps, attempt, row, claims, error, client);
    }
  }
  try {
    return { kind: 'session', session: await signIn(deps, row, claims, client) };
  } catch (error) {
    throw asAppError(error);
  }
}
