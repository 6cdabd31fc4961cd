import { HEADLINE_ITEM_CODE } from '@upstand/contracts';
import { FOLLOW_UP_AFTER_DAYS } from '../../evaluations/evaluation-windows';
import { DIMENSION_KEY, IS_FREE_TEXT_ANSWER, Params } from '../impact-sql';

/**
 * What is kept for each person, as "facts": a name and a JSON array of dimensions (`dims`), counted per cell of
 * the grains in impact-grains.ts. Each fact's SQL reads `p` (the people being recomputed, rows of impact_person
 * plus `p_programme`) and only their own responses, places and attendance, so recomputing a few people costs a
 * few index lookups, and recomputing everyone is the same SQL over all of `p`.
 *
 * The definitions follow the reports' computation as it stood before aggregates (kept as the reference in
 * api/test/support/impact-reference/, against which a property test checks every report): a change to what a
 * report counts is a change here.
 */
export interface FactDefinition {
  name: string;
  /** Rows of `p` (every column) plus `dims` (jsonb array). */
  sql: (params: Params, programmeId: string) => string;
  /** Up to three numeric expressions over those rows, summed exactly beside the count (s1, s2, s3). */
  sums?: [string, string, string];
}

export const STAGES = ['pre', 'post', 'follow-up'] as const;
export type FactStage = (typeof STAGES)[number];

/** Stage pairs kept in their questionnaire order; a report from a later stage to an earlier one reads them swapped. */
export const STAGE_PAIRS: [FactStage, FactStage][] = [
  ['pre', 'post'],
  ['pre', 'follow-up'],
  ['post', 'follow-up'],
];

/** The equality and staff dimensions, which come from each person's profile rather than from where they are. */
export const PROFILE_DIMENSIONS = ['staff-group', 'pay-band', 'ethnicity', 'disability'] as const;
export type ProfileDimension = (typeof PROFILE_DIMENSIONS)[number];

const peopleCohorts = `SELECT DISTINCT cohort_id FROM p`;

/** The financial year (April–March, Europe/London) a timestamp falls in, named by the year it starts. */
const financialYearOf = (column: string) =>
  `(extract(year FROM ${column} AT TIME ZONE 'Europe/London')::int
    - CASE WHEN extract(month FROM ${column} AT TIME ZONE 'Europe/London') < 4 THEN 1 ELSE 0 END)`;

/**
 * Per person: which stages they answered (the evaluation questionnaires, not session feedback). Each is one probe
 * of the (programme, stage, pairing key, session) unique index, so it costs the same for one person or many.
 */
const answeredAt = (stage: FactStage) => `EXISTS (SELECT 1 FROM evaluation_response r
  WHERE r.programme_id = p.p_programme AND r.stage = '${stage}' AND r.pairing_key = p.person_key AND r.session_key = '')`;
const ANSWERED = `(SELECT ${answeredAt('pre')} AS has_pre, ${answeredAt('post')} AS has_post,
                          ${answeredAt('follow-up')} AS has_fu) answered`;

/**
 * Whether a person was asked a stage's questionnaire: pre opens at sign-up (everyone whose place was ever
 * confirmed, including those who withdrew later); post and follow-up when their opening is recorded in
 * questionnaire_window (see ImpactWindowsJob) for places still held. Answering makes someone asked whatever
 * happened later, so no rate passes 100%. People known only by an anonymous code are asked when they answered.
 */
function asked(stage: FactStage, hasAnswered: string): string {
  const held = `pe.status IN ('confirmed', 'completed', 'did-not-complete')`;
  const window =
    stage === 'pre'
      ? `(pe.confirmed_at IS NOT NULL OR ${held})`
      : `(${held} AND EXISTS (SELECT 1 FROM questionnaire_window qw WHERE qw.cohort_id = p.cohort_id AND qw.stage = '${stage}'))`;
  return `(coalesce(${window}, false) OR coalesce(${hasAnswered}, false))`;
}

/** Each person's response at `from` (rf) and at `to` (rt): one each, through the unique index. */
function responsePair(params: Params, from: string, to: string): string {
  return `
    JOIN evaluation_response rf ON rf.programme_id = p.p_programme AND rf.stage = ${params.add(from)} AND rf.pairing_key = p.person_key AND rf.session_key = ''
    JOIN evaluation_response rt ON rt.programme_id = p.p_programme AND rt.stage = ${params.add(to)} AND rt.pairing_key = p.person_key AND rt.session_key = ''`;
}

/**
 * The numeric answers of rf (f) and rt (t) to the same items. Used inside a LATERAL, so answers are always looked
 * up by response — never by item across everyone's answers, which a planner without statistics on a freshly
 * written table would otherwise choose.
 */
const SAME_ITEM_ANSWERS = `evaluation_answer f JOIN evaluation_answer t ON t.response_id = rt.id AND t.item_code = f.item_code`;
const BOTH_NUMERIC = `f.response_id = rf.id AND f.value_number IS NOT NULL AND t.value_number IS NOT NULL`;

/** Paired answers as `pa` (item_code, f_value, t_value), optionally for one item. */
function pairedAnswers(params: Params, from: string, to: string, itemCode?: string): string {
  return `${responsePair(params, from, to)}
    JOIN LATERAL (SELECT f.item_code, f.value_number AS f_value, t.value_number AS t_value FROM ${SAME_ITEM_ANSWERS}
                  WHERE ${BOTH_NUMERIC}${itemCode === undefined ? '' : ` AND f.item_code = ${params.add(itemCode)}`}) pa ON TRUE`;
}

const profileJoins = `LEFT JOIN delegate_profile dp ON dp.user_id = p.user_id
                      LEFT JOIN equality_monitoring em ON em.user_id = p.user_id`;

/** The current questionnaire's items of a stage (the latest version), as the items report reads them. */
function currentItems(params: Params, programme: string, stage: string): string {
  return `(SELECT item FROM (SELECT items FROM instrument WHERE programme_id = ${programme} AND stage = ${params.add(stage)}
                             ORDER BY version DESC LIMIT 1) i, jsonb_array_elements(i.items) item)`;
}

/**
 * The items a construct score is made of when comparing `from` with `to`: the `to` questionnaire's numeric items
 * with a construct (not yes/no, not retrospective) that the `from` questionnaire also asks; 0–10 scales are
 * rescaled to 1–5.
 */
function constructMembers(params: Params, programme: string, from: string, to: string): string {
  return `SELECT item->>'code' AS code, item->>'construct' AS construct,
                 (CASE WHEN item->>'type' = 'scale-0-10' THEN 0.4 ELSE 1 END)::float8 AS scale,
                 (CASE WHEN item->>'type' = 'scale-0-10' THEN 1 ELSE 0 END)::float8 AS "offset"
          FROM ${currentItems(params, programme, to)} t
          WHERE item->>'type' IN ('likert-5', 'scale-0-10') AND coalesce(item->>'construct', '') <> ''
            AND NOT coalesce((item->>'retrospective')::boolean, false)
            AND item->>'code' IN (SELECT f.item->>'code' FROM ${currentItems(params, programme, from)} f)`;
}

const responses: FactDefinition = {
  name: 'responses',
  // [certified, answered pre, post, follow-up, asked pre, post, follow-up]
  sql: () => `
    SELECT p.*, jsonb_build_array(p.status = 'completed', coalesce(answered.has_pre, false),
             coalesce(answered.has_post, false), coalesce(answered.has_fu, false),
             ${asked('pre', 'answered.has_pre')}, ${asked('post', 'answered.has_post')},
             ${asked('follow-up', 'answered.has_fu')}) AS dims
    FROM p CROSS JOIN LATERAL ${ANSWERED} LEFT JOIN enrolment pe ON pe.id = p.enrolment_id`,
};

/** [item, answer at the first stage, answer at the second] for every numeric answer given at both. */
const pairs = ([from, to]: [FactStage, FactStage]): FactDefinition => ({
  name: `pairs:${from}:${to}`,
  sql: (params) => `
    SELECT p.*, jsonb_build_array(pa.item_code, pa.f_value, pa.t_value) AS dims
    FROM p ${pairedAnswers(params, from, to)}`,
});

/** [the items a person answered numerically at both stages], from which a construct's paired people are read. */
const pairedItems = ([from, to]: [FactStage, FactStage]): FactDefinition => ({
  name: `paired-items:${from}:${to}`,
  sql: (params) => `
    SELECT p.*, jsonb_build_array(x.items) AS dims
    FROM p ${responsePair(params, from, to)}
    JOIN LATERAL (SELECT jsonb_agg(f.item_code ORDER BY f.item_code) AS items FROM ${SAME_ITEM_ANSWERS}
                  WHERE ${BOTH_NUMERIC}) x ON x.items IS NOT NULL`,
});

/**
 * [construct], with each person's score at `from` and at `to` (the mean of the construct's items they answered at
 * both, in numeric) summed exactly beside the count: s1 = Σ score at `from`, s2 = Σ score at `to`, s3 = Σ change².
 * So a construct's n, means and SD of change come from a handful of rows at any grain, exactly, whatever order
 * rows are read in. Kept for both orders of each pair because which items belong to a construct is read from
 * the later-named stage's questionnaire.
 */
const constructScores = ([from, to]: [FactStage, FactStage]): FactDefinition => ({
  name: `construct-scores:${from}:${to}`,
  sql: (params, programme) => `
    WITH m AS MATERIALIZED (${constructMembers(params, programme, from, to)})
    SELECT p.*, jsonb_build_array(s.construct) AS dims, s.s_from, s.s_to
    FROM p ${responsePair(params, from, to)}
    JOIN LATERAL (SELECT m.construct,
                         avg(f.value_number::numeric * m.scale::numeric + m."offset"::numeric) AS s_from,
                         avg(t.value_number::numeric * m.scale::numeric + m."offset"::numeric) AS s_to
                  FROM ${SAME_ITEM_ANSWERS} JOIN m ON m.code = f.item_code
                  WHERE ${BOTH_NUMERIC}
                  GROUP BY m.construct) s ON TRUE`,
  sums: ['s_from', 's_to', '(s_to - s_from) * (s_to - s_from)'],
});

/**
 * [] for each person paired on the headline item (a numeric answer to it at pre and at post): the base of its change
 * in a breakdown by cohort or organisation, without reading the answers' pairs. A national breakdown by cohort read
 * the headline item's pairs from 114,000 cohort × organisation rows (85 ms at 200,000 delegates); kept per whole
 * cohort this is one row each.
 */
const headlinePaired: FactDefinition = {
  name: 'headline-paired',
  sql: (params) => `
    SELECT p.*, '[]'::jsonb AS dims
    FROM p ${pairedAnswers(params, 'pre', 'post', HEADLINE_ITEM_CODE)}`,
};

/** [category, certified, answered pre and post] for a profile dimension. */
const breakdown = (dimension: ProfileDimension): FactDefinition => ({
  name: `breakdown:${dimension}`,
  sql: () => `
    SELECT p.*, jsonb_build_array(${DIMENSION_KEY[dimension]}, p.status = 'completed',
             coalesce(answered.has_pre AND answered.has_post, false)) AS dims
    FROM p ${profileJoins} CROSS JOIN LATERAL ${ANSWERED}`,
});

/** [category, headline answer before, after] for a profile dimension: the headline item's change per category. */
const headline = (dimension: ProfileDimension): FactDefinition => ({
  name: `headline:${dimension}`,
  sql: (params) => `
    SELECT p.*, jsonb_build_array(${DIMENSION_KEY[dimension]}, pa.f_value, pa.t_value) AS dims
    FROM p ${profileJoins} ${pairedAnswers(params, 'pre', 'post', HEADLINE_ITEM_CODE)}`,
});

/**
 * [furthest stage reached short of "active", the financial years in which they attended a Community of Practice
 * session] per delegate: 1 confirmed a place (ever), 2 attended a workshop session, 3 also attended the action
 * learning sets their template's completion rule asks for (all sets held when it names none or more than are
 * held), 4 certified. Whether a certified person was active depends on the years a report asks for, so it is
 * decided when reading.
 */
const funnel: FactDefinition = {
  name: 'funnel',
  sql: (params, programme) => `
      SELECT p.*, jsonb_build_array(
        CASE WHEN p.status = 'completed' THEN 4
             WHEN coalesce(attended.workshop, false) AND set_sessions.sets > 0
                  AND coalesce(attended.sets, 0) >= CASE
                    WHEN jsonb_typeof(t.completion_rule->'action-learning-set') = 'number'
                      THEN least((t.completion_rule->>'action-learning-set')::int, set_sessions.sets)
                    ELSE set_sessions.sets END THEN 3
             WHEN coalesce(attended.workshop, false) THEN 2
             WHEN pe.confirmed_at IS NOT NULL OR p.status IN ('confirmed', 'did-not-complete') THEN 1
             ELSE 0 END,
        coalesce(active.years, '[]'::jsonb)) AS dims
      FROM p
      JOIN enrolment pe ON pe.id = p.enrolment_id
      JOIN cohort pc ON pc.id = p.cohort_id
      LEFT JOIN journey_template t ON t.id = pc.template_id
      LEFT JOIN (SELECT s.cohort_id, count(DISTINCT s.sequence)::int AS sets FROM session s
                 WHERE s.cohort_id IN (${peopleCohorts}) AND s.kind = 'action-learning-set' AND s.status = 'scheduled'
                 GROUP BY s.cohort_id) set_sessions ON set_sessions.cohort_id = p.cohort_id
      LEFT JOIN (SELECT a.enrolment_id, bool_or(s.kind = 'workshop') AS workshop,
                        count(DISTINCT s.sequence) FILTER (WHERE s.kind = 'action-learning-set') AS sets
                 FROM attendance a JOIN session s ON s.id = a.session_id JOIN cohort c ON c.id = s.cohort_id
                 WHERE a.enrolment_id IN (SELECT enrolment_id FROM p) AND c.programme_id = ${programme}
                   AND a.status IN ('present', 'late')
                 GROUP BY a.enrolment_id) attended ON attended.enrolment_id = p.enrolment_id
      LEFT JOIN (
        SELECT user_id, jsonb_agg(DISTINCT fy ORDER BY fy) AS years FROM (
          SELECT ca.user_id, ${financialYearOf('s.starts_at')} AS fy
          FROM community_attendance ca JOIN session s ON s.id = ca.session_id
          LEFT JOIN cohort c ON c.id = s.cohort_id LEFT JOIN session_series se ON se.id = s.series_id
          WHERE ca.user_id IN (SELECT user_id FROM p) AND coalesce(c.programme_id, se.programme_id) = ${programme}
            AND s.status = 'scheduled' AND s.kind IN ('community-of-practice', 'celebration-event')
          UNION
          SELECT e.delegate_user_id, ${financialYearOf('s.starts_at')}
          FROM enrolment e JOIN attendance a ON a.enrolment_id = e.id AND a.status IN ('present', 'late')
          JOIN session s ON s.id = a.session_id
          LEFT JOIN cohort c ON c.id = s.cohort_id LEFT JOIN session_series se ON se.id = s.series_id
          WHERE e.delegate_user_id IN (SELECT user_id FROM p) AND coalesce(c.programme_id, se.programme_id) = ${programme}
            AND s.status = 'scheduled' AND s.kind IN ('community-of-practice', 'celebration-event')) attended_years
        GROUP BY user_id) active ON active.user_id = p.user_id
      WHERE p.user_id IS NOT NULL`,
};

/**
 * [stage] for each questionnaire at which a person wrote a free-text answer, with how many such answers they gave
 * summed beside the count (s1): a view's comments, counted without reading them.
 */
const comments: FactDefinition = {
  name: 'comments',
  sql: () => `
    SELECT p.*, jsonb_build_array(r.stage) AS dims, written.answers
    FROM p JOIN evaluation_response r ON r.programme_id = p.p_programme AND r.stage IN ('pre', 'post', 'follow-up')
                                     AND r.pairing_key = p.person_key AND r.session_key = ''
    JOIN instrument i ON i.id = r.instrument_id
    JOIN LATERAL (SELECT count(*)::numeric AS answers FROM evaluation_answer a
                  WHERE a.response_id = r.id AND a.value_text IS NOT NULL AND ${IS_FREE_TEXT_ANSWER}) written
      ON written.answers > 0`,
  sums: ['answers', 'NULL::numeric', 'NULL::numeric'],
};

/** [calendar quarter of certification, Europe/London] for certified people. */
const cumulative: FactDefinition = {
  name: 'cumulative',
  sql: () => `
    SELECT p.*, jsonb_build_array(to_char(p.completed_at AT TIME ZONE 'Europe/London', 'YYYY-"Q"Q')) AS dims
    FROM p WHERE p.status = 'completed' AND p.completed_at IS NOT NULL`,
};

export const FACTS: FactDefinition[] = [
  responses,
  ...STAGE_PAIRS.map(pairs),
  ...STAGE_PAIRS.map(pairedItems),
  ...STAGE_PAIRS.flatMap(([a, b]) => [constructScores([a, b]), constructScores([b, a])]),
  ...PROFILE_DIMENSIONS.map(breakdown),
  ...PROFILE_DIMENSIONS.map(headline),
  headlinePaired,
  funnel,
  cumulative,
  comments,
];

/** The SQL of each programme's people (each delegate once at their latest place, each anonymous code once). */
export function peopleSql(programme: string, keys: { userIds: string; codes: string } | null): string {
  const delegates = keys ? `AND e.delegate_user_id = ANY(${keys.userIds}::uuid[])` : '';
  const codes = keys ? `AND r.pairing_key = ANY(${keys.codes}::text[])` : '';
  return `
    WITH person AS (
      (SELECT DISTINCT ON (e.delegate_user_id) e.delegate_user_id::text AS person_key, e.delegate_user_id AS user_id,
              e.id AS enrolment_id, e.status, e.cohort_id, e.completed_at, u.organisation_id,
              coalesce(CASE WHEN o.type = 'icb' THEN o.id ELSE o.system_id END, c.system_id) AS system_id
       FROM enrolment e
       JOIN app_user u ON u.id = e.delegate_user_id
       JOIN cohort c ON c.id = e.cohort_id
       LEFT JOIN organisation o ON o.id = u.organisation_id
       WHERE e.programme_id = ${programme} ${delegates}
       ORDER BY e.delegate_user_id, e.created_at DESC)
      UNION ALL
      (SELECT DISTINCT ON (r.pairing_key) r.pairing_key, NULL::uuid, NULL::uuid, NULL::varchar, r.cohort_id,
              NULL::timestamptz, NULL::uuid, c.system_id
       FROM evaluation_response r JOIN cohort c ON c.id = r.cohort_id
       WHERE r.programme_id = ${programme} AND r.delegate_user_id IS NULL AND r.session_key = '' ${codes}
       ORDER BY r.pairing_key, r.updated_at DESC))
    SELECT ${programme}::uuid AS programme_id, person.person_key, person.user_id, person.enrolment_id, person.status,
           person.cohort_id, person.completed_at, person.organisation_id, person.system_id,
           c.system_id AS cohort_system_id, c.start_date,
           (extract(year FROM c.start_date)::int - CASE WHEN extract(month FROM c.start_date) < 4 THEN 1 ELSE 0 END) AS fy,
           CASE WHEN s.is_home_system THEN 'home' ELSE 'scale-up' END AS grp
    FROM person JOIN cohort c ON c.id = person.cohort_id LEFT JOIN organisation s ON s.id = person.system_id`;
}

/**
 * The post and follow-up questionnaires that have opened, per cohort (optionally only `cohorts`, a uuid[]
 * placeholder): post opens at the end of the cohort's last action learning set, else of its last session.
 */
export function windowsDue(cohorts?: string): string {
  return `
  WITH win AS (
    SELECT s.cohort_id, coalesce(max(s.ends_at) FILTER (WHERE s.kind = 'action-learning-set'), max(s.ends_at)) AS post_opens
    FROM session s WHERE ${cohorts ? `s.cohort_id = ANY(${cohorts}::uuid[])` : 's.cohort_id IS NOT NULL'} AND s.status = 'scheduled'
    GROUP BY s.cohort_id)
  SELECT cohort_id, 'post' AS stage, post_opens AS opened_at FROM win WHERE post_opens <= now()
  UNION ALL
  SELECT cohort_id, 'follow-up', post_opens + interval '${FOLLOW_UP_AFTER_DAYS} days' FROM win
  WHERE post_opens + interval '${FOLLOW_UP_AFTER_DAYS} days' <= now()`;
}

/**
 * Each programme's Community of Practice reporting year (optionally only `programmes`, a uuid[] placeholder): the
 * latest financial year in which it has held a catch-up or the celebration event, that is, one still scheduled
 * that has started. An undated funnel counts who was active in that year. Found by reading each programme's
 * sessions back from now by start time: a few rows, where a max() read all 180,000 at national scale.
 */
export function communityYearsDue(programmes?: string): string {
  return `
  SELECT pr.id AS programme_id, latest.fy FROM programme pr
  CROSS JOIN LATERAL (
    SELECT ${financialYearOf('s.starts_at')} AS fy
    FROM session s LEFT JOIN cohort c ON c.id = s.cohort_id LEFT JOIN session_series se ON se.id = s.series_id
    WHERE coalesce(c.programme_id, se.programme_id) = pr.id AND s.status = 'scheduled'
      AND s.kind IN ('community-of-practice', 'celebration-event') AND s.starts_at <= now()
    ORDER BY s.starts_at DESC LIMIT 1) latest${
      programmes
        ? `
  WHERE pr.id = ANY(${programmes}::uuid[])`
        : ''
    }`;
}
