import type { ServiceContentItem } from '../../src/contracts/ownership.js';
import type { TestApp } from './test-app.js';

/** A service token of the org whose admin cookie is given: how Sofie's content services call in. */
export async function serviceToken(t: TestApp, cookie = t.adminCookie, name = 'content-service'): Promise<string> {
  const res = await t.app.inject({ method: 'POST', url: '/api/service-tokens', headers: { cookie }, payload: { name } });
  if (res.statusCode !== 201) throw new Error(`service token: ${res.statusCode} ${res.body}`);
  return res.json().token as string;
}

/** Registers items through the service API, in batches of 1,000. Returns externalId → item id. */
export async function registerItems(t: TestApp, token: string, items: ServiceContentItem[]): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  for (let i = 0; i < items.length; i += 1000) {
    const res = await t.app.inject({
      method: 'PUT',
      url: '/api/service/content-items',
      headers: { authorization: `Bearer ${token}` },
      payload: { items: items.slice(i, i + 1000) },
    });
    if (res.statusCode !== 200) throw new Error(`register: ${res.statusCode} ${res.body}`);
    for (const r of res.json().items as { externalId: string; id: string }[]) ids.set(r.externalId, r.id);
  }
  return ids;
}

/** One item of each of the seven types owned by `ownerUserId`, plus extra Sequences (active). */
export function sampleItems(ownerUserId: string, prefix = 'x'): ServiceContentItem[] {
  return [
    { externalId: `${prefix}-ws`, type: 'workspace', title: 'Launch plan', ownerUserId },
    { externalId: `${prefix}-draft`, type: 'codraft', title: 'Press release', ownerUserId },
    { externalId: `${prefix}-sheet`, type: 'cosheet', title: 'Budget', ownerUserId },
    { externalId: `${prefix}-meet`, type: 'comeeting', title: 'Weekly sync', ownerUserId },
    { externalId: `${prefix}-tpl`, type: 'template', title: 'Offer letter', ownerUserId },
    { externalId: `${prefix}-orch`, type: 'orchestration', title: 'Lead routing', ownerUserId },
    { externalId: `${prefix}-seq1`, type: 'sequence', title: 'Onboarding emails', ownerUserId, sequenceStatus: 'active' },
    { externalId: `${prefix}-seq2`, type: 'sequence', title: 'Renewal reminders', ownerUserId, sequenceStatus: 'active' },
    { externalId: `${prefix}-seq3`, type: 'sequence', title: 'Old campaign', ownerUserId, sequenceStatus: 'paused' },
  ];
}
