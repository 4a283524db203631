import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuditEvent } from '../../src/contracts/audit.js';
import { subjectLabel } from '../../src/web/features/security-center/view.js';
import { formatDateTime } from '../../src/web/shared/format.js';
import { buildTestApp, type TestApp } from '../helpers/test-app.js';

/** The audit log's subjects whose label the server writes in English around a value are worded by the console. */
let t: TestApp;
beforeEach(async () => {
  t = await buildTestApp();
});
afterEach(async () => t.close());

describe('audit subjects in the console’s words', () => {
  it('should word an access-review snapshot’s label from the catalogue with its time', async () => {
    const made = await t.app.inject({ method: 'POST', url: '/api/access-reviews/snapshots', headers: { cookie: t.adminCookie }, payload: {} });
    expect(made.statusCode, made.body).toBeLessThan(300);
    const res = await t.app.inject({ method: 'GET', url: '/api/audit-events?limit=50', headers: { cookie: t.adminCookie } });
    const event = (res.json().items as AuditEvent[]).find((e) => e.subject?.type === 'access_review_snapshot');
    expect(event?.subject?.label).toMatch(/^Snapshot \d{4}-/);
    const createdAt = event!.subject!.label.slice('Snapshot '.length);
    expect(subjectLabel(event!.subject!)).toBe(`Snapshot ${formatDateTime(createdAt)}`);
    expect(subjectLabel({ type: 'user', label: 'ann@acme.test' })).toBe('ann@acme.test');
  });
});
