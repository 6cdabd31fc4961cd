/**
 * REFERENCE COPY, frozen: CumulativeRepository of api/src/modules/analytics/reports/cumulative.repository.ts as it stood at commit 56fb4a6, before the Impact aggregates (issue 13) replaced
 * the repositories' internals. The property test (api/test/impact-aggregates.property.int-spec.ts) runs the app
 * beside a second app whose report repositories are these classes, on the same database, and checks every report
 * gives the same figures ("keep it as the reference in the test"). Do not change this file when the app's
 * repositories change: it is the full computation from every answer that the aggregates must keep agreeing with.
 * It imports nothing from the app but libs/contracts, so edits to the app cannot move the reference.
 */
import { CellSource } from './impact-sql';
import type { AnalyticsScope } from './scope';
import { LevelCellRow, ReferenceAnalyticsRepository } from './analytics.repository';

/** Certified people by calendar quarter of certification (Europe/London) and group. */
export function cumulativeCells(): CellSource {
  return {
    dimensions: ['quarter', 'group'],
    sql: () => `
      SELECT p.*, to_char(p.completed_at AT TIME ZONE 'Europe/London', 'YYYY-"Q"Q') AS d1, p.grp AS d2
      FROM p WHERE p.status = 'completed' AND p.completed_at IS NOT NULL`,
    toCells: ([quarter, group], n) => [[`q:${String(quarter)}:${String(group)}`, n]],
  };
}

/** The cumulative report's SQL: certified people by quarter and group. */
export class ReferenceCumulativeRepository {
  constructor(private readonly cells: ReferenceAnalyticsRepository) {}

  counts(scope: AnalyticsScope): Promise<LevelCellRow[]> {
    return this.cells.countCells(scope, cumulativeCells());
  }
}
