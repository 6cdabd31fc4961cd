import { Injectable } from '@nestjs/common';
import { CellSource } from '../impact-sql';
import { AnalyticsScope } from '../analytics-scope';
import { AnalyticsRepository, LevelCellRow } from '../analytics.repository';

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
@Injectable()
export class CumulativeRepository {
  constructor(private readonly cells: AnalyticsRepository) {}

  counts(scope: AnalyticsScope): Promise<LevelCellRow[]> {
    return this.cells.countCells(scope, cumulativeCells());
  }
}
