import { Injectable } from '@nestjs/common';
import { answeredAt, certified } from '../aggregates/fact-reads';
import { CellSource } from '../impact-sql';
import { AnalyticsScope } from '../analytics-scope';
import { AnalyticsRepository, LevelCellRow } from '../analytics.repository';

export function overviewCells(): CellSource {
  return {
    fact: 'responses',
    dimensions: [certified, 'grp', `${answeredAt('pre')} AND ${answeredAt('post')}`],
    needs: ['grp'],
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
    return this.cells.countCells(scope, overviewCells());
  }
}
