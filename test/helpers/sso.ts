// Single sign-on fixtures: an app that may call loopback identity providers and asks a local DNS
// server, a real OpenID Provider, and the steps a browser takes through a sign-in.
import type { LightMyRequestResponse } from 'fastify';
import type { Config } from '../../src/server/config.js';
import { startDnsServer, type TestDnsServer } from './dns-server.js';
import { followToCallback, startTestIdp, type TestIdp } from './oidc-idp.js';
import { buildTestApp, testClock, type TestApp } from './test-app.js';

export const REDIRECT_URI = 'http://localhost:3000/api/sso/oidc/callback';

export interface SsoWorld {
  t: TestApp;
  idp: TestIdp;
  dns: TestDnsServer;
  close(): Promise<void>;
}

/** The app's clock starts at the real time: the identity provider stamps its tokens with it. */
export async function ssoWorld(idpOptions: { idTokenTtlSeconds?: number } = {}, config: Partial<Config> = {}): Promise<SsoWorld> {
  const dns = await startDnsServer();
  const idp = await startTestIdp({ redirectUri: REDIRECT_URI, ...idpOptions });
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

export async function api(t: TestApp, method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, payload?: object, cookie = t.adminCookie) {
  return t.app.inject({ method, url, payload, headers: { cookie } });
}

/** Claims `domain` for the organization behind `cookie`, publishes its TXT record and verifies it. */
export async function verifyDomain(w: Pick<SsoWorld, 't' | 'dns'>, domain: string, cookie = w.t.adminCookie): Promise<LightMyRequestResponse> {
  const claimed = await api(w.t, 'POST', '/api/sso/domains', { domain }, cookie);
  if (claimed.statusCode !== 201) throw new Error(claimed.body);
  w.dns.txt.set(domain, [...(w.dns.txt.get(domain) ?? []), claimed.json().txtRecord]);
  return api(w.t, 'POST', `/api/sso/domains/${claimed.json().id}/verify`, undefined, cookie);
}

/** A connection to the test identity provider (any preset) plus the verified domain acme.test. */
export async function connect(w: SsoWorld, body: Record<string, unknown> = {}): Promise<string> {
  const created = await api(w.t, 'POST', '/api/sso/connections', {
    name: 'Acme IdP',
    preset: 'okta',
    issuer: w.idp.issuer,
    clientId: w.idp.clientId,
    clientSecret: w.idp.clientSecret,
    ...body,
  });
  if (created.statusCode !== 201) throw new Error(created.body);
  if (!w.dns.txt.has('acme.test')) {
    const verified = await verifyDomain(w, 'acme.test');
    if (verified.statusCode !== 200) throw new Error(verified.body);
  }
  return created.json().id;
}

function stateCookieOf(res: LightMyRequestResponse): string {
  const cookie = res.cookies.find((c) => c.name === 'sofie_sso_state');
  if (!cookie) throw new Error(`no state cookie: ${res.statusCode} ${res.body}`);
  return cookie.value;
}

export interface SsoRound {
  /** The callback as the browser would call it. */
  callbackUrl: string;
  stateCookie: string;
  finish(cookie?: string): Promise<LightMyRequestResponse>;
}

/** The browser's way to the callback: start, then through the identity provider, signed in as `sub`. */
export async function throughIdp(w: SsoWorld, start: { email?: string; testConnection?: string }, sub: string): Promise<SsoRound> {
  w.idp.loginAs(sub);
  const started = start.testConnection
    ? await api(w.t, 'GET', `/api/sso/connections/${start.testConnection}/test`)
    : await w.t.app.inject({ method: 'GET', url: `/api/sso/start?email=${encodeURIComponent(start.email!)}` });
  if (started.statusCode !== 302 || !started.headers.location?.startsWith(w.idp.issuer))
    throw new Error(`start: ${started.statusCode} ${started.headers.location} ${started.body}`);
  const stateCookie = stateCookieOf(started);
  const back = new URL(await followToCallback(started.headers.location, REDIRECT_URI));
  const callbackUrl = back.pathname + back.search;
  return {
    callbackUrl,
    stateCookie,
    finish: (cookie = `sofie_sso_state=${stateCookie}`) => w.t.app.inject({ method: 'GET', url: callbackUrl, headers: { cookie } }),
  };
}

/** Signs in through SSO as `sub`; the callback's answer. */
export async function ssoSignIn(w: SsoWorld, email: string, sub: string): Promise<LightMyRequestResponse> {
  return (await throughIdp(w, { email }, sub)).finish();
}

/** The sso_error code the callback sent the browser back with, or null for a sign-in. */
export function ssoErrorOf(res: LightMyRequestResponse): string | null {
  const location = res.headers.location ?? '';
  return new URL(location, 'http://x').searchParams.get('sso_error');
}

export function sessionCookieOf(res: LightMyRequestResponse): string {
  const cookie = res.cookies.find((c) => c.name === 'sofie_session');
  if (!cookie) throw new Error(`not signed in: ${res.statusCode} ${res.headers.location}`);
  return `sofie_session=${cookie.value}`;
}
