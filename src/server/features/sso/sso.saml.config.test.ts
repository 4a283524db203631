import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { certBody, newSamlKeyPair } from '../../../../test/helpers/saml-idp.js';
import { connectSaml, postToAcs, samlSignIn, samlWorld, throughSamlIdp, type SamlWorld } from '../../../../test/helpers/sso-saml.js';
import { api, sessionCookieOf, ssoErrorOf } from '../../../../test/helpers/sso.js';

let w: SamlWorld;
beforeEach(async () => {
  w = await samlWorld();
  w.idp.accounts.set('bob@acme.test', { email: 'bob@acme.test', displayName: 'Bob Builder', groups: ['Engineering', 'Admins'] });
});
afterEach(async () => w.close());

const ACS = (id: string) => `http://localhost:3000/api/sso/saml/${id}/acs`;
const ENTITY = (id: string) => `http://localhost:3000/api/sso/saml/${id}/metadata`;

describe('a SAML connection’s configuration', () => {
  it('should read the metadata URL, show what to give the identity provider, and publish SP metadata', async () => {
    const created = await api(w.t, 'POST', '/api/sso/saml-connections', { name: 'Okta', metadataUrl: w.idp.metadataUrl });
    expect(created.statusCode).toBe(201);
    const id = created.json().id;
    expect(created.json()).toMatchObject({
      kind: 'saml',
      issuer: w.idp.entityId,
      saml: {
        spEntityId: ENTITY(id),
        spMetadataUrl: ENTITY(id),
        acsUrl: ACS(id),
        idpEntityId: w.idp.entityId,
        idpSsoUrl: w.idp.ssoUrl,
        idpMetadataUrl: w.idp.metadataUrl,
        allowIdpInitiated: false,
      },
    });
    expect(created.json().saml.certificates).toHaveLength(1);
    const metadata = await w.t.app.inject({ method: 'GET', url: `/api/sso/saml/${id}/metadata` });
    expect(metadata.statusCode).toBe(200);
    expect(metadata.headers['content-type']).toContain('samlmetadata+xml');
    expect(metadata.body).toContain(`entityID="${ENTITY(id)}"`);
    expect(metadata.body).toContain(`Location="${ACS(id)}"`);
    const [audit] = await w.t.deps.db.selectFrom('audit_events').selectAll().where('action', '=', 'sso.connection.created').execute();
    expect(JSON.parse(audit.after!)).toMatchObject({ kind: 'saml', idpEntityId: w.idp.entityId });
  });

  it.each([
    ['not XML', { metadataXml: '<oops' }, 'SAML_METADATA_INVALID'],
    [
      'service provider metadata',
      { metadataXml: '<EntityDescriptor xmlns="urn:oasis:names:tc:SAML:2.0:metadata" entityID="x"><SPSSODescriptor/></EntityDescriptor>' },
      'SAML_METADATA_INVALID',
    ],
    ['an unreachable URL', { metadataUrl: 'http://127.0.0.1:9/metadata' }, 'SAML_METADATA_FETCH_FAILED'],
  ])('should refuse %s with a 422 and save nothing', async (_name, body, code) => {
    const res = await api(w.t, 'POST', '/api/sso/saml-connections', { name: 'Bad', ...body });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.code).toBe(code);
    expect(await w.t.deps.db.selectFrom('sso_connections').select('id').execute()).toHaveLength(0);
  });

  it('should create a connection before the identity provider exists, and refuse to sign in through it until its metadata is given', async () => {
    await w.t.createUser({ email: 'bob@acme.test' });
    const created = await api(w.t, 'POST', '/api/sso/saml-connections', { name: 'Okta' });
    expect(created.statusCode).toBe(201);
    const id = created.json().id;
    expect(created.json().saml).toMatchObject({ acsUrl: ACS(id), spEntityId: ENTITY(id), idpEntityId: '', certificates: [] });
    await connectSaml(w, { name: 'Other' });
    await api(w.t, 'DELETE', `/api/sso/connections/${(await api(w.t, 'GET', '/api/sso')).json().connections[1].id}`);
    const start = await w.t.app.inject({ method: 'GET', url: '/api/sso/start?email=bob@acme.test' });
    expect(start.headers.location).toBe('/sign-in?sso_error=SAML_NOT_CONFIGURED');
    expect((await api(w.t, 'GET', `/api/sso/connections/${id}/test`)).json().error.code).toBe('SAML_NOT_CONFIGURED');
    expect(ssoErrorOf(await postToAcs(w, { acsUrl: ACS(id), SAMLResponse: 'eA==', RelayState: undefined }))).toBe('SAML_NOT_CONFIGURED');

    const configured = await api(w.t, 'PATCH', `/api/sso/saml-connections/${id}`, { metadataXml: w.idp.metadataXml() });
    expect(configured.json().saml).toMatchObject({ idpEntityId: w.idp.entityId, idpSsoUrl: w.idp.ssoUrl });
    expect(ssoErrorOf(await samlSignIn(w, 'bob@acme.test'))).toBeNull();
  });

  it('should refuse a private metadata URL when loopback identity providers are not allowed', async () => {
    await w.close();
    w = await samlWorld({ ssoAllowLoopbackIssuers: false });
    const res = await api(w.t, 'POST', '/api/sso/saml-connections', { name: 'Local', metadataUrl: w.idp.metadataUrl });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.code).toBe('ISSUER_NOT_ALLOWED');
  });

  it('should accept a second certificate during a rotation, and refuse the old one once it is removed', async () => {
    await w.t.createUser({ email: 'bob@acme.test' });
    const id = await connectSaml(w);
    const old = w.idp.key;
    const fresh = newSamlKeyPair('Rotated IdP');
    w.idp.next({ key: fresh });
    expect(ssoErrorOf(await samlSignIn(w, 'bob@acme.test'))).toBe('SAML_BAD_SIGNATURE');

    const both = await api(w.t, 'PATCH', `/api/sso/saml-connections/${id}`, { certificates: [old.certificate, certBody(fresh.certificate)] });
    expect(both.statusCode).toBe(200);
    expect(both.json().saml.certificates).toHaveLength(2);
    w.idp.next({ key: fresh });
    expect(ssoErrorOf(await samlSignIn(w, 'bob@acme.test'))).toBeNull();
    w.idp.next({ key: old });
    expect(ssoErrorOf(await samlSignIn(w, 'bob@acme.test'))).toBeNull();

    expect((await api(w.t, 'PATCH', `/api/sso/saml-connections/${id}`, { certificates: [fresh.certificate] })).statusCode).toBe(200);
    w.idp.next({ key: old });
    expect(ssoErrorOf(await samlSignIn(w, 'bob@acme.test'))).toBe('SAML_BAD_SIGNATURE');
    w.idp.next({ key: fresh });
    expect(ssoErrorOf(await samlSignIn(w, 'bob@acme.test'))).toBeNull();

    const tooMany = await api(w.t, 'PATCH', `/api/sso/saml-connections/${id}`, {
      certificates: [old.certificate, fresh.certificate, newSamlKeyPair().certificate],
    });
    expect(tooMany.statusCode).toBe(400);
    const notACert = await api(w.t, 'PATCH', `/api/sso/saml-connections/${id}`, { certificates: ['hello'] });
    expect(notACert.json().error.code).toBe('SAML_CERTIFICATE_INVALID');
  });

  it('should pick up a rotated certificate from the metadata URL on refresh', async () => {
    await w.t.createUser({ email: 'bob@acme.test' });
    const id = (await api(w.t, 'POST', '/api/sso/saml-connections', { name: 'Okta', metadataUrl: w.idp.metadataUrl })).json().id;
    await connectSaml(w, { name: 'unused' });
    await api(w.t, 'PUT', `/api/sso/domains/${(await api(w.t, 'GET', '/api/sso')).json().domains[0].id}/connection`, { connectionId: id });
    const fresh = newSamlKeyPair('Rotated IdP');
    w.idp.published = [w.idp.key, fresh];
    w.idp.key = fresh;
    expect(ssoErrorOf(await samlSignIn(w, 'bob@acme.test'))).toBe('SAML_BAD_SIGNATURE');
    const refreshed = await api(w.t, 'PATCH', `/api/sso/saml-connections/${id}`, { refreshMetadata: true });
    expect(refreshed.json().saml.certificates).toHaveLength(2);
    expect(ssoErrorOf(await samlSignIn(w, 'bob@acme.test'))).toBeNull();
  });
});

describe('IdP-initiated sign-in', () => {
  it('should be refused while off (the default), accepted once on, and never for a response that answers a request', async () => {
    await w.t.createUser({ email: 'bob@acme.test' });
    const id = await connectSaml(w);
    w.idp.loginAs('bob@acme.test');
    const unsolicited = () => w.idp.respond({ acsUrl: ACS(id), audience: ENTITY(id), inResponseTo: null });
    expect(ssoErrorOf(await postToAcs(w, unsolicited()))).toBe('SAML_IDP_INITIATED_DISABLED');

    expect((await api(w.t, 'PATCH', `/api/sso/saml-connections/${id}`, { allowIdpInitiated: true })).json().saml.allowIdpInitiated).toBe(true);
    const post = unsolicited();
    const res = await postToAcs(w, post);
    expect(ssoErrorOf(res)).toBeNull();
    expect((await api(w.t, 'GET', '/api/auth/me', undefined, sessionCookieOf(res))).json().user.email).toBe('bob@acme.test');
    expect(ssoErrorOf(await postToAcs(w, post))).toBe('SAML_REPLAYED');

    const answersARequest = w.idp.respond({ acsUrl: ACS(id), audience: ENTITY(id), inResponseTo: '_some-request' });
    expect(ssoErrorOf(await postToAcs(w, answersARequest))).toBe('SAML_IN_RESPONSE_TO');
  });
});

describe('Test connection for SAML', () => {
  it('should show the claims in the OIDC shape and the account they map to, then a failure in plain words', async () => {
    await w.t.createUser({ email: 'bob@acme.test', name: 'Bob' });
    const id = await connectSaml(w);
    const round = await throughSamlIdp(w, { testConnection: id }, 'bob@acme.test');
    const done = await round.finish();
    expect(done.headers.location).toBe(`/sso/test-done?connection=${id}&ok=1`);
    const [connection] = (await api(w.t, 'GET', '/api/sso')).json().connections;
    expect(connection.lastTest).toMatchObject({
      ok: true,
      claims: { iss: w.idp.entityId, sub: 'bob@acme.test', email: 'bob@acme.test', name: 'Bob Builder', groups: ['Engineering', 'Admins'] },
      mapsTo: { kind: 'existing', email: 'bob@acme.test' },
    });
    expect(await w.t.deps.db.selectFrom('sessions').select('id').where('auth_method', '=', 'sso').execute()).toHaveLength(0);

    w.idp.next({ audience: 'https://another-app.example' });
    const failed = await (await throughSamlIdp(w, { testConnection: id }, 'bob@acme.test')).finish();
    expect(failed.headers.location).toBe(`/sso/test-done?connection=${id}&ok=0`);
    const after = (await api(w.t, 'GET', '/api/sso')).json().connections[0].lastTest;
    expect(after.error).toMatchObject({ code: 'SAML_WRONG_AUDIENCE' });
    expect(after.error.message).toContain('another service provider');
    expect(after.error.detail).toContain('https://another-app.example');
  });

  it('should make the connection count for "Disable magic links" once tested and an administrator signed in through it', async () => {
    await w.t.createUser({ email: 'bob@acme.test', roleKey: 'admin' });
    const id = await connectSaml(w);
    expect((await throughSamlIdp(w, { testConnection: id }, 'bob@acme.test').then((r) => r.finish())).headers.location).toContain('ok=1');
    expect(ssoErrorOf(await samlSignIn(w, 'bob@acme.test'))).toBeNull();
    const overview = (await api(w.t, 'GET', '/api/sso')).json();
    expect(overview.connections[0].adminSignedInAt).not.toBeNull();
    expect(overview.settings.canDisableMagicLinks).toBe(true);
  });
});

describe('changing a SAML connection', () => {
  it('should refuse the OIDC-only settings (client secret, token authentication, hosted domains) and change nothing', async () => {
    const id = await connectSaml(w);
    for (const patch of [{ tokenAuthMethod: 'private_key_jwt' }, { clientSecret: 'not-for-saml' }, { hostedDomains: ['acme.test'] }]) {
      const refused = await api(w.t, 'PATCH', `/api/sso/connections/${id}`, { ...patch, name: 'Changed' });
      expect(refused.statusCode, JSON.stringify(patch)).toBe(422);
      expect(refused.json().error.code).toBe('SAML_OIDC_ONLY_SETTING');
    }
    expect((await api(w.t, 'GET', '/api/sso')).json().connections[0]).toMatchObject({ id, name: 'Acme SAML' });
    expect(await w.t.deps.db.selectFrom('audit_events').select('id').where('action', '=', 'sso.connection.updated').execute()).toEqual([]);
  });

  it('should honour every field of its PATCH: name, just-in-time accounts and enabled as well as the identity provider side', async () => {
    const id = await connectSaml(w);
    expect(ssoErrorOf(await samlSignIn(w, 'bob@acme.test'))).toBe('NO_ACCOUNT');

    const changed = await api(w.t, 'PATCH', `/api/sso/saml-connections/${id}`, { name: 'Okta (SAML)', jitEnabled: true, metadataUrl: w.idp.metadataUrl });
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toMatchObject({ name: 'Okta (SAML)', jitEnabled: true, enabled: true, saml: { idpMetadataUrl: w.idp.metadataUrl } });
    const res = await samlSignIn(w, 'bob@acme.test');
    expect(ssoErrorOf(res)).toBeNull();
    expect((await api(w.t, 'GET', '/api/auth/me', undefined, sessionCookieOf(res))).json().user).toMatchObject({ email: 'bob@acme.test', name: 'Bob Builder' });
    const [audit] = await w.t.deps.db.selectFrom('audit_events').selectAll().where('action', '=', 'sso.connection.updated').execute();
    expect(audit.subject_label).toBe('Okta (SAML)');
    expect(JSON.parse(audit.before!)).toMatchObject({ name: 'Acme SAML', jitEnabled: false, enabled: true, metadataUrl: null });
    expect(JSON.parse(audit.after!)).toMatchObject({ name: 'Okta (SAML)', jitEnabled: true, enabled: true, metadataUrl: w.idp.metadataUrl });

    const disabled = await api(w.t, 'PATCH', `/api/sso/saml-connections/${id}`, { enabled: false, jitEnabled: false });
    expect(disabled.json()).toMatchObject({ name: 'Okta (SAML)', jitEnabled: false, enabled: false });
    const start = await w.t.app.inject({ method: 'GET', url: '/api/sso/start?email=bob@acme.test' });
    expect(start.headers.location).not.toContain(w.idp.ssoUrl);
    expect((await api(w.t, 'GET', '/api/sso')).json().connections[0]).toMatchObject({ name: 'Okta (SAML)', jitEnabled: false, enabled: false });
  });
});
