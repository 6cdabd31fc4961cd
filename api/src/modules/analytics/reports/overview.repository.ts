import { Injectable } from '@nestjs/common';
import { CellSource, responded } from '../impact-sql';
import { AnalyticsScope } from '../analytics-scope';
import { AnalyticsRepository, LevelCellRow } from '../analytics.repository';

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
@Injectable()
export class OverviewRepository {
  constructor(private readonly cells: AnalyticsRepository) {}

  counts(scope: AnalyticsScope): Promise<LevelCellRow[]> {
    return this.cells.countCells(scope, overviewCells(scope.programmeId));
  }
}
