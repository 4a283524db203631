import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newSamlKeyPair } from '../../../../test/helpers/saml-idp.js';
import { connectSaml, postToAcs, rewritten, samlSignIn, samlWorld, throughSamlIdp, type SamlWorld } from '../../../../test/helpers/sso-saml.js';
import { api, sessionCookieOf, ssoErrorOf } from '../../../../test/helpers/sso.js';

let w: SamlWorld;
beforeEach(async () => {
  w = await samlWorld();
  w.idp.accounts.set('bob@acme.test', { email: 'bob@acme.test', displayName: 'Bob Builder', groups: ['Engineering', 'Admins'] });
});
afterEach(async () => w.close());

async function ssoSessions() {
  return w.t.deps.db.selectFrom('sessions').select('id').where('auth_method', '=', 'sso').execute();
}

describe('SAML sign-in against a real identity provider', () => {
  it.each(['assertion', 'response', 'both'] as const)('should sign an existing user in (%s signed), audited as a sign-in via SSO', async (sign) => {
    const bobId = await w.t.createUser({ email: 'bob@acme.test', name: 'Bob' });
    const connectionId = await connectSaml(w);
    w.idp.next({ sign });
    const res = await samlSignIn(w, 'bob@acme.test');
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/');
    const me = await api(w.t, 'GET', '/api/auth/me', undefined, sessionCookieOf(res));
    expect(me.json().user).toMatchObject({ id: bobId, email: 'bob@acme.test' });
    const [event] = await w.t.deps.db.selectFrom('audit_events').selectAll().where('action', '=', 'auth.signed_in').where('subject_id', '=', bobId).execute();
    expect(JSON.parse(event.after!)).toMatchObject({ method: 'sso', connection: { id: connectionId, name: 'Acme SAML' }, subject: 'bob@acme.test' });
  });

  it('should create a just-in-time account with the name the assertion gives', async () => {
    await connectSaml(w, { jitEnabled: true });
    const res = await samlSignIn(w, 'bob@acme.test');
    const me = await api(w.t, 'GET', '/api/auth/me', undefined, sessionCookieOf(res));
    expect(me.json().user).toMatchObject({ email: 'bob@acme.test', name: 'Bob Builder', roleName: 'Member' });
  });

  it.each([
    ['SAML_UNSIGNED', { sign: 'none' as const }],
    ['SAML_BAD_SIGNATURE', { key: newSamlKeyPair('Impostor') }],
    ['SAML_WRONG_AUDIENCE', { audience: 'https://another-app.example/saml' }],
    ['SAML_WRONG_RECIPIENT', { recipient: 'https://evil.example/acs' }],
    ['SAML_WRONG_RECIPIENT', { destination: 'https://evil.example/acs', sign: 'both' as const }],
    ['SAML_WRONG_ISSUER', { issuer: 'https://another-idp.example' }],
    ['SAML_EXPIRED', { notOnOrAfter: new Date(Date.now() - 5 * 60_000) }],
    ['SAML_CLOCK_SKEW', { notBefore: new Date(Date.now() + 10 * 60_000) }],
    ['SAML_IN_RESPONSE_TO', { inResponseTo: '_a-request-this-browser-never-sent' }],
    ['SAML_IN_RESPONSE_TO', { inResponseTo: null }],
  ])('should refuse a response with %s', async (code, change) => {
    await w.t.createUser({ email: 'bob@acme.test' });
    await connectSaml(w);
    w.idp.next(change);
    expect(ssoErrorOf(await samlSignIn(w, 'bob@acme.test'))).toBe(code);
    expect(await ssoSessions()).toHaveLength(0);
  });

  it('should forgive a small clock skew and refuse an assertion once the app clock passes NotOnOrAfter', async () => {
    await w.t.createUser({ email: 'bob@acme.test' });
    await connectSaml(w);
    w.idp.next({ notBefore: new Date(Date.now() + 20_000) });
    expect(ssoErrorOf(await samlSignIn(w, 'bob@acme.test'))).toBeNull();
    const round = await throughSamlIdp(w, { email: 'bob@acme.test' }, 'bob@acme.test');
    w.t.clock.advance(8 * 60_000);
    expect(ssoErrorOf(await round.finish())).toBe('SAML_EXPIRED');
  });

  it('should refuse a replayed response, an assertion id seen before, and a response finished in another browser', async () => {
    await w.t.createUser({ email: 'bob@acme.test' });
    await connectSaml(w);
    const round = await throughSamlIdp(w, { email: 'bob@acme.test' }, 'bob@acme.test');
    expect(ssoErrorOf(await round.finish())).toBeNull();
    expect(ssoErrorOf(await round.finish())).toBe('STATE_INVALID');

    w.idp.next({ assertionId: '_the-same-assertion' });
    expect(ssoErrorOf(await samlSignIn(w, 'bob@acme.test'))).toBeNull();
    w.idp.next({ assertionId: '_the-same-assertion' });
    expect(ssoErrorOf(await samlSignIn(w, 'bob@acme.test'))).toBe('SAML_REPLAYED');

    const other = await throughSamlIdp(w, { email: 'bob@acme.test' }, 'bob@acme.test');
    expect(ssoErrorOf(await other.finish('sofie_sso_saml_state=someone-elses'))).toBe('STATE_INVALID');
  });
});

describe('XML signature wrapping', () => {
  const EVIL = (xml: string) => xml.replace(/ID="_a[^"]+"/, 'ID="_evil"').replace('>bob@acme.test</saml:NameID>', '>alice@acme.test</saml:NameID>');
  const assertionOf = (xml: string) => /<saml:Assertion[\s\S]*<\/saml:Assertion>/.exec(xml)![0];
  const unsigned = (xml: string) => xml.replace(/<ds:Signature[\s\S]*?<\/ds:Signature>/, '');

  beforeEach(async () => {
    await w.t.createUser({ email: 'bob@acme.test' });
    await w.t.createUser({ email: 'alice@acme.test' });
    await connectSaml(w);
  });

  it.each([
    [
      'a forged assertion beside the signed one moved into Extensions',
      (xml: string) => {
        const signed = assertionOf(xml);
        return xml.replace(signed, `${EVIL(unsigned(signed))}`).replace('<samlp:Status>', `<samlp:Extensions>${signed}</samlp:Extensions><samlp:Status>`);
      },
    ],
    ['two assertions, the forged one first', (xml: string) => xml.replace('<saml:Assertion', `${EVIL(unsigned(assertionOf(xml)))}<saml:Assertion`)],
    ['a changed NameID under the original signature', (xml: string) => xml.replace('>bob@acme.test</saml:NameID>', '>alice@acme.test</saml:NameID>')],
    [
      'a forged response wrapping the signed response',
      (xml: string) =>
        xml
          .replace(/^<samlp:Response[^>]*>/, (open) => `${open.replace(/ID="[^"]+"/, 'ID="_wrapper"')}<samlp:Extensions>${xml}</samlp:Extensions>`)
          .replace(
            /<\/samlp:Extensions>([\s\S]*)<saml:Assertion[\s\S]*<\/saml:Assertion>(<\/samlp:Response>)$/,
            (_m, mid: string, end: string) => `</samlp:Extensions>${mid}${EVIL(unsigned(assertionOf(xml)))}${end}`,
          ),
    ],
  ])('should refuse %s', async (_name, attack) => {
    w.idp.next({ sign: 'both' });
    const round = await throughSamlIdp(w, { email: 'bob@acme.test' }, 'bob@acme.test');
    const res = await round.finish(undefined, rewritten(round.post, attack));
    expect(ssoErrorOf(res)).toBe('SAML_BAD_SIGNATURE');
    expect(await ssoSessions()).toHaveLength(0);
  });

  it('should read a NameID with a comment inside as the whole address, not the text before the comment', async () => {
    await api(w.t, 'PATCH', `/api/sso/connections/${(await api(w.t, 'GET', '/api/sso')).json().connections[0].id}`, { jitEnabled: true });
    w.idp.accounts.set('bob@acme.test.evil.test', {});
    const round = await throughSamlIdp(w, { email: 'bob@acme.test' }, 'bob@acme.test.evil.test');
    const res = await round.finish(
      undefined,
      rewritten(round.post, (xml) => xml.replace('>bob@acme.test.evil.test<', '>bob@acme.test<!---->.evil.test<')),
    );
    expect(ssoErrorOf(res)).toBe('EMAIL_NOT_ON_VERIFIED_DOMAIN');
    expect(await ssoSessions()).toHaveLength(0);
  });
});

describe('a response posted from the identity provider’s page', () => {
  it('should be accepted across sites (the ACS is exempt from the Origin check), and refused without a response', async () => {
    await w.t.createUser({ email: 'bob@acme.test' });
    const id = await connectSaml(w);
    const empty = await w.t.app.inject({
      method: 'POST',
      url: `/api/sso/saml/${id}/acs`,
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://idp.example' },
      payload: '',
    });
    expect(ssoErrorOf(empty)).toBe('SAML_IDP_INITIATED_DISABLED');
    const garbage = await postToAcs(w, { acsUrl: `http://localhost:3000/api/sso/saml/${id}/acs`, SAMLResponse: 'bm90IHhtbA==', RelayState: undefined });
    expect(ssoErrorOf(garbage)).toBe('SAML_IDP_INITIATED_DISABLED');
  });
});
