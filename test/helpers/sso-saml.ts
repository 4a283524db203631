// SAML single sign-on fixtures: an app that may call loopback identity providers and asks a local
// DNS server, the test SAML identity provider, and the browser's steps through a SAML sign-in.
import type { LightMyRequestResponse } from 'fastify';
import type { Config } from '../../src/server/config.js';
import { startDnsServer, type TestDnsServer } from './dns-server.js';
import { startSamlIdp, type SamlPost, type TestSamlIdp } from './saml-idp.js';
import { api, verifyDomain } from './sso.js';
import { buildTestApp, testClock, type TestApp } from './test-app.js';

export interface SamlWorld {
  t: TestApp;
  idp: TestSamlIdp;
  dns: TestDnsServer;
  close(): Promise<void>;
}

export async function samlWorld(config: Partial<Config> = {}): Promise<SamlWorld> {
  const dns = await startDnsServer();
  const idp = await startSamlIdp();
  const t = await buildTestApp({ clock: testClock(new Date()), config: { ssoAllowLoopbackIssuers: true, dnsServers: [dns.address], ...config } });
  return {
    t,
    idp,
    dns,
    async close() {
      await t.close();
      await idp.close();
      await dns.close();
    },
  };
}

/** A SAML connection from the identity provider's metadata XML, plus the verified domain acme.test. */
export async function connectSaml(w: SamlWorld, body: Record<string, unknown> = {}): Promise<string> {
  const created = await api(w.t, 'POST', '/api/sso/saml-connections', { name: 'Acme SAML', metadataXml: w.idp.metadataXml(), ...body });
  if (created.statusCode !== 201) throw new Error(created.body);
  if (!w.dns.txt.has('acme.test')) {
    const verified = await verifyDomain(w, 'acme.test');
    if (verified.statusCode !== 200) throw new Error(verified.body);
  }
  return created.json().id;
}

/** The identity provider's form, posted to the ACS as the browser would (with its state cookie). */
export async function postToAcs(
  w: SamlWorld,
  post: Pick<SamlPost, 'acsUrl' | 'SAMLResponse' | 'RelayState'>,
  cookie?: string,
): Promise<LightMyRequestResponse> {
  const form = new URLSearchParams({ SAMLResponse: post.SAMLResponse, ...(post.RelayState === undefined ? {} : { RelayState: post.RelayState }) });
  return w.t.app.inject({
    method: 'POST',
    url: new URL(post.acsUrl).pathname,
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: new URL(w.idp.ssoUrl).origin, ...(cookie ? { cookie } : {}) },
    payload: form.toString(),
  });
}

export interface SamlRound {
  post: SamlPost;
  stateCookie: string;
  finish(cookie?: string, post?: Pick<SamlPost, 'acsUrl' | 'SAMLResponse' | 'RelayState'>): Promise<LightMyRequestResponse>;
}

/** Start (sign-in by email, or Test connection), then through the identity provider as `nameId`. */
export async function throughSamlIdp(w: SamlWorld, start: { email?: string; testConnection?: string }, nameId: string): Promise<SamlRound> {
  w.idp.loginAs(nameId);
  const started = start.testConnection
    ? await api(w.t, 'GET', `/api/sso/connections/${start.testConnection}/test`)
    : await w.t.app.inject({ method: 'GET', url: `/api/sso/start?email=${encodeURIComponent(start.email!)}` });
  const location = started.headers.location;
  if (started.statusCode !== 302 || !location?.startsWith(w.idp.ssoUrl)) throw new Error(`start: ${started.statusCode} ${location} ${started.body}`);
  const cookie = started.cookies.find((c) => c.name === 'sofie_sso_saml_state');
  if (!cookie) throw new Error('no SAML state cookie');
  const post = await w.idp.answer(location);
  return {
    post,
    stateCookie: cookie.value,
    finish: (c = `sofie_sso_saml_state=${cookie.value}`, p = post) => postToAcs(w, p, c),
  };
}

export async function samlSignIn(w: SamlWorld, email: string, nameId = email): Promise<LightMyRequestResponse> {
  return (await throughSamlIdp(w, { email }, nameId)).finish();
}

/** A response rewritten by `change` (the signature is left as it was). */
export function rewritten(post: SamlPost, change: (xml: string) => string): SamlPost {
  const xml = change(post.xml);
  return { ...post, xml, SAMLResponse: Buffer.from(xml).toString('base64') };
}
