import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { TemplateStage } from '@upstand/schedule';
import { randomBytes, randomUUID } from 'crypto';
import { DataSource, EntityManager } from 'typeorm';
import { DEMO_DELEGATE_EMAIL, DEMO_JOURNEYS_SEED, DEMO_STEERING, DemoPlan } from './demo-journeys';

/** Synthetic accounts can never sign in: this is not an argon2 hash. */
const NO_PASSWORD = '!synthetic-no-sign-in';

export interface DemoJourneysContext {
  programmeId: string;
  templateId: string;
  instrumentIds: Record<string, string>;
}

type Column = [name: string, type: string];

/** One set-based INSERT (unnest of column arrays) of `rows`, each an array in the order of `columns`. */
async function insertRows(
  manager: EntityManager,
  table: string,
  columns: Column[],
  rows: unknown[][],
): Promise<void> {
  if (rows.length === 0) return;
  await manager.query(
    `INSERT INTO ${table} (${columns.map(([name]) => name).join(', ')})
     SELECT * FROM unnest(${columns.map(([, type], index) => `$${index + 1}::${type}[]`).join(', ')})`,
    columns.map((_, index) => rows.map((row) => row[index] ?? null)),
  );
}

/** How many members from before the demo come to each catch-up held (when there are that many). */
const EARLIER_MEMBERS_PER_CATCH_UP = 14;

const iso = (date: Date | null) => (date ? date.toISOString() : null);

/**
 * Writes the demo journeys inside the caller's transaction, with the `demo_seed` row that says they are there: a
 * start-up killed part-way leaves nothing behind, and a restart finds the row and writes nothing again.
 */
@Injectable()
export class DemoJourneysRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async anchorDate(manager: EntityManager = this.dataSource.manager): Promise<string | null> {
    const [row] = (await manager.query(
      `SELECT to_char(anchor_date, 'YYYY-MM-DD') AS "anchorDate" FROM demo_seed WHERE name = $1`,
      [DEMO_JOURNEYS_SEED],
    )) as { anchorDate: string }[];
    return row?.anchorDate ?? null;
  }

  /** The programme and its current journey template (whose stages the demo cohorts follow). */
  async programme(
    name: string,
  ): Promise<{ programmeId: string; templateId: string; stages: TemplateStage[] } | null> {
    const [row] = (await this.dataSource.query(
      `SELECT p.id AS "programmeId", t.id AS "templateId", t.stages
       FROM programme p JOIN journey_template t ON t.programme_id = p.id
       WHERE p.name = $1 ORDER BY t.version DESC LIMIT 1`,
      [name],
    )) as { programmeId: string; templateId: string; stages: TemplateStage[] }[];
    return row ?? null;
  }

  /**
   * Whether the demo accounts are there as seeded and nobody has used the demo delegate yet (an older demo database
   * someone has played with is left as it is).
   */
  async demoAccountsUntouched(manager: EntityManager): Promise<boolean> {
    const [row] = (await manager.query(
      `SELECT EXISTS (SELECT 1 FROM app_user WHERE email = $1) AS delegate,
              EXISTS (SELECT 1 FROM app_user WHERE email = $2) AS steering,
              EXISTS (SELECT 1 FROM enrolment e JOIN app_user u ON u.id = e.delegate_user_id WHERE u.email = $1) AS used`,
      [DEMO_DELEGATE_EMAIL, DEMO_STEERING],
    )) as { delegate: boolean; steering: boolean; used: boolean }[];
    return !!row && row.delegate && row.steering && !row.used;
  }

  async insert(plan: DemoPlan, context: DemoJourneysContext, manager: EntityManager): Promise<void> {
    await manager.query(`INSERT INTO demo_seed (name, anchor_date) VALUES ($1, $2)`, [
      DEMO_JOURNEYS_SEED,
      plan.anchorDate,
    ]);
    const lookup = async (sql: string, params: unknown[]) =>
      new Map(
        ((await manager.query(sql, params)) as { key: string; id: string }[]).map((row) => [row.key, row.id]),
      );
    const organisations = await lookup(
      `SELECT ods_code AS key, id FROM organisation WHERE ods_code = ANY($1::text[])`,
      [
        [
          ...new Set([
            ...plan.people.map((p) => p.organisationOdsCode),
            ...plan.cohorts.map((c) => c.systemOdsCode),
          ]),
        ],
      ],
    );
    const venues = await lookup(`SELECT name AS key, id FROM venue`, []);
    const facilitators = await lookup(
      `SELECT u.email AS key, f.id FROM facilitator f JOIN app_user u ON u.id = f.user_id`,
      [],
    );
    const steering = await lookup(`SELECT email AS key, id FROM app_user WHERE email = $1`, [DEMO_STEERING]);
    const steeringId = steering.get(DEMO_STEERING) ?? null;

    // People: the demo delegate exists already; everyone else is new and cannot sign in.
    const users = await lookup(`SELECT email AS key, id FROM app_user WHERE email = $1`, [
      DEMO_DELEGATE_EMAIL,
    ]);
    for (const person of plan.people) users.set(person.email, randomUUID());
    await insertRows(
      manager,
      'app_user',
      [
        ['id', 'uuid'],
        ['email', 'text'],
        ['full_name', 'text'],
        ['password_hash', 'text'],
        ['organisation_id', 'uuid'],
        ['created_at', 'timestamptz'],
        ['updated_at', 'timestamptz'],
      ],
      plan.people.map((p) => [
        users.get(p.email),
        p.email,
        p.fullName,
        NO_PASSWORD,
        organisations.get(p.organisationOdsCode),
        iso(p.createdAt),
        iso(p.createdAt),
      ]),
    );
    await insertRows(
      manager,
      'user_role',
      [
        ['user_id', 'uuid'],
        ['role', 'text'],
        ['created_at', 'timestamptz'],
      ],
      plan.people.map((p) => [users.get(p.email), 'delegate', iso(p.createdAt)]),
    );
    await insertRows(
      manager,
      'delegate_profile',
      [
        ['user_id', 'uuid'],
        ['job_title', 'text'],
        ['staff_group', 'text'],
        ['pay_scheme', 'text'],
        ['pay_band', 'text'],
        ['line_manager_name', 'text'],
        ['line_manager_email', 'text'],
        ['updated_at', 'timestamptz'],
      ],
      plan.people.map((p) => [
        users.get(p.email),
        p.jobTitle,
        p.staffGroup,
        p.payScheme,
        p.payBand,
        p.lineManagerName,
        p.lineManagerEmail,
        iso(p.createdAt),
      ]),
    );

    const cohorts = new Map(plan.cohorts.map((c) => [c.key, randomUUID()]));
    await insertRows(
      manager,
      'cohort',
      [
        ['id', 'uuid'],
        ['programme_id', 'uuid'],
        ['template_id', 'uuid'],
        ['name', 'text'],
        ['system_id', 'uuid'],
        ['start_date', 'date'],
        ['capacity', 'int'],
        ['venue', 'text'],
        ['signups_open', 'boolean'],
        ['created_at', 'timestamptz'],
        ['updated_at', 'timestamptz'],
      ],
      plan.cohorts.map((c) => [
        cohorts.get(c.key),
        context.programmeId,
        context.templateId,
        c.name,
        organisations.get(c.systemOdsCode),
        c.startDate,
        c.capacity,
        c.venue,
        c.signupsOpen,
        iso(c.createdAt),
        iso(c.createdAt),
      ]),
    );
    const cohortCreated = new Map(plan.cohorts.map((c) => [c.key, iso(c.createdAt)]));
    const sets = new Map(plan.learningSets.map((s) => [s.key, randomUUID()]));
    await insertRows(
      manager,
      'learning_set',
      [
        ['id', 'uuid'],
        ['cohort_id', 'uuid'],
        ['number', 'int'],
        ['facilitator_id', 'uuid'],
        ['created_at', 'timestamptz'],
      ],
      plan.learningSets.map((s) => [
        sets.get(s.key),
        cohorts.get(s.cohortKey),
        s.number,
        facilitators.get(s.facilitatorEmail),
        cohortCreated.get(s.cohortKey),
      ]),
    );
    const sessions = new Map(plan.sessions.map((s) => [s.key, randomUUID()]));
    await insertRows(
      manager,
      'session',
      [
        ['id', 'uuid'],
        ['cohort_id', 'uuid'],
        ['set_id', 'uuid'],
        ['stage_key', 'text'],
        ['kind', 'text'],
        ['mode', 'text'],
        ['sequence', 'int'],
        ['title', 'text'],
        ['starts_at', 'timestamptz'],
        ['ends_at', 'timestamptz'],
        ['status', 'text'],
        ['calendar_uid', 'text'],
        ['venue_id', 'uuid'],
        ['join_url', 'text'],
        ['created_at', 'timestamptz'],
        ['updated_at', 'timestamptz'],
      ],
      plan.sessions.map((s) => [
        sessions.get(s.key),
        cohorts.get(s.cohortKey),
        s.setKey ? sets.get(s.setKey) : null,
        s.stageKey,
        s.kind,
        s.mode,
        s.sequence,
        s.title,
        iso(s.startsAt),
        iso(s.endsAt),
        'scheduled',
        `${sessions.get(s.key)}@upstand`,
        s.venueName ? venues.get(s.venueName) : null,
        s.joinUrl,
        cohortCreated.get(s.cohortKey),
        cohortCreated.get(s.cohortKey),
      ]),
    );
    const sessionTimes = new Map(plan.sessions.map((s) => [s.key, s]));
    await insertRows(
      manager,
      'session_facilitator',
      [
        ['session_id', 'uuid'],
        ['facilitator_id', 'uuid'],
        ['position', 'int'],
        ['starts_at', 'timestamptz'],
        ['ends_at', 'timestamptz'],
      ],
      plan.sessionFacilitators
        .filter((line) => facilitators.has(line.email))
        .map((line) => [
          sessions.get(line.sessionKey),
          facilitators.get(line.email),
          line.position,
          iso(sessionTimes.get(line.sessionKey)?.startsAt ?? null),
          iso(sessionTimes.get(line.sessionKey)?.endsAt ?? null),
        ]),
    );

    const enrolments = new Map(plan.enrolments.map((e) => [e.key, randomUUID()]));
    const enrolmentOf = new Map(plan.enrolments.map((e) => [e.key, e]));
    await insertRows(
      manager,
      'enrolment',
      [
        ['id', 'uuid'],
        ['cohort_id', 'uuid'],
        ['programme_id', 'uuid'],
        ['delegate_user_id', 'uuid'],
        ['status', 'text'],
        ['created_at', 'timestamptz'],
        ['status_changed_at', 'timestamptz'],
        ['confirmed_at', 'timestamptz'],
        ['withdrawn_at', 'timestamptz'],
        ['completed_at', 'timestamptz'],
        ['did_not_complete_at', 'timestamptz'],
      ],
      plan.enrolments.map((e) => [
        enrolments.get(e.key),
        cohorts.get(e.cohortKey),
        context.programmeId,
        users.get(e.email),
        e.status,
        iso(e.createdAt),
        iso(e.statusChangedAt),
        iso(e.confirmedAt),
        iso(e.withdrawnAt),
        iso(e.completedAt),
        iso(e.didNotCompleteAt),
      ]),
    );
    await insertRows(
      manager,
      'learning_set_member',
      [
        ['enrolment_id', 'uuid'],
        ['set_id', 'uuid'],
      ],
      plan.enrolments
        .filter((e) => e.setKey)
        .map((e) => [enrolments.get(e.key), sets.get(e.setKey as string)]),
    );
    await insertRows(
      manager,
      'approval_request',
      [
        ['enrolment_id', 'uuid'],
        ['token_hash', 'text'],
        ['manager_email', 'text'],
        ['created_at', 'timestamptz'],
        ['expires_at', 'timestamptz'],
      ],
      // No one holds a link to these (the hash is of nothing): the manager approves from My team.
      plan.approvals.map((a) => [
        enrolments.get(a.enrolmentKey),
        randomBytes(32).toString('hex'),
        a.managerEmail,
        iso(a.createdAt),
        iso(a.expiresAt),
      ]),
    );
    await insertRows(
      manager,
      'attendance',
      [
        ['session_id', 'uuid'],
        ['enrolment_id', 'uuid'],
        ['status', 'text'],
        ['method', 'text'],
        ['recorded_at', 'timestamptz'],
      ],
      plan.attendance.map((a) => [
        sessions.get(a.sessionKey),
        enrolments.get(a.enrolmentKey),
        a.status,
        a.method,
        iso(a.recordedAt),
      ]),
    );

    const responses = plan.responses.map((r) => ({ ...r, id: randomUUID() }));
    await insertRows(
      manager,
      'evaluation_response',
      [
        ['id', 'uuid'],
        ['programme_id', 'uuid'],
        ['cohort_id', 'uuid'],
        ['enrolment_id', 'uuid'],
        ['delegate_user_id', 'uuid'],
        ['pairing_key', 'text'],
        ['session_key', 'text'],
        ['stage', 'text'],
        ['instrument_id', 'uuid'],
        ['submitted_at', 'timestamptz'],
        ['updated_at', 'timestamptz'],
      ],
      responses.map((r) => {
        const enrolment = enrolmentOf.get(r.enrolmentKey);
        const userId = enrolment ? users.get(enrolment.email) : null;
        return [
          r.id,
          context.programmeId,
          enrolment ? cohorts.get(enrolment.cohortKey) : null,
          enrolments.get(r.enrolmentKey),
          userId,
          userId,
          r.sessionKey ? sessions.get(r.sessionKey) : '',
          r.stage,
          context.instrumentIds[r.stage],
          iso(r.submittedAt),
          iso(r.submittedAt),
        ];
      }),
    );
    await insertRows(
      manager,
      'evaluation_answer',
      [
        ['response_id', 'uuid'],
        ['item_code', 'text'],
        ['value_number', 'numeric'],
        ['value_text', 'text'],
      ],
      responses.flatMap((r) => r.answers.map((a) => [r.id, a.itemCode, a.valueNumber, a.valueText])),
    );
    await insertRows(
      manager,
      'evaluation_completion',
      [
        ['enrolment_id', 'uuid'],
        ['stage', 'text'],
        ['session_key', 'text'],
        ['completed_at', 'timestamptz'],
      ],
      responses.map((r) => [
        enrolments.get(r.enrolmentKey),
        r.stage,
        r.sessionKey ? sessions.get(r.sessionKey) : '',
        iso(r.submittedAt),
      ]),
    );

    await manager.query(
      `INSERT INTO community_member (user_id, joined_at, in_directory)
       SELECT * FROM unnest($1::uuid[], $2::timestamptz[], $3::boolean[]) ON CONFLICT (user_id) DO NOTHING`,
      [
        plan.community.map((m) => users.get(m.email)),
        plan.community.map((m) => iso(m.joinedAt)),
        plan.community.map((m) => m.inDirectory),
      ],
    );
    const seriesId = randomUUID();
    await insertRows(
      manager,
      'session_series',
      [
        ['id', 'uuid'],
        ['programme_id', 'uuid'],
        ['kind', 'text'],
        ['title', 'text'],
        ['mode', 'text'],
        ['system_id', 'uuid'],
        ['start_date', 'date'],
        ['start_time', 'text'],
        ['end_time', 'text'],
        ['rrule', 'text'],
      ],
      [
        [
          seriesId,
          context.programmeId,
          'community-of-practice',
          plan.series.title,
          'virtual',
          organisations.get('QK1'),
          plan.series.startDate,
          plan.series.startTime,
          plan.series.endTime,
          plan.series.rrule,
        ],
      ],
    );
    const seriesSessions = new Map(plan.seriesSessions.map((s) => [s.key, randomUUID()]));
    await insertRows(
      manager,
      'session',
      [
        ['id', 'uuid'],
        ['series_id', 'uuid'],
        ['stage_key', 'text'],
        ['kind', 'text'],
        ['mode', 'text'],
        ['sequence', 'int'],
        ['title', 'text'],
        ['starts_at', 'timestamptz'],
        ['ends_at', 'timestamptz'],
        ['status', 'text'],
        ['calendar_uid', 'text'],
        ['join_url', 'text'],
      ],
      plan.seriesSessions.map((s) => [
        seriesSessions.get(s.key),
        seriesId,
        'series',
        'community-of-practice',
        'virtual',
        s.sequence,
        plan.series.title,
        iso(s.startsAt),
        iso(s.endsAt),
        'scheduled',
        `${seriesSessions.get(s.key)}@upstand`,
        'https://meet.example.nhs.uk/upstand-demo-community',
      ]),
    );
    await insertRows(
      manager,
      'community_attendance',
      [
        ['session_id', 'uuid'],
        ['user_id', 'uuid'],
        ['recorded_at', 'timestamptz'],
      ],
      plan.communityAttendance.map((a) => [
        seriesSessions.get(a.seriesSessionKey),
        users.get(a.email),
        iso(a.recordedAt),
      ]),
    );

    // Members from before the demo (the synthetic pilot's, in a development database) come to the catch-ups too.
    const held = plan.seriesSessions.filter((s) =>
      plan.communityAttendance.some((a) => a.seriesSessionKey === s.key),
    );
    await manager.query(
      `INSERT INTO community_attendance (session_id, user_id, recorded_at)
       SELECT s.id, m.user_id, s.ends_at + interval '15 minutes'
       FROM session s
       CROSS JOIN LATERAL (
         SELECT cm.user_id FROM community_member cm
         WHERE cm.joined_at < s.starts_at AND NOT (cm.user_id = ANY($2::uuid[]))
         ORDER BY md5(cm.user_id::text || s.id::text) LIMIT $3) m
       WHERE s.id = ANY($1::uuid[])`,
      [
        held.map((s) => seriesSessions.get(s.key)),
        plan.community.map((m) => users.get(m.email)),
        EARLIER_MEMBERS_PER_CATCH_UP,
      ],
    );

    const reviews = new Map(plan.reviews.map((r) => [r.key, randomUUID()]));
    await insertRows(
      manager,
      'programme_review',
      [
        ['id', 'uuid'],
        ['programme_id', 'uuid'],
        ['label', 'text'],
        ['period_start', 'date'],
        ['period_end', 'date'],
        ['closed_at', 'timestamptz'],
        ['created_by_user_id', 'uuid'],
        ['created_at', 'timestamptz'],
      ],
      plan.reviews.map((r) => [
        reviews.get(r.key),
        context.programmeId,
        r.label,
        r.periodStart,
        r.periodEnd,
        iso(r.closedAt),
        steeringId,
        iso(r.createdAt),
      ]),
    );
    await insertRows(
      manager,
      'programme_review_rating',
      [
        ['review_id', 'uuid'],
        ['area', 'text'],
        ['rating', 'text'],
        ['evidence', 'text'],
        ['rated_by_user_id', 'uuid'],
        ['rated_at', 'timestamptz'],
      ],
      plan.reviews.flatMap((r) =>
        r.ratings.map((rating) => [
          reviews.get(r.key),
          rating.area,
          rating.rating,
          rating.evidence,
          steeringId,
          iso(rating.ratedAt),
        ]),
      ),
    );
    await insertRows(
      manager,
      'programme_action',
      [
        ['programme_id', 'uuid'],
        ['action', 'text'],
        ['owner', 'text'],
        ['due_date', 'date'],
        ['status', 'text'],
        ['area', 'text'],
        ['review_id', 'uuid'],
        ['created_by_user_id', 'uuid'],
        ['created_at', 'timestamptz'],
        ['updated_at', 'timestamptz'],
      ],
      plan.actions.map((a) => [
        context.programmeId,
        a.action,
        a.owner,
        a.dueDate,
        a.status,
        a.area,
        reviews.get(a.reviewKey),
        steeringId,
        iso(a.createdAt),
        iso(a.updatedAt),
      ]),
    );
  }
}
