import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ACTIVE_ENROLMENT_STATUSES, ERASED_EMAIL_DOMAIN, ERASED_NAME } from '@upstand/contracts';
import { DataSource, EntityManager } from 'typeorm';
import { likePattern } from '../../common/paging';
import { ErasureReason } from './user-erasure.entity';

export interface ErasureRequestRow {
  id: string;
  userId: string;
  fullName: string;
  email: string;
  organisation: string | null;
  requestedAt: Date;
  /** The systems the person belongs to for scoping (employer's system, else their cohorts' systems). */
  systemIds: string[];
}

export interface PersonToErase {
  id: string;
  email: string;
  fullName: string;
  /** When the account was erased already, else null. */
  erasedAt: Date | null;
  systemIds: string[];
  /** Holds a staff grant (lead, facilitator, steering, sponsor). */
  isStaff: boolean;
}

/**
 * The systems a person belongs to, as Impact assigns people (README "Grants and scopes"): their employing
 * organisation's system (an ICB is its own), else the systems of the cohorts they were enrolled on. `u` is app_user.
 */
const PERSON_SYSTEMS = `COALESCE(
  (SELECT ARRAY[CASE WHEN o.type = 'icb' THEN o.id ELSE o.system_id END] FROM organisation o
    WHERE o.id = u.organisation_id AND (o.type = 'icb' OR o.system_id IS NOT NULL)),
  ARRAY(SELECT DISTINCT c.system_id FROM enrolment e JOIN cohort c ON c.id = e.cohort_id
         WHERE e.delegate_user_id = u.id AND c.system_id IS NOT NULL))`;

const STAFF_ROLES = `('programme-lead', 'facilitator', 'steering', 'sponsor')`;
/**
 * A journey still under way: a place held or asked for. (ACTIVE_ENROLMENT_STATUSES also has 'completed', as one
 * enrolment per programme, but a completed journey has ended.)
 */
const UNDER_WAY_STATUSES = ACTIVE_ENROLMENT_STATUSES.filter((status) => status !== 'completed')
  .map((status) => `'${status}'`)
  .join(', ');

/**
 * Every statement of erasure and retention; the only TypeORM user of the module.
 *
 * Personal data, table by table, and what anonymisation does with it (api/test/erasure.int-spec.ts fails when a
 * table or column appears that this list does not mention; README "Data protection" says why):
 * - app_user: email → erased-<id>@erased.invalid, full_name → "Erased user", password_hash → unusable,
 *   disabled_at set; organisation_id coarsened to the organisation's system (see anonymise()); id, created_at kept.
 * - user_role: deleted (grants). user_session, user_sign_in, trusted_device, password_reset_token, calendar_feed:
 *   deleted. Sign-in factors and links: user_identity, user_second_factor, recovery_code, pending_login and an
 *   oidc_flow linking to them: deleted, so no single sign-on account or authenticator leads back in.
 * - enrolment_transfer_offer: ids only, kept; a pending offer for one of their places is withdrawn.
 * - delegate_profile (job, staff group, band, line manager's name and email): deleted.
 * - equality_monitoring: deleted. community_member (directory listing): deleted.
 * - facilitator: made inactive (kept: sessions they ran refer to it); facilitator_unavailability: deleted.
 * - pending_registration (email, name): deleted by address.
 * - approval_request (line manager's email, link hash): deleted for their enrolments.
 * - outbox_message: messages to their address, with a link about them, or (once sent) naming them: deleted.
 * - evaluation_answer: answers to free-text items deleted; scored answers kept, under the anonymous account, so
 *   programme totals and paired statistics do not change. evaluation_response, evaluation_completion,
 *   enrolment, attendance, learning_set_member: kept (ids, statuses and dates only). community_attendance (who
 *   came to a Community of Practice catch-up): kept, ids and dates only, under the anonymous account, so the
 *   funnel's "active in the Community of Practice" does not change.
 * - audit_event: details of events about the account or its enrolments emptied (ids, action and time kept).
 * - import_job: a stored report or error list mentioning their address is dropped.
 * - programme_action.owner: free text naming them → "Erased user".
 * - Ids only, kept: attendance.recorded_by_user_id, approval_request.decided_by_user_id,
 *   session_change.changed_by_user_id, programme_action.created_by_user_id, import_job.created_by_user_id,
 *   audit_event.actor_user_id, erasure_request (the request itself, completed).
 * - throttle_window keys are SHA-256 of addresses and expire within LOGIN_THROTTLE_TTL_SECONDS: left to expire.
 */
@Injectable()
export class ErasureRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  /** The person, locked for the rest of the transaction so two erasures of one account run one after the other. */
  async lockPerson(manager: EntityManager, userId: string): Promise<PersonToErase | null> {
    const [row] = (await manager.query(
      `SELECT u.id, u.email, u.full_name AS "fullName", ${PERSON_SYSTEMS} AS "systemIds",
              EXISTS (SELECT 1 FROM user_role r WHERE r.user_id = u.id AND r.role IN ${STAFF_ROLES}) AS "isStaff"
         FROM app_user u WHERE u.id = $1 FOR UPDATE`,
      [userId],
    )) as Omit<PersonToErase, 'erasedAt'>[];
    if (!row) return null;
    // Read after the lock, in a statement of its own: one that waited for another erasure's lock sees it done.
    const [erasure] = (await manager.query(
      `SELECT erased_at AS "erasedAt" FROM user_erasure WHERE user_id = $1`,
      [userId],
    )) as { erasedAt: Date }[];
    return { ...row, erasedAt: erasure?.erasedAt ?? null };
  }

  /** The open request of a person, if any. */
  async openRequest(userId: string): Promise<{ id: string; requestedAt: Date } | null> {
    const [row] = (await this.dataSource.query(
      `SELECT id, requested_at AS "requestedAt" FROM erasure_request WHERE user_id = $1 AND status = 'open'`,
      [userId],
    )) as { id: string; requestedAt: Date }[];
    return row ?? null;
  }

  /** Records a request unless one is open already (the partial unique index decides, even for two at once). */
  async createRequest(
    manager: EntityManager,
    userId: string,
  ): Promise<{ id: string; requestedAt: Date; created: boolean }> {
    const inserted = (await manager.query(
      `INSERT INTO erasure_request (user_id) VALUES ($1)
       ON CONFLICT (user_id) WHERE status = 'open' DO NOTHING
       RETURNING id, requested_at AS "requestedAt"`,
      [userId],
    )) as { id: string; requestedAt: Date }[];
    if (inserted[0]) return { ...inserted[0], created: true };
    const [open] = (await manager.query(
      `SELECT id, requested_at AS "requestedAt" FROM erasure_request WHERE user_id = $1 AND status = 'open'`,
      [userId],
    )) as { id: string; requestedAt: Date }[];
    // The conflict was an open request: DO NOTHING waited for it to commit, so this statement sees it.
    if (!open) throw new Error(`No open erasure request for ${userId} after a conflict`);
    return { ...open, created: false };
  }

  /** The systems of a person, for choosing which leads to tell. */
  async personSystems(manager: EntityManager, userId: string): Promise<string[]> {
    const [row] = (await manager.query(
      `SELECT ${PERSON_SYSTEMS} AS "systemIds" FROM app_user u WHERE u.id = $1`,
      [userId],
    )) as { systemIds: string[] }[];
    return row?.systemIds ?? [];
  }

  /**
   * Addresses of the programme leads to tell about a request: those holding a grant for one of the person's
   * systems; when there is none, the regional leads (so a request never waits unseen).
   */
  async leadAddresses(manager: EntityManager, systemIds: string[]): Promise<string[]> {
    const rows = (await manager.query(
      `WITH leads AS (
         SELECT DISTINCT u.email, r.scope_kind FROM user_role r JOIN app_user u ON u.id = r.user_id
          WHERE r.role = 'programme-lead' AND u.disabled_at IS NULL
            AND ((r.scope_kind = 'system' AND r.organisation_id = ANY($1::uuid[])) OR r.scope_kind = 'region'))
       SELECT email FROM leads
        WHERE scope_kind = 'system' OR NOT EXISTS (SELECT 1 FROM leads WHERE scope_kind = 'system')
        ORDER BY email`,
      [systemIds],
    )) as { email: string }[];
    return [...new Set(rows.map((row) => row.email))];
  }

  /** Open requests with the systems of each person, oldest first; the service keeps those in the lead's scope. */
  openRequests(): Promise<ErasureRequestRow[]> {
    return this.dataSource.query(
      `SELECT q.id, q.user_id AS "userId", u.full_name AS "fullName", u.email, o.name AS organisation,
              q.requested_at AS "requestedAt", ${PERSON_SYSTEMS} AS "systemIds"
         FROM erasure_request q
         JOIN app_user u ON u.id = q.user_id
         LEFT JOIN organisation o ON o.id = u.organisation_id
        WHERE q.status = 'open'
        ORDER BY q.requested_at, q.id`,
    );
  }

  /**
   * Anonymises one person in the caller's transaction (the person locked by lockPerson or SKIP LOCKED first).
   * Returns when it was done.
   */
  async anonymise(
    manager: EntityManager,
    person: Pick<PersonToErase, 'id' | 'email' | 'fullName'>,
    reason: ErasureReason,
    actorUserId: string | null,
  ): Promise<Date> {
    const id = person.id;
    const enrolmentIds = (
      (await manager.query(`SELECT id FROM enrolment WHERE delegate_user_id = $1`, [id])) as { id: string }[]
    ).map((row) => row.id);
    const approvalIds = (
      (await manager.query(`SELECT id FROM approval_request WHERE enrolment_id = ANY($1::uuid[])`, [
        enrolmentIds,
      ])) as { id: string }[]
    ).map((row) => row.id);
    const namePattern = likePattern(person.fullName.trim());

    // Emails to them, with a link about them, or (once no longer waiting to go) naming them. A message waiting
    // to go to someone else is kept even if it happens to contain the name: it is that person's mail.
    await manager.query(
      `DELETE FROM outbox_message
        WHERE lower(to_address) = lower($1)
           OR link_subject_id = ANY($2::uuid[])
           OR (status NOT IN ('pending', 'sending') AND length($3) > 4
               AND (text_body ILIKE $3 OR subject ILIKE $3 OR to_address ILIKE $4))`,
      [person.email, [id, ...enrolmentIds, ...approvalIds], namePattern, likePattern(person.email)],
    );
    await manager.query(`DELETE FROM pending_registration WHERE lower(email) = lower($1)`, [person.email]);
    await manager.query(`DELETE FROM approval_request WHERE id = ANY($1::uuid[])`, [approvalIds]);
    for (const table of [
      'delegate_profile',
      'equality_monitoring',
      'community_member',
      'calendar_feed',
      'user_session',
      'user_sign_in',
      'trusted_device',
      'password_reset_token',
      'user_identity',
      'user_second_factor',
      'recovery_code',
      'pending_login',
      'user_role',
    ])
      await manager.query(`DELETE FROM ${table} WHERE user_id = $1`, [id]);
    await manager.query(`DELETE FROM oidc_flow WHERE link_user_id = $1`, [id]);
    await manager.query(
      `UPDATE enrolment_transfer_offer SET status = 'withdrawn', decided_at = now()
        WHERE status = 'pending' AND enrolment_id IN (SELECT id FROM enrolment WHERE delegate_user_id = $1)`,
      [id],
    );
    await manager.query(
      `DELETE FROM facilitator_unavailability WHERE facilitator_id IN (SELECT id FROM facilitator WHERE user_id = $1)`,
      [id],
    );
    await manager.query(`UPDATE facilitator SET active = false WHERE user_id = $1 AND active`, [id]);

    // Free text (comments) goes; scored answers stay, linked to the now anonymous account, so pairs still pair.
    await manager.query(
      `DELETE FROM evaluation_answer a
        USING evaluation_response r, instrument i
        WHERE a.response_id = r.id AND i.id = r.instrument_id AND r.delegate_user_id = $1
          AND EXISTS (SELECT 1 FROM jsonb_array_elements(i.items) item
                       WHERE item->>'code' = a.item_code AND item->>'type' = 'free-text')`,
      [id],
    );

    // Earlier audit events about them keep only ids, the action and the time.
    await manager.query(
      `UPDATE audit_event SET details = '{}'::jsonb
        WHERE details <> '{}'::jsonb
          AND ((entity_type = 'user' AND entity_id = $1::text) OR (entity_type = 'enrolment' AND entity_id = ANY($2::text[])))`,
      [id, enrolmentIds],
    );
    await manager.query(
      `UPDATE import_job SET result = NULL, errors = '[]'::jsonb
        WHERE result::text ILIKE $1 OR errors::text ILIKE $1`,
      [likePattern(person.email)],
    );
    await manager.query(`UPDATE programme_action SET owner = $2 WHERE length($1) > 4 AND owner ILIKE $1`, [
      namePattern,
      ERASED_NAME,
    ]);

    // The organisation: Impact counts a person in their employer's system (else their cohort's), and the system
    // leads' scopes and every filtered total depend on it, so it cannot simply go. Kept as it is, though, a small
    // organisation (a practice, a hospice) with its cohort and dates can single a person out again. Coarsening it
    // to the organisation's system (an ICB is its own) keeps every system, home/scale-up and regional figure the
    // same and only moves them from their organisation's row to the system's in the organisation breakdown,
    // where a sponsor of their employer no longer counts them. Someone with an organisation outside any system
    // keeps it (the system would otherwise change to their cohort's).
    await manager.query(
      `UPDATE app_user u
          SET email = 'erased-' || u.id || '@' || $2::text, full_name = $3::text, password_hash = '!erased',
              disabled_at = coalesce(u.disabled_at, now()),
              organisation_id = coalesce((SELECT CASE WHEN o.type = 'icb' THEN o.id ELSE o.system_id END
                                            FROM organisation o WHERE o.id = u.organisation_id), u.organisation_id)
        WHERE u.id = $1`,
      [id, ERASED_EMAIL_DOMAIN, ERASED_NAME],
    );
    await manager.query(`INSERT INTO user_erasure (user_id, erased_at, reason) VALUES ($1, now(), $2)`, [
      id,
      reason,
    ]);
    await manager.query(
      `UPDATE erasure_request SET status = 'completed', completed_at = now(), completed_by_user_id = $2
        WHERE user_id = $1 AND status = 'open'`,
      [id, actorUserId],
    );
    // now() is the transaction's time: the same instant every statement above recorded.
    const [{ erasedAt }] = (await manager.query(`SELECT now() AS "erasedAt"`)) as [{ erasedAt: Date }];
    return erasedAt;
  }

  /**
   * The last user id of the next `size` accounts after `after` (in id order), or null when none are left: the
   * window a retention batch looks in. Read from the primary key's index alone.
   */
  async userWindowEnd(manager: EntityManager, after: string, size: number): Promise<string | null> {
    const [row] = (await manager.query(
      // Not max(id): PostgreSQL before 17 has no max(uuid).
      `SELECT id::text AS "end" FROM (SELECT id FROM app_user WHERE id > $1 ORDER BY id LIMIT $2) w
        ORDER BY id DESC LIMIT 1`,
      [after, size],
    )) as { end: string | null }[];
    return row?.end ?? null;
  }

  /**
   * Locks (skipping any another instance holds) up to `limit` delegates with ids in (`after`, `until`] whose
   * journey ended before `cutoff` and who are not yet anonymised. A journey has ended when none of the person's
   * enrolments is still active; it ended at the latest of: an enrolment's last status change (completed,
   * withdrawn, did not complete…), the end of the last session they attended, and their last questionnaire
   * answer (follow-up comes after completion). People holding a staff grant are left alone: their account is also
   * a working one.
   * Looking in a window of ids, rather than from the first account every time, keeps each statement to the
   * window's few hundred people: at 200,000 delegates the search from the start took 3–6 s a batch, and a night
   * with 17,000 people due ran for over 20 minutes, each batch passing again over everyone not yet due.
   */
  lockEndedJourneys(
    manager: EntityManager,
    cutoff: Date,
    window: { after: string; until: string },
    limit: number,
  ): Promise<PersonToErase[]> {
    return manager.query(
      `SELECT u.id, u.email, u.full_name AS "fullName", NULL AS "erasedAt", '{}'::uuid[] AS "systemIds", false AS "isStaff"
         FROM app_user u
        WHERE u.id > $3 AND u.id <= $4
          AND NOT EXISTS (SELECT 1 FROM user_erasure x WHERE x.user_id = u.id)
          AND EXISTS (SELECT 1 FROM enrolment e WHERE e.delegate_user_id = u.id)
          AND NOT EXISTS (SELECT 1 FROM enrolment e WHERE e.delegate_user_id = u.id AND e.status IN (${UNDER_WAY_STATUSES}))
          AND NOT EXISTS (SELECT 1 FROM user_role r WHERE r.user_id = u.id AND r.role IN ${STAFF_ROLES})
          AND greatest(
                (SELECT max(e.status_changed_at) FROM enrolment e WHERE e.delegate_user_id = u.id),
                (SELECT max(s.ends_at) FROM attendance a
                   JOIN enrolment e ON e.id = a.enrolment_id JOIN session s ON s.id = a.session_id
                  WHERE e.delegate_user_id = u.id AND a.status IN ('present', 'late')),
                (SELECT max(r.updated_at) FROM evaluation_response r WHERE r.delegate_user_id = u.id)
              ) < $1
        ORDER BY u.id
        LIMIT $2
          FOR UPDATE OF u SKIP LOCKED`,
      [cutoff, limit, window.after, window.until],
    );
  }

  /**
   * Deletes up to `limit` emails no longer waiting to go (sent, kept for the demo mailbox, dropped, failed) from
   * before `cutoff`; rows another instance is deleting are skipped. Returns how many went.
   */
  async deleteOldEmails(cutoff: Date, limit: number): Promise<number> {
    const [, count] = (await this.dataSource.query(
      `DELETE FROM outbox_message WHERE id IN (
         SELECT id FROM outbox_message
          WHERE status IN ('sent', 'kept', 'dropped', 'failed') AND coalesce(sent_at, created_at) < $1
          LIMIT $2 FOR UPDATE SKIP LOCKED)`,
      [cutoff, limit],
    )) as [unknown, number];
    return count;
  }

  /** Deletes up to `limit` audit events from before `cutoff`. Returns how many went. */
  async deleteOldAuditEvents(cutoff: Date, limit: number): Promise<number> {
    const [, count] = (await this.dataSource.query(
      `DELETE FROM audit_event WHERE id IN (
         SELECT id FROM audit_event WHERE occurred_at < $1 ORDER BY id LIMIT $2 FOR UPDATE SKIP LOCKED)`,
      [cutoff, limit],
    )) as [unknown, number];
    return count;
  }
}
