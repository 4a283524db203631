import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { invitePerson, roleIds } from '../helpers/browser.js';
import { startTestIdp, type TestIdp } from '../helpers/oidc-idp.js';
import { pseudoLocalize as x } from '../../src/web/shared/i18n/pseudo.js';
import { pseudoLocaleSession, type PseudoSession } from './pseudo-locale-setup.js';

/**
 * Organization settings, Integrations, the role editor, Account security and the sign-in and
 * invitation pages in the pseudo-locale en-XA (see pseudo-locale.test.ts): with an SSO connection,
 * a SAML connection, a claimed domain, a role rule, tokens, a webhook and a log stream, so no list is
 * empty, every text on them and their main dialogs comes from the catalogue.
 */
let idp: TestIdp;
let connectionId: string;
let customRoleId: string;
let viewerRoleId: string;

const PSEUDO_NAME = /^⟦.*⟧$/;

async function createData(s: PseudoSession) {
  const { page, app, post } = s;
  idp = await startTestIdp({ redirectUri: `${app.url}/api/sso/oidc/callback` });
  const roles = await roleIds(page.request, app);
  viewerRoleId = roles['Viewer'];
  customRoleId = (await post('/api/roles', { name: 'Field auditor', description: 'Reads the directory', permissions: ['users.view'] })).id;
  await invitePerson(page.request, app, { email: 'ada@example.com', name: 'Ada Lovelace', role: 'Field auditor' });
  const oidc = await post('/api/sso/connections', {
    name: 'Acme Okta',
    preset: 'okta',
    issuer: idp.issuer,
    clientId: idp.clientId,
    clientSecret: idp.clientSecret,
  });
  await post(`/api/sso/connections/${oidc.id}/role-rules`, { idpGroup: 'sofie-viewers', roleId: viewerRoleId });
  await post('/api/sso/saml-connections', { name: 'Acme SAML', jitEnabled: false });
  await post('/api/sso/domains', { domain: 'acme.test' });
  await post('/api/service-tokens', { name: 'content-service' });
  await provision(s, roles['Publisher']);
  // Addresses on this machine's discard port: nothing outside 127.0.0.1 is ever contacted.
  await post('/api/webhooks', { url: 'https://127.0.0.1:9/hooks', description: 'Ownership feed' });
  await post('/api/security/log-streams', { name: 'Splunk', url: 'https://127.0.0.1:9/siem' });
  connectionId = oidc.id;
}

/** SCIM on, a token, a person and a group pushed as Okta would, the group mapped to a role, and a failed request in the log. */
async function provision({ page, app, post }: PseudoSession, roleId: string) {
  expect((await page.request.put(`${app.url}/api/scim-settings`, { headers: { origin: app.url }, data: { enabled: true } })).status()).toBe(200);
  const { token } = await post('/api/scim-tokens', { label: 'Okta directory' });
  const scim = { authorization: `Bearer ${token}`, 'content-type': 'application/scim+json' };
  const person = await page.request.post(`${app.url}/scim/v2/Users`, {
    headers: scim,
    data: {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
      userName: 'dade@example.com',
      name: { givenName: 'Dade', familyName: 'Murphy' },
      active: true,
    },
  });
  const { id } = (await person.json()) as { id: string };
  const group = { schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'], displayName: 'Sofie Publishers', members: [{ value: id }] };
  expect((await page.request.post(`${app.url}/scim/v2/Groups`, { headers: scim, data: group })).status()).toBe(201);
  await page.request.get(`${app.url}/scim/v2/Users/no-such-person`, { headers: scim });
  const { groups } = (await (await page.request.get(`${app.url}/api/scim-role-mappings`)).json()) as { groups: { id: string }[] };
  await post('/api/scim-role-mappings', { groupId: groups[0].id, roleId });
}

const fields = ['name', 'email', 'description', 'roleName', 'label', 'url', 'issuer', 'clientId', 'domain', 'txtRecord', 'idpGroup'];
const samlFields = ['spEntityId', 'acsUrl', 'spMetadataUrl', 'baseUrl', 'jwksUrl', 'eventType', 'operation', 'resourceType', 'method', 'path'];
const lists = () => [
  ...['/api/auth/me', '/api/roles', '/api/sso', `/api/sso/connections/${connectionId}/role-rules`, '/api/service-tokens', '/api/scim-tokens'],
  ...['/api/scim-role-mappings', '/api/scim-requests', '/api/webhooks', '/api/webhooks/deliveries', '/api/security/log-streams', '/api/users'],
  '/api/account/security',
];
const s = pseudoLocaleSession({
  env: { WEBHOOK_ALLOW_PRIVATE: '1', SSO_ALLOW_LOOPBACK_ISSUERS: '1' },
  height: 1400,
  create: createData,
  names: () => [
    { paths: lists(), fields: [...fields, ...samlFields] },
    // Written in English by the server, not words of the console: a role rule's or a delivery's
    // reason, the passkey MFA explanation, a session's device, and the OIDC redirect address.
    { paths: lists(), fields: ['inactiveReason', 'lastError', 'explanation', 'device', 'ip', 'detail'] },
  ],
  // The log stream's last error is the network's, written by the server when a batch fails.
  more: (s) => ['connect ECONNREFUSED 127.0.0.1:9', `${s.app.url}/api/sso/oidc/callback`],
  start: '/admin/settings',
  cleanup: async () => {
    await idp?.close();
  },
});

async function expectAllPseudo(p?: Page) {
  await s.expectAllPseudo(p);
}

describe('the pseudo-locale en-XA', () => {
  it('should show Organization settings, its connections and the Add connection dialog with no hard-coded English', async () => {
    const { page, app } = s;
    await page.goto(`${app.url}/admin/settings`);
    await page.getByRole('heading', { level: 1, name: PSEUDO_NAME }).waitFor();
    await page.getByText('Acme SAML', { exact: true }).waitFor();
    await page.getByRole('table', { name: /Acme Okta/ }).waitFor();
    await expectAllPseudo();

    // An edited card shows its save bar and the business reason.
    await page.getByRole('textbox', { name: x('Organization name') }).fill('Acme Corp renamed');
    await page.getByText(x('Unsaved changes')).waitFor();
    await s.expectAllPseudo(s.page, ['Acme Corp renamed']);

    await page.getByRole('button', { name: x('Add connection') }).click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    await expectAllPseudo();
    await dialog.getByText(x('SAML 2.0')).click();
    await dialog.getByText(x('From a URL')).click();
    await expectAllPseudo();
  });

  it('should show Integrations and its dialogs with no hard-coded English', async () => {
    const { page, app } = s;
    await page.goto(`${app.url}/admin/integrations`);
    await page.getByTestId('service-token-row').first().waitFor();
    await page.getByTestId('scim-token-row').first().waitFor();
    await page.getByTestId('webhook-row').first().waitFor();
    await page.getByTestId('log-stream-row').first().waitFor();
    await page.getByTestId('role-mapping-row').first().waitFor();
    await page.getByTestId('scim-request-row').first().waitFor();
    await expectAllPseudo();

    for (const opener of [x('New service token'), x('New SCIM token'), x('Add endpoint'), x('Add destination')]) {
      await page.getByRole('button', { name: opener }).click();
      await page.getByRole('dialog').waitFor();
      await expectAllPseudo();
      await page.keyboard.press('Escape');
      await page.getByRole('dialog').waitFor({ state: 'detached' });
    }

    await page.getByRole('button', { name: x('New service token') }).click();
    await page.getByRole('dialog').getByRole('textbox').fill('chat-collector');
    await page
      .getByRole('dialog')
      .getByRole('button', { name: x('Create token') })
      .click();
    const shown = page.getByRole('dialog', { name: x('Service token created') });
    await shown.waitFor();
    // The token itself is a secret shown once, and its name now in the list behind: data.
    const token = (await shown.locator('pre, code').first().innerText()).trim();
    await s.expectAllPseudo(s.page, [token, 'chat-collector']);
  });

  it('should show Help me choose and its recommendation with no hard-coded English', async () => {
    const { page, app } = s;
    await page.goto(`${app.url}/admin/roles`);
    await page.getByRole('button', { name: x('Help me choose') }).click();
    const dialog = page.getByRole('dialog', { name: x('Help me choose a role') });
    for (const group of await dialog.getByRole('radiogroup').all()) await group.getByRole('radio').last().check();
    await dialog.getByRole('button', { name: x('Recommend a role') }).click();
    await dialog.getByRole('button', { name: x('Use this role') }).waitFor();
    // The recommendation's reason is written by the server.
    const answers = { needsAdminPages: false, createsSharedWorkspaces: false, configuresIntegrations: false, managesAccess: false };
    const recommended = (await (await page.request.post(`${app.url}/api/roles/recommend`, { headers: { origin: app.url }, data: answers })).json()) as {
      recommended: { reason: string } | null;
    };
    await s.expectAllPseudo(s.page, recommended.recommended ? [recommended.recommended.reason] : []);
  });

  it('should show the role editor, its impact review and a system role with no hard-coded English', async () => {
    const { page, app } = s;
    await page.goto(`${app.url}/admin/roles/new`);
    await page.getByRole('heading', { level: 1, name: x('New Role') }).waitFor();
    await expectAllPseudo();

    await page.goto(`${app.url}/admin/roles/${customRoleId}`);
    await page.getByRole('heading', { level: 1, name: 'Field auditor' }).waitFor();
    await page.getByRole('checkbox').nth(1).check();
    await page.getByRole('button', { name: x('Review impact') }).click();
    await page.getByTestId('impact-review').waitFor();
    await expectAllPseudo();

    await page.goto(`${app.url}/admin/roles/${viewerRoleId}`);
    await page.getByTestId('permission-list').waitFor();
    await expectAllPseudo();
  });

  it('should show Account security with a passkey, its rename dialog, the passkey check, Home and Welcome with no hard-coded English', async () => {
    const { page, app } = s;
    // A platform authenticator (Chromium's virtual one), as a laptop has.
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('WebAuthn.enable');
    await cdp.send('WebAuthn.addVirtualAuthenticator', {
      options: { protocol: 'ctap2', transport: 'internal', hasResidentKey: true, hasUserVerification: true, isUserVerified: true },
    });
    await page.goto(`${app.url}/account/security`);
    await page.getByTestId('passkey-mfa-status').waitFor();
    await page.getByRole('button', { name: x('Add passkey') }).click();
    await page.getByRole('table', { name: x('Registered passkeys') }).waitFor();
    // The passkey's name is the server's (from the authenticator), data like the rest.
    const withPasskey = await s.namesFrom('/api/account/security', ['name', 'device', 'explanation']);
    await s.expectAllPseudo(s.page, withPasskey);

    await page.getByRole('button', { name: /^⟦Ŕéñáɱé / }).click();
    await page.getByRole('dialog', { name: x('Rename passkey') }).waitFor();
    await s.expectAllPseudo(s.page, withPasskey);
    await page.keyboard.press('Escape');

    await page.goto(`${app.url}/account/verify-passkey`);
    await page.getByRole('button', { name: x('Use your passkey') }).waitFor();
    await expectAllPseudo();

    for (const path of ['/home', '/welcome']) {
      await page.goto(`${app.url}${path}`);
      await page.getByRole('heading', { level: 1 }).waitFor();
      await page
        .getByTestId('first-workspace')
        .or(page.getByText(x('You are not in any Workspace yet. Your administrator adds you to one, or you create your own Personal Workspace in Sofie.')))
        .waitFor();
      await expectAllPseudo();
    }
  });

  it('should show sign-in, the emailed-link page and accepting an invitation with no hard-coded English', async () => {
    const { app, browser } = s;
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const visitor = await context.newPage();
    try {
      await visitor.goto(`${app.url}/sign-in?locale=en-XA&break-glass=1`);
      await visitor.getByRole('heading', { level: 1, name: PSEUDO_NAME }).waitFor();
      await expectAllPseudo(visitor);

      await visitor.goto(`${app.url}/sign-in/verify`);
      await visitor.getByRole('link', { name: PSEUDO_NAME }).waitFor();
      await expectAllPseudo(visitor);

      await visitor.goto(`${app.url}/invitations/accept?token=not-yet-spent`);
      await visitor.getByRole('button', { name: PSEUDO_NAME }).waitFor();
      await expectAllPseudo(visitor);

      await visitor.goto(`${app.url}/invitations/accept`);
      await visitor.getByRole('link', { name: PSEUDO_NAME }).waitFor();
      await expectAllPseudo(visitor);
    } finally {
      await context.close();
    }
  });
});
