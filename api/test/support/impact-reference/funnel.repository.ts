/**
 * REFERENCE COPY, frozen: FunnelRepository of api/src/modules/analytics/reports/funnel.repository.ts as it stood at commit 56fb4a6, before the Impact aggregates (issue 13) replaced
 * the repositories' internals. The property test (api/test/impact-aggregates.property.int-spec.ts) runs the app
 * beside a second app whose report repositories are these classes, on the same database, and checks every report
 * gives the same figures ("keep it as the reference in the test"). Do not change this file when the app's
 * repositories change: it is the full computation from every answer that the aggregates must keep agreeing with.
 * It imports nothing from the app but libs/contracts, so edits to the app cannot move the reference.
 */
import { FUNNEL_STAGES } from '@upstand/contracts';
import { CellSource } from './impact-sql';
import type { AnalyticsScope } from './scope';
import { LevelCellRow, ReferenceAnalyticsRepository } from './analytics.repository';

/**
 * The furthest funnel stage each person reached, so every stage holds everyone in the stages after it:
 * 1 confirmed a place (ever, even if they withdrew later); 2 attended a workshop session; 3 also attended the
 * action learning sets their journey template's completion rule asks for (all sets held when it names a number
 * above those held or none); 4 certified (completed: the rule, sets included, was met); 5 certified and active in
 * the Community of Practice in the reporting year — attended a catch-up or the celebration event (present or
 * late on a cohort's register, or marked by a lead on a series session) in a financial year (April–March,
 * Europe/London) from `years.from` to `years.to`. A missing end is the latest financial year in which the
 * programme has held such a session; a missing start is the end, so a view without dates reports the latest year.
 */
export function funnelCells(
  programmeId: string,
  years: { from: number | null; to: number | null },
): CellSource {
  return {
    dimensions: ['reached', 'system', 'organisation'],
    sql: (params) => {
      const programme = params.add(programmeId);
      const yearOf = (column: string) =>
        `(extract(year FROM ${column} AT TIME ZONE 'Europe/London')::int
          - CASE WHEN extract(month FROM ${column} AT TIME ZONE 'Europe/London') < 4 THEN 1 ELSE 0 END)`;
      return `
        WITH community_session AS (
          SELECT s.id, s.starts_at, ${yearOf('s.starts_at')} AS fy
          FROM session s
          LEFT JOIN cohort c ON c.id = s.cohort_id
          LEFT JOIN session_series se ON se.id = s.series_id
          WHERE coalesce(c.programme_id, se.programme_id) = ${programme} AND s.status = 'scheduled'
            AND s.kind IN ('community-of-practice', 'celebration-event')),
        reporting AS (
          SELECT coalesce(${params.add(years.from)}::int, ${params.add(years.to)}::int, latest.fy) AS fy_from,
                 coalesce(${params.add(years.to)}::int, latest.fy) AS fy_to
          FROM (SELECT max(fy) AS fy FROM community_session WHERE starts_at <= now()) latest),
        held AS (SELECT cs.id FROM community_session cs JOIN reporting r ON cs.fy BETWEEN r.fy_from AND r.fy_to),
        active AS (
          SELECT ca.user_id FROM held JOIN community_attendance ca ON ca.session_id = held.id
          UNION
          SELECT e.delegate_user_id FROM held
          JOIN attendance a ON a.session_id = held.id AND a.status IN ('present', 'late')
          JOIN enrolment e ON e.id = a.enrolment_id)
        SELECT p.*,
          CASE WHEN p.status = 'completed' AND active.user_id IS NOT NULL THEN 5
               WHEN p.status = 'completed' THEN 4
               WHEN coalesce(attended.workshop, false) AND set_sessions.sets > 0
                    AND coalesce(attended.sets, 0) >= CASE
                      WHEN jsonb_typeof(t.completion_rule->'action-learning-set') = 'number'
                        THEN least((t.completion_rule->>'action-learning-set')::int, set_sessions.sets)
                      ELSE set_sessions.sets END THEN 3
               WHEN coalesce(attended.workshop, false) THEN 2
               WHEN pe.confirmed_at IS NOT NULL OR p.status IN ('confirmed', 'did-not-complete') THEN 1
               ELSE 0 END AS d1,
          p.system_id::text AS d2, coalesce(p.organisation_id::text, 'unknown') AS d3
        FROM p
        JOIN enrolment pe ON pe.id = p.enrolment_id
        JOIN cohort pc ON pc.id = p.cohort_id
        LEFT JOIN journey_template t ON t.id = pc.template_id
        LEFT JOIN (SELECT s.cohort_id, count(DISTINCT s.sequence)::int AS sets
                   FROM session s JOIN cohort c ON c.id = s.cohort_id
                   WHERE c.programme_id = ${programme} AND s.kind = 'action-learning-set' AND s.status = 'scheduled'
                   GROUP BY s.cohort_id) set_sessions ON set_sessions.cohort_id = p.cohort_id
        LEFT JOIN (SELECT a.enrolment_id, bool_or(s.kind = 'workshop') AS workshop,
                          count(DISTINCT s.sequence) FILTER (WHERE s.kind = 'action-learning-set') AS sets
                   FROM attendance a JOIN session s ON s.id = a.session_id JOIN cohort c ON c.id = s.cohort_id
                   WHERE c.programme_id = ${programme} AND a.status IN ('present', 'late')
                   GROUP BY a.enrolment_id) attended ON attended.enrolment_id = p.enrolment_id
        LEFT JOIN active ON active.user_id = p.user_id
        WHERE p.user_id IS NOT NULL`;
    },
    toCells: ([reached, system, organisation], n) =>
      FUNNEL_STAGES.slice(0, Number(reached) + 1).flatMap((stage): [string, number][] => [
        [`stage:${stage}`, n],
        ...(system ? ([[`system:${String(system)}:${stage}`, n]] as [string, number][]) : []),
        [`org:${String(organisation)}:${stage}`, n],
      ]),
  };
}

/** The funnel's SQL: the furthest stage each person reached, by system and organisation. */
export class ReferenceFunnelRepository {
  constructor(private readonly cells: ReferenceAnalyticsRepository) {}

  counts(scope: AnalyticsScope, years: { from: number | null; to: number | null }): Promise<LevelCellRow[]> {
    return this.cells.countCells(scope, funnelCells(scope.programmeId, years));
  }
}
