import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { FUNNEL_STAGES } from '@upstand/contracts';
import { DataSource } from 'typeorm';
import { CellSource } from '../impact-sql';
import { AnalyticsScope } from '../analytics-scope';
import { AnalyticsRepository, LevelCellRow } from '../analytics.repository';

/**
 * The furthest funnel stage each person reached, so every stage holds everyone in the stages after it (see the
 * `funnel` fact for stages 1–4); 5 is certified and active in the Community of Practice in the reporting years —
 * attended a catch-up or the celebration event in a financial year (April–March, Europe/London) from `years.from`
 * to `years.to`. A missing end is the latest financial year in which the programme has held such a session; a
 * missing start is the end, so a view without dates reports the latest year.
 */
export function funnelCells(years: { from: number | null; to: number | null }): CellSource {
  const { from, to } = years;
  if ((from !== null && !Number.isInteger(from)) || (to !== null && !Number.isInteger(to)))
    throw new Error('Financial years are whole numbers');
  // The furthest stage, "active" decided here in SQL from the years kept (written inline: two whole numbers,
  // checked above). Stages 0–4 are kept; 5 is decided here.
  const furthest =
    from === null || to === null
      ? '(dims->>0)::int'
      : `CASE WHEN (dims->>0)::int = 4 AND EXISTS (
              SELECT 1 FROM jsonb_array_elements_text(dims->1) AS attended(year)
              WHERE attended.year::int BETWEEN ${from} AND ${to})
            THEN 5 ELSE (dims->>0)::int END`;
  // How many reached each stage, summed in SQL beside the count (a stage's count holds everyone who went
  // further), so each organisation, system and year comes back as one row. Made from one row per furthest stage
  // in JavaScript, a steering group's unfiltered funnel was 200,000 cells from 11,000 rows, most of its time.
  const active = FUNNEL_STAGES.indexOf('community');
  const reached = FUNNEL_STAGES.map((_, stage) =>
    stage < active
      ? `CASE WHEN (dims->>0)::int >= ${stage} THEN n ELSE 0 END`
      : `CASE WHEN (${furthest}) >= ${stage} THEN n ELSE 0 END`,
  );
  return {
    fact: 'funnel',
    dimensions: ['system_id::text', "coalesce(organisation_id::text, 'unknown')"],
    measures: reached,
    needs: ['system_id', 'organisation_id'],
    toCells: ([system, organisation], _n, counts) =>
      FUNNEL_STAGES.flatMap((stage, i): [string, number][] => {
        const count = counts[i] ?? 0;
        if (count === 0) return [];
        return [
          [`stage:${stage}`, count],
          ...(system ? ([[`system:${String(system)}:${stage}`, count]] as [string, number][]) : []),
          [`org:${String(organisation)}:${stage}`, count],
        ];
      }),
  };
}

/** The funnel's SQL: the furthest stage each person reached, by system and organisation. */
@Injectable()
export class FunnelRepository {
  constructor(
    private readonly cells: AnalyticsRepository,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async counts(
    scope: AnalyticsScope,
    years: { from: number | null; to: number | null },
  ): Promise<LevelCellRow[]> {
    const latest = years.to === null ? await this.latestCommunityYear(scope.programmeId) : null;
    const to = years.to ?? latest;
    return this.cells.countCells(scope, funnelCells({ from: years.from ?? to, to }));
  }

  /**
   * The latest financial year in which the programme has held a Community of Practice session or celebration: the
   * year of the latest such session, found by reading sessions back from now by start time (a few rows, where a
   * max() over every session read all 180,000 at national scale).
   */
  private async latestCommunityYear(programmeId: string): Promise<number | null> {
    const [row] = (await this.dataSource.query(
      `SELECT extract(year FROM latest.at)::int - CASE WHEN extract(month FROM latest.at) < 4 THEN 1 ELSE 0 END AS fy
       FROM (SELECT s.starts_at AT TIME ZONE 'Europe/London' AS at
             FROM session s LEFT JOIN cohort c ON c.id = s.cohort_id LEFT JOIN session_series se ON se.id = s.series_id
             WHERE coalesce(c.programme_id, se.programme_id) = $1 AND s.status = 'scheduled'
               AND s.kind IN ('community-of-practice', 'celebration-event') AND s.starts_at <= now()
             ORDER BY s.starts_at DESC LIMIT 1) latest`,
      [programmeId],
    )) as { fy: number | null }[];
    return row?.fy ?? null;
  }
}
