import { Injectable } from '@nestjs/common';
import { CellSource } from '../impact-sql';
import { AnalyticsScope } from '../analytics-scope';
import { AnalyticsRepository, LevelCellRow } from '../analytics.repository';

/** Certified people by calendar quarter of certification (Europe/London) and group. */
export function cumulativeCells(): CellSource {
  return {
    fact: 'cumulative',
    dimensions: ['dims->>0', 'grp'],
    needs: ['grp'],
    toCells: ([quarter, group], n) => [[`q:${String(quarter)}:${String(group)}`, n]],
  };
}

/** The cumulative report's SQL: certified people by quarter and group. */
@Injectable()
export class CumulativeRepository {
  constructor(private readonly cells: AnalyticsRepository) {}

  counts(scope: AnalyticsScope): Promise<LevelCellRow[]> {
    return this.cells.countCells(scope, cumulativeCells());
  }
}
