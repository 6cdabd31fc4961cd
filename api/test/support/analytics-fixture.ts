import { ApiClient, TestApp } from './test-app';

/**
 * A small, fully known programme for analytics tests: 68 delegates in 4 organisations of 3 systems (the home
 * system QK1 and scale-up QPM, QJM), 4 cohorts over two financial years, realistic drop-out, equality data with
 * "prefer not to say" and gaps, and pre/post answers to the default questionnaire. Built straight in SQL so the
 * numbers are exact and the test can check every figure against them.
 */
export interface AnalyticsFixture {
  programmeId: string;
  systems: Record<'QK1' | 'QPM' | 'QJM', string>;
  organisations: Record<'RWE' | 'RT5' | 'RP1' | 'ZZT01' | 'ZZT02', string>;
  cohorts: { id: string; name: string; system: 'QK1' | 'QPM' | 'QJM'; startDate: string; fy: number }[];
  people: FixturePerson[];
}

export interface FixturePerson {
  index: number;
  organisation: 'RWE' | 'RT5' | 'RP1' | 'ZZT01' | 'ZZT02';
  system: 'QK1' | 'QPM' | 'QJM';
  cohort: number;
  status: 'completed' | 'did-not-complete' | 'withdrawn';
  ethnicCategory: string | null;
  disability: string | null;
  pre: Record<string, number | string> | null;
  post: Record<string, number | string> | null;
}

const COHORTS = [
  { name: 'Analytics 2022-10 LLR', system: 'QK1', startDate: '2022-10-10', fy: 2022 },
  { name: 'Analytics 2023-05 LLR', system: 'QK1', startDate: '2023-05-15', fy: 2023 },
  { name: 'Analytics 2023-01 Northamptonshire', system: 'QPM', startDate: '2023-01-16', fy: 2022 },
  { name: 'Analytics 2023-09 Lincolnshire', system: 'QJM', startDate: '2023-09-11', fy: 2023 },
] as const;

const ALLOCATION: {
  organisation: FixturePerson['organisation'];
  system: FixturePerson['system'];
  cohort: number;
  count: number;
}[] = [
  { organisation: 'RWE', system: 'QK1', cohort: 0, count: 18 },
  { organisation: 'RWE', system: 'QK1', cohort: 1, count: 12 },
  { organisation: 'RT5', system: 'QK1', cohort: 0, count: 7 },
  { organisation: 'RT5', system: 'QK1', cohort: 1, count: 7 },
  { organisation: 'RP1', system: 'QPM', cohort: 2, count: 12 },
  { organisation: 'RP1', system: 'QPM', cohort: 3, count: 6 },
  { organisation: 'ZZT01', system: 'QJM', cohort: 3, count: 6 },
  // A small organisation whose staff all went to one cohort with another organisation's: its view sits inside the
  // cohort's, outside the organisation → system hierarchy.
  { organisation: 'ZZT02', system: 'QPM', cohort: 2, count: 13 },
];

function answers(index: number, after: boolean): Record<string, number | string> {
  const headlinePre = 2 + (index % 3);
  const headline = after ? Math.min(5, headlinePre + (index % 4 === 0 ? 0 : 1)) : headlinePre;
  const scale = (offset: number) => Math.min(10, 3 + ((index + offset) % 4) + (after ? 2 : 0));
  const result: Record<string, number | string> = {
    confidence_intervene: headline,
    d_direct: scale(0),
    d_distract: scale(1),
    d_delegate: scale(2),
    d_delay: scale(3),
    d_document: scale(4),
    likely_intervene: Math.min(5, 3 + (index % 2) + (after && index % 3 === 0 ? 1 : 0)),
    know_support: after ? (index % 5 === 0 ? 0 : 1) : index % 2,
    safe_speak_up: 3 + (index % 2),
  };
  if (after && index % 3 === 0)
    result['do_differently'] = `I will use Delay more often. Thanks to Analytics Person${index} for the idea`;
  return result;
}

export function fixturePeople(): FixturePerson[] {
  const people: FixturePerson[] = [];
  let index = 0;
  for (const group of ALLOCATION) {
    for (let i = 0; i < group.count; i++, index++) {
      const status = index % 7 === 3 ? 'did-not-complete' : index % 11 === 5 ? 'withdrawn' : 'completed';
      people.push({
        index,
        organisation: group.organisation,
        system: group.system,
        cohort: group.cohort,
        status,
        ethnicCategory: [null, 'A', 'H', 'Z', 'B', 'N'][index % 6] ?? null,
        disability: [null, 'no', 'yes', 'prefer-not-to-say', 'no'][index % 5] ?? null,
        pre: index % 5 === 4 ? null : answers(index, false),
        post: status === 'completed' && index % 3 !== 2 ? answers(index, true) : null,
      });
    }
  }
  return people;
}

/** `people` lets a test enlarge the population, e.g. to reach p-values far below any fixed number of decimals. */
export async function buildAnalyticsFixture(
  testApp: TestApp,
  lead: ApiClient,
  people: FixturePerson[] = fixturePeople(),
): Promise<AnalyticsFixture> {
  const sql = testApp.sql;
  const [programme] = await sql(
    `INSERT INTO programme (name) VALUES ('Analytics test programme') RETURNING id`,
  );
  const programmeId = (programme as { id: string }).id;
  const [template] = await sql(
    `INSERT INTO journey_template (programme_id, version, stages, completion_rule) VALUES ($1, 1, '[]'::jsonb, '{"workshop": "all"}'::jsonb) RETURNING id`,
    [programmeId],
  );
  await lead.get(`/api/programmes/${programmeId}/instruments`).expect(200);
  const [region] = await sql(`SELECT region_id FROM organisation WHERE ods_code = 'QJM'`);
  await sql(
    `INSERT INTO organisation (ods_code, name, type, region_id, system_id, valid_from)
     SELECT 'ZZT01', 'Synthetic Lincolnshire Trust', 'acute-trust', $1, id, '2020-01-01' FROM organisation WHERE ods_code = 'QJM'`,
    [(region as { region_id: string }).region_id],
  );
  await sql(
    `INSERT INTO organisation (ods_code, name, type, region_id, system_id, valid_from)
     SELECT 'ZZT02', 'Synthetic Northamptonshire Community Trust', 'mental-health-community-trust', region_id, id, '2020-01-01'
     FROM organisation WHERE ods_code = 'QPM'`,
  );
  const orgRows = (await sql(
    `SELECT ods_code, id FROM organisation WHERE ods_code IN ('QK1', 'QPM', 'QJM', 'RWE', 'RT5', 'RP1', 'ZZT01', 'ZZT02')`,
  )) as { ods_code: string; id: string }[];
  const ids = Object.fromEntries(orgRows.map((row) => [row.ods_code, row.id])) as Record<string, string>;

  const cohorts: AnalyticsFixture['cohorts'] = [];
  for (const cohort of COHORTS) {
    const [row] = await sql(
      `INSERT INTO cohort (programme_id, template_id, name, system_id, start_date, capacity) VALUES ($1, $2, $3, $4, $5, 40) RETURNING id`,
      [programmeId, (template as { id: string }).id, cohort.name, ids[cohort.system], cohort.startDate],
    );
    const id = (row as { id: string }).id;
    await sql(
      `INSERT INTO session (cohort_id, stage_key, kind, mode, sequence, title, starts_at, ends_at, calendar_uid)
       VALUES ($1, 'workshop', 'workshop', 'in-person', 1, 'Workshop', $2::date + time '09:00', $2::date + time '16:30', gen_random_uuid()::text)`,
      [id, cohort.startDate],
    );
    cohorts.push({
      id,
      name: cohort.name,
      system: cohort.system,
      startDate: cohort.startDate,
      fy: cohort.fy,
    });
  }

  // A Community of Practice catch-up a month ago: the latest reporting year's, so an undated funnel counts it.
  const [series] = await sql(
    `INSERT INTO session_series (programme_id, kind, title, mode, start_date, start_time, end_time, rrule)
     VALUES ($1, 'community-of-practice', 'Catch-up', 'virtual', current_date - 30, '12:30', '13:30', 'FREQ=MONTHLY;COUNT=1')
     RETURNING id`,
    [programmeId],
  );
  const [catchUp] = await sql(
    `INSERT INTO session (series_id, stage_key, kind, mode, sequence, title, starts_at, ends_at, calendar_uid)
     VALUES ($1, 'series', 'community-of-practice', 'virtual', 1, 'Catch-up', now() - interval '30 days',
             now() - interval '30 days' + interval '1 hour', gen_random_uuid()::text)
     RETURNING id`,
    [(series as { id: string }).id],
  );
  const instruments = (await sql(`SELECT id, stage FROM instrument WHERE programme_id = $1`, [
    programmeId,
  ])) as {
    id: string;
    stage: string;
  }[];
  const instrumentId = (stage: string) => instruments.find((row) => row.stage === stage)?.id;
  if (!instrumentId('pre') || !instrumentId('post')) throw new Error('Publish the default instruments first');

  for (const person of people) {
    const cohort = cohorts[person.cohort];
    const [user] = await sql(
      `INSERT INTO app_user (email, full_name, password_hash, organisation_id) VALUES ($1, $2, 'not-a-hash', $3) RETURNING id`,
      [`analytics-${person.index}@nhs.test`, `Analytics Person${person.index}`, ids[person.organisation]],
    );
    const userId = (user as { id: string }).id;
    await sql(
      `INSERT INTO delegate_profile (user_id, job_title, staff_group, pay_scheme, pay_band, line_manager_name, line_manager_email)
       VALUES ($1, 'Nurse', $2, 'agenda-for-change', $3, 'Manager', 'manager@nhs.test')`,
      [
        userId,
        ['Nursing and Midwifery Registered', 'Administrative and Clerical', 'Allied Health Professionals'][
          person.index % 3
        ],
        ['3', '5', '6', '7'][person.index % 4],
      ],
    );
    if (person.ethnicCategory || person.disability)
      await sql(
        `INSERT INTO equality_monitoring (user_id, ethnic_category, disability) VALUES ($1, $2, $3)`,
        [userId, person.ethnicCategory, person.disability],
      );
    const [enrolment] = await sql(
      `INSERT INTO enrolment (cohort_id, programme_id, delegate_user_id, status, confirmed_at, completed_at, withdrawn_at, did_not_complete_at)
       VALUES ($1, $2, $3, $4::varchar, now(), CASE WHEN $4::varchar = 'completed' THEN $5::date + 150 END,
               CASE WHEN $4::varchar = 'withdrawn' THEN now() END, CASE WHEN $4::varchar = 'did-not-complete' THEN now() END)
       RETURNING id`,
      [cohort.id, programmeId, userId, person.status, cohort.startDate],
    );
    const enrolmentId = (enrolment as { id: string }).id;
    if (person.status !== 'withdrawn')
      await sql(
        `INSERT INTO attendance (session_id, enrolment_id, status) SELECT id, $2, 'present' FROM session WHERE cohort_id = $1`,
        [cohort.id, enrolmentId],
      );
    if (person.status === 'completed')
      await sql(`INSERT INTO community_member (user_id) VALUES ($1)`, [userId]);
    if (person.status === 'completed' && person.index % 2 === 0)
      await sql(`INSERT INTO community_attendance (session_id, user_id) VALUES ($1, $2)`, [
        (catchUp as { id: string }).id,
        userId,
      ]);
    for (const [stage, given] of [
      ['pre', person.pre],
      ['post', person.post],
    ] as const) {
      if (!given) continue;
      const [response] = await sql(
        `INSERT INTO evaluation_response (programme_id, cohort_id, enrolment_id, delegate_user_id, pairing_key, stage, instrument_id)
         VALUES ($1, $2, $3, $4::uuid, $4::text, $5, $6) RETURNING id`,
        [programmeId, cohort.id, enrolmentId, userId, stage, instrumentId(stage)],
      );
      const entries = Object.entries(given);
      await sql(
        `INSERT INTO evaluation_answer (response_id, item_code, value_number, value_text)
         SELECT $1, x.code, x.num, x.txt FROM unnest($2::text[], $3::numeric[], $4::text[]) AS x(code, num, txt)`,
        [
          (response as { id: string }).id,
          entries.map(([code]) => code),
          entries.map(([, value]) => (typeof value === 'number' ? value : null)),
          entries.map(([, value]) => (typeof value === 'string' ? value : null)),
        ],
      );
    }
  }
  return {
    programmeId,
    systems: { QK1: ids['QK1'] as string, QPM: ids['QPM'] as string, QJM: ids['QJM'] as string },
    organisations: {
      RWE: ids['RWE'] as string,
      RT5: ids['RT5'] as string,
      RP1: ids['RP1'] as string,
      ZZT01: ids['ZZT01'] as string,
      ZZT02: ids['ZZT02'] as string,
    },
    cohorts,
    people,
  };
}
