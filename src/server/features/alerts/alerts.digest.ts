import type { FastifyBaseLogger } from 'fastify';
import type { Deps } from '../../platform/deps.js';
import { enqueueMail } from '../../platform/mail/mail.service.js';
import { pruneAlertCounters } from './alerts.signals.js';

const DAY_MS = 24 * 3600_000;
/** Subscribers handled per round; the next round picks up the rest. */
const SUBSCRIBERS_PER_ROUND = 100;
const ALERTS_PER_DIGEST = 50;

/**
 * One round of the daily digest: each subscriber not mailed in the last 24 hours gets the alerts raised
 * since their last digest, [last digest, now) so none is sent twice or skipped (none: no mail, the
 * clock still moves). The mail and the new `last_sent_at`
 * commit together, so a crash sends a digest again at most once, never loses one.
 */
export function alertDigestRound(deps: Deps, logger: FastifyBaseLogger): () => Promise<number> {
  return async () => {
    const now = deps.clock();
    const due = new Date(now.getTime() - DAY_MS).toISOString();
    const subscribers = await deps.db
      .selectFrom('alert_digest_subscribers as s')
      .innerJoin('users as u', 'u.id', 's.user_id')
      .select(['s.organization_id', 's.user_id', 's.subscribed_at', 's.last_sent_at', 'u.email', 'u.status'])
      .where((eb) => eb.or([eb('s.last_sent_at', 'is', null), eb('s.last_sent_at', '<=', due)]))
      .limit(SUBSCRIBERS_PER_ROUND)
      .execute();
    let sent = 0;
    for (const s of subscribers) {
      const since = s.last_sent_at ?? s.subscribed_at;
      await deps.db.transaction().execute(async (trx) => {
        const alerts = await trx
          .selectFrom('security_alerts')
          .select(['title', 'risk', 'created_at'])
          .where('organization_id', '=', s.organization_id)
          .where('created_at', '>=', since)
          .where('created_at', '<', now.toISOString())
          .orderBy('created_at', 'desc')
          .limit(ALERTS_PER_DIGEST + 1)
          .execute();
        if (alerts.length > 0 && s.status === 'active') {
          const lines = alerts.slice(0, ALERTS_PER_DIGEST).map((a) => `- [${a.risk}] ${a.title} (${a.created_at.slice(0, 16).replace('T', ' ')} UTC)`);
          if (alerts.length > ALERTS_PER_DIGEST) lines.push(`…and more: see the Security Center.`);
          await enqueueMail(trx, deps, {
            organizationId: s.organization_id,
            to: s.email,
            subject: `Security alerts digest: ${alerts.length > ALERTS_PER_DIGEST ? `${ALERTS_PER_DIGEST}+` : alerts.length} new`,
            text: `New alerts in the Security Center since your last digest:\n\n${lines.join('\n')}\n\nYou receive this because you subscribed to the daily digest in the Security Center's Alerts tab.`,
          });
          sent++;
        }
        await trx
          .updateTable('alert_digest_subscribers')
          .set({ last_sent_at: now.toISOString() })
          .where('organization_id', '=', s.organization_id)
          .where('user_id', '=', s.user_id)
          .execute();
      });
    }
    await pruneAlertCounters(deps.db, now);
    if (sent) logger.info({ sent }, 'security alert digests queued');
    return sent;
  };
}
