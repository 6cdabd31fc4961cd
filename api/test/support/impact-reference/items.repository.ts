/**
 * REFERENCE COPY, frozen: ItemsRepository of api/src/modules/analytics/reports/items.repository.ts as it stood at commit 56fb4a6, before the Impact aggregates (issue 13) replaced
 * the repositories' internals. The property test (api/test/impact-aggregates.property.int-spec.ts) runs the app
 * beside a second app whose report repositories are these classes, on the same database, and checks every report
 * gives the same figures ("keep it as the reference in the test"). Do not change this file when the app's
 * repositories change: it is the full computation from every answer that the aggregates must keep agreeing with.
 * It imports nothing from the app but libs/contracts, so edits to the app cannot move the reference.
 */
import { asked, askedJoins, CellSource, pairedAnswerJoins, Params } from './impact-sql';
import type { AnalyticsScope } from './scope';
import { LevelCellRow, ReferenceAnalyticsRepository } from './analytics.repository';

export interface JointRow {
  itemCode: string;
  from: number;
  to: number;
  n: number;
}

export interface ConstructRow {
  construct: string;
  n: number;
  meanFrom: number;
  meanTo: number;
  meanChange: number;
  sdChange: number | null;
}

/**
 * Paired answers per item as a joint frequency table (item, answer before, answer after): n paired (each item's
 * group base), the distributions of likert items and every paired statistic come from it.
 */
export function pairedAnswers(
  programmeId: string,
  from: string,
  to: string,
  itemCodes: string[],
): CellSource {
  return {
    dimensions: ['item', 'from', 'to'],
    sql: (params) => {
      const programme = params.add(programmeId);
      return `
        SELECT p.*, f.item_code AS d1, f.value_number::float8 AS d2, t.value_number::float8 AS d3
        FROM evaluation_response rf
        JOIN evaluation_response rt ON rt.programme_id = rf.programme_id AND rt.pairing_key = rf.pairing_key
             AND rt.stage = ${params.add(to)} AND rt.session_key = ''
        JOIN p ON p.person_key = rf.pairing_key
        JOIN evaluation_answer f ON f.response_id = rf.id AND f.item_code = ANY(${params.add(itemCodes)}::text[])
        JOIN evaluation_answer t ON t.response_id = rt.id AND t.item_code = f.item_code
        WHERE rf.programme_id = ${programme} AND rf.stage = ${params.add(from)} AND rf.session_key = ''
          AND f.value_number IS NOT NULL AND t.value_number IS NOT NULL`;
    },
    toCells: ([item, x, y], n) => [
      [`item:${String(item)}:paired`, n],
      [`joint:${String(item)}:${Number(x)}:${Number(y)}`, n],
    ],
  };
}

/**
 * The base of each construct's scores: people paired on any of the construct's items (`construct:<name>`), counted
 * per level and year like any cell so the group can be checked against wider views and siblings.
 */
export function constructPairs(
  from: string,
  to: string,
  members: { code: string; construct: string }[],
): CellSource {
  return {
    dimensions: ['construct'],
    sql: (params) => `
      SELECT DISTINCT ON (p.person_key, m.construct) p.*, m.construct AS d1
      FROM p ${pairedAnswerJoins(params, from, to)}
      JOIN unnest(${params.add(members.map((m) => m.code))}::text[], ${params.add(members.map((m) => m.construct))}::text[])
           AS m(code, construct) ON m.code = f.item_code
      WHERE f.value_number IS NOT NULL AND t.value_number IS NOT NULL`,
    toCells: ([construct], n) => [[`construct:${String(construct)}`, n]],
  };
}

/**
 * People who answered each stage's questionnaire, and the people asked to answer the `to` stage's (asked()),
 * for its response rate.
 */
export function stageResponses(programmeId: string, from: string, to: string): CellSource {
  return {
    dimensions: ['from', 'to', 'asked'],
    sql: (params) => {
      const fromStage = params.add(from);
      const toStage = params.add(to);
      return `
        SELECT p.*, coalesce(answered.has_from, false) AS d1, coalesce(answered.has_to, false) AS d2,
               ${asked(to, 'answered.has_to')} AS d3
        FROM p LEFT JOIN (
          SELECT pairing_key, bool_or(stage = ${fromStage}) AS has_from, bool_or(stage = ${toStage}) AS has_to
          FROM evaluation_response
          WHERE programme_id = ${params.add(programmeId)} AND session_key = '' AND stage IN (${fromStage}, ${toStage})
          GROUP BY pairing_key) answered ON answered.pairing_key = p.person_key
        ${askedJoins(params, programmeId)}`;
    },
    toCells: ([answeredFrom, answeredTo, asked], n) => [
      ...(answeredFrom ? ([['responses:from', n]] as [string, number][]) : []),
      ...(answeredTo ? ([['responses:to', n]] as [string, number][]) : []),
      ...(asked ? ([['asked:to', n]] as [string, number][]) : []),
    ],
  };
}

/** The items report's SQL: paired answers as joint frequency tables, stage responses and construct scores. */
export class ReferenceItemsRepository {
  constructor(private readonly cells: ReferenceAnalyticsRepository) {}

  pairedAnswers(
    scope: AnalyticsScope,
    from: string,
    to: string,
    itemCodes: string[],
  ): Promise<LevelCellRow[]> {
    return this.cells.countCells(scope, pairedAnswers(scope.programmeId, from, to, itemCodes));
  }

  stageResponses(scope: AnalyticsScope, from: string, to: string): Promise<LevelCellRow[]> {
    return this.cells.countCells(scope, stageResponses(scope.programmeId, from, to));
  }

  constructPairs(
    scope: AnalyticsScope,
    from: string,
    to: string,
    members: { code: string; construct: string }[],
  ): Promise<LevelCellRow[]> {
    return this.cells.countCells(scope, constructPairs(from, to, members));
  }

  /**
   * Construct scores: each person's mean over the construct's items (0–10 scales rescaled to 1–5), paired,
   * summarised as n, means and the mean and SD of the change. Summed in numeric, which is exact whatever order
   * PostgreSQL reads the rows in: float8 sums differed in the last digit when the same answers were read in
   * another order (after an erasure re-grouped the people), so a figure moved although no answer had.
   */
  async constructScores(
    scope: AnalyticsScope,
    fromStage: string,
    toStage: string,
    items: { code: string; construct: string; scale: number; offset: number }[],
  ): Promise<ConstructRow[]> {
    if (items.length === 0) return [];
    const params = new Params();
    const people = this.cells.people(scope, params);
    const where = this.cells.viewCondition(scope, params);
    const rows = (await this.cells.aggregate(
      `WITH ${people},
       m AS (SELECT * FROM unnest(${params.add(items.map((i) => i.code))}::text[], ${params.add(items.map((i) => i.construct))}::text[],
                                  ${params.add(items.map((i) => i.scale))}::float8[], ${params.add(items.map((i) => i.offset))}::float8[])
             AS m(code, construct, scale, "offset")),
       scores AS (
         SELECT p.person_key, m.construct,
                avg(f.value_number::numeric * m.scale::numeric + m."offset"::numeric) AS s_from,
                avg(t.value_number::numeric * m.scale::numeric + m."offset"::numeric) AS s_to
         FROM p ${pairedAnswerJoins(params, fromStage, toStage)}
         JOIN m ON m.code = f.item_code
         WHERE ${where} AND f.value_number IS NOT NULL AND t.value_number IS NOT NULL
         GROUP BY 1, 2)
       SELECT construct, count(*)::int AS n, avg(s_from)::float8 AS "meanFrom", avg(s_to)::float8 AS "meanTo",
              avg(s_to - s_from)::float8 AS "meanChange", stddev_samp(s_to - s_from)::float8 AS "sdChange"
       FROM scores GROUP BY construct ORDER BY construct`,
      params.values,
    )) as ConstructRow[];
    return rows.map((row) => ({
      construct: row.construct,
      n: Number(row.n),
      meanFrom: Number(row.meanFrom),
      meanTo: Number(row.meanTo),
      meanChange: Number(row.meanChange),
      sdChange: row.sdChange === null ? null : Number(row.sdChange),
    }));
  }
}
