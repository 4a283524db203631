import { seriousViolations } from '../helpers/axe.js';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, signInAsAdmin, startApp, type RunningApp } from '../helpers/browser.js';

let app: RunningApp;
let browser: Browser;
beforeAll(async () => {
  [app, browser] = await Promise.all([startApp(), launchBrowser()]);
}, 90_000);
afterAll(async () => {
  await browser?.close();
  await app?.stop();
}, 30_000);

describe('activity and usage in the console', () => {
  it('should show the usage trend chart and recent activity of a user with ingested events, and the organization overview', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signInAsAdmin(page, app);
    const users = await (await page.request.get(`${app.url}/api/users`)).json();
    const admin = users.items.find((u: { email: string }) => u.email === 'admin@acme.test');

    // Before any usage: an honest empty state, no chart.
    await page.goto(`${app.url}/admin/users/${admin.id}/activity`);
    await page.getByTestId('usage-empty').waitFor();
    expect(await page.getByTestId('usage-trend-chart').count()).toBe(0);

    // A Sofie service reports usage with its token.
    const created = await page.request.post(`${app.url}/api/service-tokens`, { data: { name: 'chat-service' } });
    const { token } = await created.json();
    const now = Date.now();
    const events = Array.from({ length: 12 }, (_, i) => ({
      id: `browser-${i}`,
      userId: admin.id,
      type: i % 3 === 0 ? 'artifact_created' : 'chat_message',
      occurredAt: new Date(now - i * 86_400_000 * 2).toISOString(),
      workspaceId: 'ws-launch',
      ...(i === 1 ? { quantity: 240 } : {}),
    }));
    const ingest = await fetch(`${app.url}/api/usage/events`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ events }),
    });
    expect((await ingest.json()).accepted).toBe(12);

    await page.reload();
    const chart = page.getByTestId('usage-trend-chart');
    await chart.waitFor();
    // Whole counts per day: bars, not a smoothed area, and y ticks that are whole numbers.
    expect(await chart.locator('svg .recharts-bar-rectangle').count()).toBeGreaterThan(0);
    expect(await chart.locator('svg .recharts-area').count()).toBe(0);
    const ticks = await chart.locator('.recharts-yAxis-tick-labels .recharts-cartesian-axis-tick-label').allTextContents();
    expect(ticks.length).toBeGreaterThan(1);
    expect(ticks.filter((tick) => !/^\d+$/.test(tick.trim()))).toEqual([]);
    await expect(page.getByText('Chat messages').first().isVisible()).resolves.toBe(true);
    await page.getByText('90 days', { exact: true }).click();
    await page.getByLabel(/Usage per day over the last 90 days: 12 events/).waitFor();
    const feed = page.getByRole('region', { name: 'Recent activity' });
    await feed.getByText('Sent a chat message').first().waitFor();
    await expect(feed.getByText('in Workspace ws-launch').first().isVisible()).resolves.toBe(true);
    // A usage event's quantity reads as what it counts, not "quantity 240".
    await feed.getByText(/240 tokens/).waitFor();
    await expect(feed.getByText(/quantity/).count()).resolves.toBe(0);

    // The user detail page shows the same cards.
    await page.goto(`${app.url}/admin/users/${admin.id}`);
    await page.getByTestId('usage-trend-chart').waitFor();
    await page.getByRole('region', { name: 'Recent activity' }).getByText('Created an artifact').first().waitFor();
    // Our two cards (the rest of the page is the user detail page's own test).
    expect(await seriousViolations(page, { include: 'section[aria-labelledby="usage-trends-title"]' })).toEqual([]);
    expect(await seriousViolations(page, { include: 'section[aria-labelledby="recent-activity-title"]' })).toEqual([]);

    // The overview is in the navigation for roles that may view activity.
    await page.getByRole('navigation', { name: 'Administration' }).getByRole('link', { name: 'Organization overview' }).click();
    await page.getByRole('heading', { name: 'Organization overview' }).waitFor();
    await page.getByText('Active today').waitFor();
    // This week so far is compared with as many days of last week, and says so.
    await page.getByText(/in (the first \d+ days? of|all of) last week/).waitFor();
    await page.getByRole('heading', { name: 'Top event types · last 30 days' }).waitFor();
    await expect(page.getByRole('heading', { name: 'Inactive accounts' }).isVisible()).resolves.toBe(true);
    expect(await seriousViolations(page, { include: 'main' })).toEqual([]);
    await context.close();
  }, 120_000);
});
