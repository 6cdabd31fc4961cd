/**
 * REFERENCE COPY, frozen: ReachRepository of api/src/modules/analytics/reports/reach.repository.ts as it stood at commit 56fb4a6, before the Impact aggregates (issue 13) replaced
 * the repositories' internals. The property test (api/test/impact-aggregates.property.int-spec.ts) runs the app
 * beside a second app whose report repositories are these classes, on the same database, and checks every report
 * gives the same figures ("keep it as the reference in the test"). Do not change this file when the app's
 * repositories change: it is the full computation from every answer that the aggregates must keep agreeing with.
 * It imports nothing from the app but libs/contracts, so edits to the app cannot move the reference.
 */
import { CellSource } from './impact-sql';
import type { AnalyticsScope } from './scope';
import { LevelCellRow, ReferenceAnalyticsRepository } from './analytics.repository';

/**
 * Certified people by organisation and by the system of their organisation. People whose organisation is not
 * known count in the total only: a system's reach is its organisations' people against their headcounts.
 */
export function reachCells(): CellSource {
  return {
    dimensions: ['organisation', 'system'],
    sql: () =>
      `SELECT p.*, coalesce(p.organisation_id::text, 'unknown') AS d1,
              CASE WHEN p.organisation_id IS NOT NULL THEN p.system_id::text END AS d2
       FROM p WHERE p.status = 'completed'`,
    toCells: ([organisation, system], n) => [
      [`org:${String(organisation)}`, n],
      ...(system ? ([[`system:${String(system)}`, n]] as [string, number][]) : []),
      ['total', n],
    ],
  };
}

/** Reach's SQL: certified people by organisation and system (headcounts come from the organisations module). */
export class ReferenceReachRepository {
  constructor(private readonly cells: ReferenceAnalyticsRepository) {}

  counts(scope: AnalyticsScope): Promise<LevelCellRow[]> {
    return this.cells.countCells(scope, reachCells());
  }
}
