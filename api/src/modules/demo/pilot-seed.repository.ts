import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'crypto';
import { DataSource, EntityManager } from 'typeorm';
import { PILOT_HEADCOUNTS } from './pilot-headcounts';
import { JourneyStage, pilotEmail, PilotPlan } from './pilot-seed';

/** Synthetic accounts can never sign in: this is not an argon2 hash. */
const NO_PASSWORD = '!synthetic-no-sign-in';

export interface PilotContext {
  programmeId: string;
  templateId: string;
  instrumentIds: Record<JourneyStage, string>;
}

const iso = (date: Date | null) => (date ? date.toISOString() : null);
const ids = (count: number) => Array.from({ length: count }, () => randomUUID());

/**
 * Writes the pilot plan with one set-based INSERT per table (unnest of column arrays), inside the caller's
 * transaction, so a start-up seeds it in well under a second.
 */
@Injectable()
export class PilotSeedRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async isSeeded(manager: EntityManager = this.dataSource.manager): Promise<boolean> {
    const rows = (await manager.query('SELECT 1 FROM app_user WHERE email = $1', [
      pilotEmail(1),
    ])) as unknown[];
    return rows.length > 0;
  }

  /** The programme and its first journey template version (the one the pilot ran on). */
  async programme(name: string): Promise<{ programmeId: string; templateId: string } | null> {
    const [row] = (await this.dataSource.query(
      `SELECT p.id AS "programmeId", t.id AS "templateId"
       FROM programme p JOIN journey_template t ON t.programme_id = p.id
       WHERE p.name = $1 ORDER BY t.version LIMIT 1`,
      [name],
    )) as { programmeId: string; templateId: string }[];
    return row ?? null;
  }

  async insert(plan: PilotPlan, context: PilotContext, manager: EntityManager): Promise<void> {
    const q = (sql: string, params: unknown[]) => manager.query(sql, params);
    const organisations = plan.organisations;
    await q(
      `INSERT INTO organisation (ods_code, name, type, region_id, system_id, valid_from)
       SELECT x.code, x.name, x.type, s.region_id, s.id, x.valid_from::date
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[]) AS x(code, name, type, system_code, valid_from)
       JOIN organisation s ON s.ods_code = x.system_code AND s.type = 'icb'
       ON CONFLICT (ods_code) DO NOTHING`,
      [
        organisations.map((o) => o.odsCode),
        organisations.map((o) => o.name),
        organisations.map((o) => o.type),
        organisations.map((o) => o.systemOdsCode),
        organisations.map((o) => o.validFrom),
      ],
    );
    // Only where no one has entered a headcount: a lead's own figure is never overwritten by the demo's.
    await q(
      `UPDATE organisation o SET headcount = x.headcount, headcount_as_of = x.as_of
       FROM unnest($1::text[], $2::int[], $3::date[]) AS x(code, headcount, as_of)
       WHERE o.ods_code = x.code AND o.headcount IS NULL`,
      [
        PILOT_HEADCOUNTS.map((row) => row.odsCode),
        PILOT_HEADCOUNTS.map((row) => row.headcount),
        PILOT_HEADCOUNTS.map((row) => row.asOf),
      ],
    );
    const codes = [
      ...new Set([
        ...plan.delegates.map((d) => d.organisationOdsCode),
        ...plan.cohorts.map((c) => c.systemOdsCode),
      ]),
    ];
    const organisationIds = new Map(
      (
        (await q(`SELECT id, ods_code AS "odsCode" FROM organisation WHERE ods_code = ANY($1::text[])`, [
          codes,
        ])) as { id: string; odsCode: string }[]
      ).map((row) => [row.odsCode, row.id]),
    );
    const missing = plan.cohorts.find((cohort) => !organisationIds.has(cohort.systemOdsCode));
    if (missing) throw new Error(`The pilot needs the integrated care board ${missing.systemOdsCode}`);

    const userIds = ids(plan.delegates.length);
    const enrolled = plan.enrolments.map((enrolment) => enrolment.createdAt.toISOString());
    await q(
      `INSERT INTO app_user (id, email, full_name, password_hash, organisation_id, created_at, updated_at)
       SELECT x.id, x.email, x.full_name, $4, x.organisation_id, x.created_at, x.created_at
       FROM unnest($1::uuid[], $2::text[], $3::text[], $5::uuid[], $6::timestamptz[]) AS x(id, email, full_name, organisation_id, created_at)`,
      [
        userIds,
        plan.delegates.map((d) => d.email),
        plan.delegates.map((d) => d.fullName),
        NO_PASSWORD,
        plan.delegates.map((d) => organisationIds.get(d.organisationOdsCode) ?? null),
        enrolled,
      ],
    );
    await q(
      `INSERT INTO user_role (user_id, role, created_at)
       SELECT x.id, 'delegate', x.created_at FROM unnest($1::uuid[], $2::timestamptz[]) AS x(id, created_at)`,
      [userIds, enrolled],
    );
    await q(
      `INSERT INTO delegate_profile (user_id, job_title, staff_group, pay_scheme, pay_band, line_manager_name, line_manager_email, updated_at)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::timestamptz[])`,
      [
        userIds,
        plan.delegates.map((d) => d.jobTitle),
        plan.delegates.map((d) => d.staffGroup),
        plan.delegates.map((d) => d.payScheme),
        plan.delegates.map((d) => d.payBand),
        plan.delegates.map((d) => d.lineManagerName),
        plan.delegates.map((d) => d.lineManagerEmail),
        enrolled,
      ],
    );
    const answered = plan.delegates.flatMap((d, index) => (d.equality ? [{ ...d.equality, index }] : []));
    await q(
      `INSERT INTO equality_monitoring (user_id, ethnic_category, disability, sex, age_band, updated_at)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::timestamptz[])`,
      [
        answered.map((e) => userIds[e.index]),
        answered.map((e) => e.ethnicCategory),
        answered.map((e) => e.disability),
        answered.map((e) => e.sex),
        answered.map((e) => e.ageBand),
        answered.map((e) => enrolled[e.index]),
      ],
    );

    const cohortIds = ids(plan.cohorts.length);
    await q(
      `INSERT INTO cohort (id, programme_id, template_id, name, system_id, start_date, capacity, signups_open, created_at, updated_at)
       SELECT x.id, $2, $3, x.name, x.system_id, x.start_date, x.capacity, false, x.created_at, x.created_at
       FROM unnest($1::uuid[], $4::text[], $5::uuid[], $6::date[], $7::int[], $8::timestamptz[])
         AS x(id, name, system_id, start_date, capacity, created_at)`,
      [
        cohortIds,
        context.programmeId,
        context.templateId,
        plan.cohorts.map((c) => c.name),
        plan.cohorts.map((c) => organisationIds.get(c.systemOdsCode)),
        plan.cohorts.map((c) => c.startDate),
        plan.cohorts.map((c) => c.capacity),
        plan.cohorts.map((c) => c.createdAt.toISOString()),
      ],
    );
    const setIds = ids(plan.learningSets.length);
    await q(
      `INSERT INTO learning_set (id, cohort_id, number, created_at)
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::int[], $4::timestamptz[])`,
      [
        setIds,
        plan.learningSets.map((s) => cohortIds[s.cohortIndex]),
        plan.learningSets.map((s) => s.number),
        plan.learningSets.map((s) => plan.cohorts[s.cohortIndex]?.createdAt.toISOString()),
      ],
    );
    const sessionIds = ids(plan.sessions.length);
    await q(
      `INSERT INTO session (id, cohort_id, set_id, stage_key, kind, mode, sequence, title, starts_at, ends_at, status, calendar_uid, created_at, updated_at)
       SELECT x.id, x.cohort_id, x.set_id, x.stage_key, x.kind, x.mode, x.sequence, x.title, x.starts_at, x.ends_at,
              'scheduled', x.id || '@upstand', x.created_at, x.created_at
       FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::text[], $6::text[], $7::int[], $8::text[],
                   $9::timestamptz[], $10::timestamptz[], $11::timestamptz[])
         AS x(id, cohort_id, set_id, stage_key, kind, mode, sequence, title, starts_at, ends_at, created_at)`,
      [
        sessionIds,
        plan.sessions.map((s) => cohortIds[s.cohortIndex]),
        plan.sessions.map((s) => (s.learningSetIndex === null ? null : setIds[s.learningSetIndex])),
        plan.sessions.map((s) => s.stageKey),
        plan.sessions.map((s) => s.kind),
        plan.sessions.map((s) => s.mode),
        plan.sessions.map((s) => s.sequence),
        plan.sessions.map((s) => s.title),
        plan.sessions.map((s) => s.startsAt.toISOString()),
        plan.sessions.map((s) => s.endsAt.toISOString()),
        plan.sessions.map((s) => plan.cohorts[s.cohortIndex]?.createdAt.toISOString()),
      ],
    );

    const enrolmentIds = ids(plan.enrolments.length);
    const e = plan.enrolments;
    await q(
      `INSERT INTO enrolment (id, cohort_id, programme_id, delegate_user_id, status, created_at, status_changed_at, confirmed_at,
                              waitlisted_at, offered_at, offer_expires_at, declined_at, withdrawn_at, completed_at, did_not_complete_at)
       SELECT x.id, x.cohort_id, $3, x.user_id, x.status, x.created_at, x.status_changed_at, x.confirmed_at,
              x.waitlisted_at, x.offered_at, x.offer_expires_at, x.declined_at, x.withdrawn_at, x.completed_at, x.did_not_complete_at
       FROM unnest($1::uuid[], $2::uuid[], $4::uuid[], $5::text[], $6::timestamptz[], $7::timestamptz[], $8::timestamptz[],
                   $9::timestamptz[], $10::timestamptz[], $11::timestamptz[], $12::timestamptz[], $13::timestamptz[],
                   $14::timestamptz[], $15::timestamptz[])
         AS x(id, cohort_id, user_id, status, created_at, status_changed_at, confirmed_at, waitlisted_at, offered_at,
              offer_expires_at, declined_at, withdrawn_at, completed_at, did_not_complete_at)`,
      [
        enrolmentIds,
        e.map((x) => cohortIds[x.cohortIndex]),
        context.programmeId,
        e.map((x) => userIds[x.delegateIndex]),
        e.map((x) => x.status),
        e.map((x) => iso(x.createdAt)),
        e.map((x) => iso(x.statusChangedAt)),
        e.map((x) => iso(x.confirmedAt)),
        e.map((x) => iso(x.waitlistedAt)),
        e.map((x) => iso(x.offeredAt)),
        e.map((x) => iso(x.offerExpiresAt)),
        e.map((x) => iso(x.declinedAt)),
        e.map((x) => iso(x.withdrawnAt)),
        e.map((x) => iso(x.completedAt)),
        e.map((x) => iso(x.didNotCompleteAt)),
      ],
    );
    const members = e.flatMap((x, index) =>
      x.learningSetIndex === null
        ? []
        : [{ enrolmentId: enrolmentIds[index], setId: setIds[x.learningSetIndex] }],
    );
    await q(
      `INSERT INTO learning_set_member (enrolment_id, set_id) SELECT * FROM unnest($1::uuid[], $2::uuid[])`,
      [members.map((m) => m.enrolmentId), members.map((m) => m.setId)],
    );
    const a = plan.attendance;
    await q(
      `INSERT INTO attendance (session_id, enrolment_id, status, method, recorded_at)
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::timestamptz[])`,
      [
        a.map((x) => sessionIds[x.sessionIndex]),
        a.map((x) => enrolmentIds[x.enrolmentIndex]),
        a.map((x) => x.status),
        a.map((x) => x.method),
        a.map((x) => x.recordedAt.toISOString()),
      ],
    );
    await q(
      `INSERT INTO community_member (user_id, joined_at, in_directory)
       SELECT * FROM unnest($1::uuid[], $2::timestamptz[], $3::boolean[]) ON CONFLICT (user_id) DO NOTHING`,
      [
        plan.community.map((m) => userIds[m.delegateIndex]),
        plan.community.map((m) => m.joinedAt.toISOString()),
        plan.community.map((m) => m.inDirectory),
      ],
    );

    await this.insertCommunityOfPractice(manager, plan, context, organisationIds, userIds);

    const r = plan.responses;
    const responseIds = ids(r.length);
    await q(
      `INSERT INTO evaluation_response (id, programme_id, cohort_id, enrolment_id, delegate_user_id, pairing_key, session_key,
                                        stage, instrument_id, submitted_at, updated_at)
       SELECT x.id, $2, x.cohort_id, x.enrolment_id, x.user_id, x.user_id::text, '', x.stage, x.instrument_id, x.at, x.at
       FROM unnest($1::uuid[], $3::uuid[], $4::uuid[], $5::uuid[], $6::text[], $7::uuid[], $8::timestamptz[])
         AS x(id, cohort_id, enrolment_id, user_id, stage, instrument_id, at)`,
      [
        responseIds,
        context.programmeId,
        r.map((x) => cohortIds[e[x.enrolmentIndex]?.cohortIndex as number]),
        r.map((x) => enrolmentIds[x.enrolmentIndex]),
        r.map((x) => userIds[e[x.enrolmentIndex]?.delegateIndex as number]),
        r.map((x) => x.stage),
        r.map((x) => context.instrumentIds[x.stage]),
        r.map((x) => x.submittedAt.toISOString()),
      ],
    );
    const answers = r.flatMap((response, index) =>
      response.answers.map((answer) => ({ ...answer, responseId: responseIds[index] })),
    );
    await q(
      `INSERT INTO evaluation_answer (response_id, item_code, value_number, value_text)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::numeric[], $4::text[])`,
      [
        answers.map((x) => x.responseId),
        answers.map((x) => x.itemCode),
        answers.map((x) => x.valueNumber),
        answers.map((x) => x.valueText),
      ],
    );
    await this.insertCompletions(manager, responseIds);
  }

  /** The Community of Practice's series, their sessions, and who came to each. */
  private async insertCommunityOfPractice(
    manager: EntityManager,
    plan: PilotPlan,
    context: PilotContext,
    organisationIds: Map<string, string>,
    userIds: string[],
  ): Promise<void> {
    const q = (sql: string, params: unknown[]) => manager.query(sql, params);
    const seriesIds = ids(plan.series.length);
    await q(
      `INSERT INTO session_series (id, programme_id, kind, title, mode, system_id, start_date, start_time, end_time, rrule, created_at)
       SELECT x.id, $2, x.kind, x.title, x.mode, x.system_id, x.start_date, x.start_time, x.end_time, x.rrule, x.start_date::timestamptz
       FROM unnest($1::uuid[], $3::text[], $4::text[], $5::text[], $6::uuid[], $7::date[], $8::text[], $9::text[], $10::text[])
         AS x(id, kind, title, mode, system_id, start_date, start_time, end_time, rrule)`,
      [
        seriesIds,
        context.programmeId,
        plan.series.map((x) => x.kind),
        plan.series.map((x) => x.title),
        plan.series.map((x) => x.mode),
        plan.series.map((x) => organisationIds.get(x.systemOdsCode) ?? null),
        plan.series.map((x) => x.startDate),
        plan.series.map((x) => x.startTime),
        plan.series.map((x) => x.endTime),
        plan.series.map((x) => x.rrule),
      ],
    );
    const sessions = plan.seriesSessions;
    const sessionIds = ids(sessions.length);
    await q(
      `INSERT INTO session (id, series_id, stage_key, kind, mode, sequence, title, starts_at, ends_at, status, calendar_uid, created_at, updated_at)
       SELECT x.id, x.series_id, 'series', x.kind, x.mode, x.sequence, x.title, x.starts_at, x.ends_at,
              'scheduled', x.id || '@upstand', x.created_at, x.created_at
       FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::int[], $6::text[], $7::timestamptz[],
                   $8::timestamptz[], $9::timestamptz[])
         AS x(id, series_id, kind, mode, sequence, title, starts_at, ends_at, created_at)`,
      [
        sessionIds,
        sessions.map((x) => seriesIds[x.seriesIndex]),
        sessions.map((x) => plan.series[x.seriesIndex]?.kind),
        sessions.map((x) => plan.series[x.seriesIndex]?.mode),
        sessions.map((x) => x.sequence),
        sessions.map((x) => plan.series[x.seriesIndex]?.title),
        sessions.map((x) => x.startsAt.toISOString()),
        sessions.map((x) => x.endsAt.toISOString()),
        sessions.map((x) => `${plan.series[x.seriesIndex]?.startDate}T09:00:00Z`),
      ],
    );
    const came = plan.communityAttendance;
    await q(
      `INSERT INTO community_attendance (session_id, user_id, recorded_at)
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::timestamptz[])`,
      [
        came.map((x) => sessionIds[x.seriesSessionIndex]),
        came.map((x) => userIds[x.delegateIndex]),
        came.map((x) => x.recordedAt.toISOString()),
      ],
    );
  }

  /** evaluation_completion (who answered what, kept apart from the answers) arrived with anonymous evaluation. */
  private async insertCompletions(manager: EntityManager, responseIds: string[]): Promise<void> {
    const [table] = (await manager.query(
      `SELECT to_regclass('evaluation_completion') IS NOT NULL AS "exists"`,
    )) as { exists: boolean }[];
    if (!table?.exists) return;
    await manager.query(
      `INSERT INTO evaluation_completion (enrolment_id, stage, session_key, completed_at)
       SELECT enrolment_id, stage, session_key, submitted_at FROM evaluation_response WHERE id = ANY($1::uuid[])
       ON CONFLICT DO NOTHING`,
      [responseIds],
    );
  }
}
