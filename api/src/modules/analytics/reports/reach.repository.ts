import { Injectable } from '@nestjs/common';
import { certified } from '../aggregates/fact-reads';
import { CellSource } from '../impact-sql';
import { AnalyticsScope } from '../analytics-scope';
import { AnalyticsRepository, LevelCellRow } from '../analytics.repository';

/**
 * Certified people by organisation and by the system of their organisation. People whose organisation is not
 * known count in the total only: a system's reach is its organisations' people against their headcounts.
 */
export function reachCells(): CellSource {
  return {
    fact: 'responses',
    dimensions: [
      "coalesce(organisation_id::text, 'unknown')",
      'CASE WHEN organisation_id IS NOT NULL THEN system_id::text END',
    ],
    needs: ['organisation_id', 'system_id'],
    where: () => certified,
    toCells: ([organisation, system], n) => [
      [`org:${String(organisation)}`, n],
      ...(system ? ([[`system:${String(system)}`, n]] as [string, number][]) : []),
      ['total', n],
    ],
  };
}

/** Reach's SQL: certified people by organisation and system (headcounts come from the organisations module). */
@Injectable()
export class ReachRepository {
  constructor(private readonly cells: AnalyticsRepository) {}

  counts(scope: AnalyticsScope): Promise<LevelCellRow[]> {
    return this.cells.countCells(scope, reachCells());
  }
}
