/**
 * REFERENCE COPY, frozen: BreakdownRepository of api/src/modules/analytics/reports/breakdown.repository.ts as it stood at commit 56fb4a6, before the Impact aggregates (issue 13) replaced
 * the repositories' internals. The property test (api/test/impact-aggregates.property.int-spec.ts) runs the app
 * beside a second app whose report repositories are these classes, on the same database, and checks every report
 * gives the same figures ("keep it as the reference in the test"). Do not change this file when the app's
 * repositories change: it is the full computation from every answer that the aggregates must keep agreeing with.
 * It imports nothing from the app but libs/contracts, so edits to the app cannot move the reference.
 */
import { BreakdownDimension } from '@upstand/contracts';
import { CellSource, DIMENSION_KEY, pairedAnswerJoins, Params, responded } from './impact-sql';
import type { AnalyticsScope } from './scope';
import { LevelCellRow, ReferenceAnalyticsRepository } from './analytics.repository';

export interface CategoryChangeRow {
  key: string;
  n: number;
  sumChange: number;
  improved: number;
}

export function breakdownCells(programmeId: string, dimension: BreakdownDimension): CellSource {
  return {
    dimensions: ['category', 'trained', 'paired'],
    sql: (params) => `
      SELECT p.*, ${DIMENSION_KEY[dimension]} AS d1, p.status = 'completed' AS d2,
             coalesce(responded.has_pre AND responded.has_post, false) AS d3
      FROM p LEFT JOIN delegate_profile dp ON dp.user_id = p.user_id LEFT JOIN equality_monitoring em ON em.user_id = p.user_id
      ${responded(params, programmeId)}`,
    toCells: ([category, trained, paired], n) => [
      ...(trained
        ? ([
            [`trained:${String(category)}`, n],
            ['trained', n],
          ] as [string, number][])
        : []),
      ...(paired
        ? ([
            [`paired:${String(category)}`, n],
            ['paired', n],
          ] as [string, number][])
        : []),
    ],
  };
}

/**
 * The base of the headline item's change in each breakdown category (`headline:<category>`) and in the whole view
 * (`headline`): people paired on the headline item.
 */
export function headlineCategoryPairs(dimension: BreakdownDimension, itemCode: string): CellSource {
  return {
    dimensions: ['category'],
    sql: (params) => `
      SELECT p.*, ${DIMENSION_KEY[dimension]} AS d1
      FROM p LEFT JOIN delegate_profile dp ON dp.user_id = p.user_id LEFT JOIN equality_monitoring em ON em.user_id = p.user_id
      ${pairedAnswerJoins(params, 'pre', 'post', itemCode)}
      WHERE f.value_number IS NOT NULL AND t.value_number IS NOT NULL`,
    toCells: ([category], n) => [
      [`headline:${String(category)}`, n],
      ['headline', n],
    ],
  };
}

/** The breakdowns' SQL: people trained and paired per category, and the headline item's change per category. */
export class ReferenceBreakdownRepository {
  constructor(private readonly cells: ReferenceAnalyticsRepository) {}

  counts(scope: AnalyticsScope, dimension: BreakdownDimension): Promise<LevelCellRow[]> {
    return this.cells.countCells(scope, breakdownCells(scope.programmeId, dimension));
  }

  headlinePairs(
    scope: AnalyticsScope,
    dimension: BreakdownDimension,
    itemCode: string,
  ): Promise<LevelCellRow[]> {
    return this.cells.countCells(scope, headlineCategoryPairs(dimension, itemCode));
  }

  /** Headline item change per breakdown category among paired people. */
  async headlineChangeByCategory(
    scope: AnalyticsScope,
    dimension: BreakdownDimension,
    itemCode: string,
  ): Promise<CategoryChangeRow[]> {
    const params = new Params();
    const people = this.cells.people(scope, params);
    const where = this.cells.viewCondition(scope, params);
    const rows = (await this.cells.aggregate(
      `WITH ${people}
       SELECT ${DIMENSION_KEY[dimension]} AS key, count(*)::int AS n,
              sum(t.value_number - f.value_number)::float8 AS "sumChange",
              count(*) FILTER (WHERE t.value_number > f.value_number)::int AS improved
       FROM p
       LEFT JOIN delegate_profile dp ON dp.user_id = p.user_id LEFT JOIN equality_monitoring em ON em.user_id = p.user_id
       ${pairedAnswerJoins(params, 'pre', 'post', itemCode)}
       WHERE ${where} AND f.value_number IS NOT NULL AND t.value_number IS NOT NULL
       GROUP BY 1`,
      params.values,
    )) as CategoryChangeRow[];
    return rows.map((row) => ({
      ...row,
      n: Number(row.n),
      improved: Number(row.improved),
      sumChange: Number(row.sumChange),
    }));
  }
}
