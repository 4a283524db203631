// Erasing the personal data of users deleted longer ago than the restore period.
import { recordAudit } from '../../platform/audit.js';
import { nowIso, type Deps } from '../../platform/deps.js';
import { tombstoneLabel, type Tombstone } from './offboarding.tombstone.js';

/**
 * Erases the personal data of users deleted more than RESTORE_DAYS ago: the saved name and email,
 * their sessions, sign-in links, mail, and their name/email in audit history (replaced by the
 * tombstone label, so the history stays readable). Safe to run from several processes: each user
 * is purged in its own transaction guarded by `tombstone IS NOT NULL`.
 */
export async function purgeDeletedUsers(deps: Deps, limit = 500): Promise<number> {
  const now = nowIso(deps);
  const due = await deps.db
    .selectFrom('users')
    .select(['id', 'organization_id'])
    .where('status', '=', 'deleted')
    .where('purge_after', '<=', now)
    .where('tombstone', 'is not', null)
    .limit(limit)
    .execute();
  let purged = 0;
  for (const { id, organization_id: org } of due) {
    const done = await deps.db.transaction().execute(async (trx) => {
      const user = await trx.selectFrom('users').selectAll().where('id', '=', id).where('tombstone', 'is not', null).executeTakeFirst();
      if (!user || user.status !== 'deleted') return false;
      const saved = JSON.parse(user.tombstone!) as Tombstone;
      const label = tombstoneLabel(id);
      // Written first: the events it erases name it (redacted_by), so the chain verifier can tell an
      // erasure from tampering (README, "Tamper-evident audit log").
      const purgeEvent = await recordAudit(
        trx,
        { deps, organizationId: org, actor: null, ip: null, userAgent: null },
        {
          action: 'user.purged',
          category: 'data_recovery',
          risk: 'medium',
          subject: { type: 'user', id, label },
          before: { personalData: 'kept for restore' },
          after: { personalData: 'erased' },
        },
      );
      const others = trx.updateTable('audit_events').where('organization_id', '=', org).where('id', '!=', purgeEvent);
      await others.set({ subject_label: label, redacted_by: purgeEvent }).where('subject_id', '=', id).execute();
      await others.set({ actor_label: label, redacted_by: purgeEvent }).where('actor_user_id', '=', id).execute();
      for (const personal of [...new Set([saved.email, saved.emailNormalized])]) {
        const like = `%${personal.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
        await trx
          .updateTable('audit_events')
          .set((eb) => ({
            before: eb.fn<string>('replace', [eb.ref('before'), eb.val(personal), eb.val(label)]),
            after: eb.fn<string>('replace', [eb.ref('after'), eb.val(personal), eb.val(label)]),
            subject_label: eb.fn<string>('replace', [eb.ref('subject_label'), eb.val(personal), eb.val(label)]),
            actor_label: eb.fn<string>('replace', [eb.ref('actor_label'), eb.val(personal), eb.val(label)]),
            redacted_by: purgeEvent,
          }))
          .where('organization_id', '=', org)
          .where('id', '!=', purgeEvent)
          .where((eb) => eb.or([eb('before', 'like', like), eb('after', 'like', like), eb('subject_label', 'like', like), eb('actor_label', 'like', like)]))
          .execute();
      }
      await trx
        .updateTable('invitations')
        .set({ email_normalized: user.email_normalized })
        .where('organization_id', '=', org)
        .where('user_id', '=', id)
        .execute();
      await trx
        .deleteFrom('mail_outbox')
        .where('organization_id', '=', org)
        .where('to_address', 'in', [...new Set([saved.email, saved.emailNormalized])])
        .execute();
      await trx.deleteFrom('sessions').where('organization_id', '=', org).where('user_id', '=', id).execute();
      await trx.deleteFrom('magic_links').where('organization_id', '=', org).where('user_id', '=', id).execute();
      await trx.updateTable('users').set({ tombstone: null, purged_at: now, updated_at: now }).where('id', '=', id).execute();
      return true;
    });
    if (done) purged++;
  }
  return purged;
}
