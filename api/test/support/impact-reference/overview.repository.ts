/**
 * REFERENCE COPY, frozen: OverviewRepository of api/src/modules/analytics/reports/overview.repository.ts as it stood at commit 56fb4a6, before the Impact aggregates (issue 13) replaced
 * the repositories' internals. The property test (api/test/impact-aggregates.property.int-spec.ts) runs the app
 * beside a second app whose report repositories are these classes, on the same database, and checks every report
 * gives the same figures ("keep it as the reference in the test"). Do not change this file when the app's
 * repositories change: it is the full computation from every answer that the aggregates must keep agreeing with.
 * It imports nothing from the app but libs/contracts, so edits to the app cannot move the reference.
 */
import { CellSource, responded } from './impact-sql';
import type { AnalyticsScope } from './scope';
import { LevelCellRow, ReferenceAnalyticsRepository } from './analytics.repository';

export function overviewCells(programmeId: string): CellSource {
  return {
    dimensions: ['trained', 'group', 'paired'],
    sql: (params) => `
      SELECT p.*, p.status = 'completed' AS d1, p.grp AS d2, coalesce(responded.has_pre AND responded.has_post, false) AS d3
      FROM p ${responded(params, programmeId)}`,
    toCells: ([trained, group, paired], n) => [
      ...(trained
        ? ([
            ['trained', n],
            [`trained:${String(group)}`, n],
          ] as [string, number][])
        : []),
      ...(paired ? ([['paired', n]] as [string, number][]) : []),
    ],
  };
}

/** The overview's people: trained (in all and by group) and with both a pre and a post response. */
export class ReferenceOverviewRepository {
  constructor(private readonly cells: ReferenceAnalyticsRepository) {}

  counts(scope: AnalyticsScope): Promise<LevelCellRow[]> {
    return this.cells.countCells(scope, overviewCells(scope.programmeId));
  }
}
