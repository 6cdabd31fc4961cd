/**
 * REFERENCE COPY, frozen: the SQL helpers of api/src/modules/analytics/impact-sql.ts as it stood at commit 56fb4a6, before the Impact aggregates (issue 13) replaced
 * the repositories' internals. The property test (api/test/impact-aggregates.property.int-spec.ts) runs the app
 * beside a second app whose report repositories are these classes, on the same database, and checks every report
 * gives the same figures ("keep it as the reference in the test"). Do not change this file when the app's
 * repositories change: it is the full computation from every answer that the aggregates must keep agreeing with.
 * It imports nothing from the app but libs/contracts, so edits to the app cannot move the reference.
 */
import { BreakdownDimension } from '@upstand/contracts';
/** FOLLOW_UP_AFTER_DAYS of evaluation-windows.ts at the time of the copy. */
const FOLLOW_UP_AFTER_DAYS = 91;

/**
 * SQL shared by the Impact reports' repositories: query parameters, the shape of a report's source of cells and
 * the fragments several reports join in (who answered, who was asked, paired answers, breakdown categories).
 */

/** Collects query parameters and hands out their placeholders. */
export class Params {
  readonly values: unknown[] = [];
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/** Where a report's counts come from: rows of p plus dimension columns d1…dn, turned into named cells. */
export interface CellSource {
  dimensions: string[];
  sql: (params: Params) => string;
  toCells: (dimensions: unknown[], n: number) => [string, number][];
}

/** The category a person falls in for each breakdown (equality data is only ever grouped, never listed). */
export const DIMENSION_KEY: Record<BreakdownDimension, string> = {
  group: 'p.grp',
  system: 'p.system_id::text',
  organisation: "coalesce(p.organisation_id::text, 'unknown')",
  cohort: 'p.cohort_id::text',
  'staff-group': "coalesce(dp.staff_group, 'not-known')",
  'pay-band':
    "coalesce(CASE WHEN dp.pay_band IS NOT NULL THEN 'band-' || dp.pay_band ELSE dp.pay_scheme END, 'not-known')",
  ethnicity: `CASE WHEN em.ethnic_category IN ('A', 'B', 'C') THEN 'white'
                   WHEN em.ethnic_category IS NOT NULL AND em.ethnic_category <> 'Z' THEN 'bme'
                   ELSE 'not-stated' END`,
  disability: "coalesce(em.disability, 'not-stated')",
};

/** The answer `a` is to a free-text item of the questionnaire version `i` it was given in. */
export const IS_FREE_TEXT_ANSWER = `EXISTS (SELECT 1 FROM jsonb_array_elements(i.items) item
  WHERE item->>'code' = a.item_code AND item->>'type' = 'free-text')`;

/**
 * From each person in `p`: their answers at one stage (f) beside their answers to the same items at another (t),
 * optionally for one item only.
 */
export function pairedAnswerJoins(
  params: Params,
  fromStage: string,
  toStage: string,
  itemCode?: string,
): string {
  return `
    JOIN evaluation_response rf ON rf.programme_id = p.p_programme AND rf.pairing_key = p.person_key AND rf.session_key = '' AND rf.stage = ${params.add(fromStage)}
    JOIN evaluation_response rt ON rt.programme_id = p.p_programme AND rt.pairing_key = p.person_key AND rt.session_key = '' AND rt.stage = ${params.add(toStage)}
    JOIN evaluation_answer f ON f.response_id = rf.id${itemCode === undefined ? '' : ` AND f.item_code = ${params.add(itemCode)}`}
    JOIN evaluation_answer t ON t.response_id = rt.id AND t.item_code = f.item_code`;
}

/** Per person: whether they have a pre and a post response (one hash aggregate over the responses). */
const RESPONDED = `
  LEFT JOIN (SELECT pairing_key, bool_or(stage = 'pre') AS has_pre, bool_or(stage = 'post') AS has_post
             FROM evaluation_response WHERE programme_id = p_programme_param AND session_key = '' AND stage IN ('pre', 'post')
             GROUP BY pairing_key) responded ON responded.pairing_key = p.person_key`;

export function responded(params: Params, programmeId: string): string {
  return RESPONDED.replace('p_programme_param', `${params.add(programmeId)}::uuid`);
}

/**
 * Joins, beside each person of `p`, their place (`pe`) and when their cohort's post questionnaire opened
 * (`win.post_opens`: the end of the cohort's last action learning set, or of its last session when it has none),
 * which asked() reads.
 */
export function askedJoins(params: Params, programmeId: string): string {
  return `
    LEFT JOIN enrolment pe ON pe.id = p.enrolment_id
    LEFT JOIN (SELECT s.cohort_id,
                      coalesce(max(s.ends_at) FILTER (WHERE s.kind = 'action-learning-set'), max(s.ends_at)) AS post_opens
               FROM session s JOIN cohort c ON c.id = s.cohort_id
               WHERE c.programme_id = ${params.add(programmeId)} AND s.status = 'scheduled'
               GROUP BY s.cohort_id) win ON win.cohort_id = p.cohort_id`;
}

/**
 * Whether a person was asked to answer a stage's questionnaire: its window opened while they held a place (see
 * evaluation-windows.ts) — pre opens at sign-up, so everyone whose place was ever confirmed, including those who
 * withdrew later; post and follow-up open after the sets, so places still held then. `answered` (they answered
 * it) makes them asked whatever happened later, so respondents are a subset of the asked by construction and no
 * rate passes 100%. People known only by an anonymous code are asked exactly when they answered.
 */
export function asked(stage: string, answered: string): string {
  const held = `pe.status IN ('confirmed', 'completed', 'did-not-complete')`;
  const window =
    stage === 'pre'
      ? `(pe.confirmed_at IS NOT NULL OR ${held})`
      : stage === 'post'
        ? `(${held} AND win.post_opens <= now())`
        : stage === 'follow-up'
          ? `(${held} AND win.post_opens + interval '${FOLLOW_UP_AFTER_DAYS} days' <= now())`
          : 'false';
  return `(coalesce(${window}, false) OR coalesce(${answered}, false))`;
}
