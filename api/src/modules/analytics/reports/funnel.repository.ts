import { Injectable } from '@nestjs/common';
import { FUNNEL_STAGES } from '@upstand/contracts';
import { CellSource } from '../impact-sql';
import { AnalyticsScope } from '../analytics-scope';
import { AnalyticsRepository, LevelCellRow } from '../analytics.repository';

/**
 * The furthest funnel stage each person reached, so every stage holds everyone in the stages after it (see the
 * `funnel` fact for stages 1–4); 5 is certified and active in the Community of Practice in the reporting years —
 * attended a catch-up or the celebration event in a financial year (April–March, Europe/London) from `years.from`
 * to `years.to`. A missing end is the programme's recorded reporting year (the latest financial year in which it
 * has held such a session); a missing start is the end, so a view without dates reports that year.
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
  constructor(private readonly cells: AnalyticsRepository) {}

  async counts(
    scope: AnalyticsScope,
    years: { from: number | null; to: number | null },
  ): Promise<LevelCellRow[]> {
    const latest = years.to === null ? await this.latestCommunityYear(scope.programmeId) : null;
    const to = years.to ?? latest;
    return this.cells.countCells(scope, funnelCells({ from: years.from ?? to, to }));
  }

  /**
   * The programme's Community of Practice reporting year, as the Impact job last recorded it (see
   * communityYearsDue): the latest financial year in which the programme has held a catch-up or the celebration.
   */
  private async latestCommunityYear(programmeId: string): Promise<number | null> {
    // Applying the log may record it: applying a programme's people records its year.
    await this.cells.catchUp();
    const [row] = (await this.cells.aggregate(`SELECT fy FROM community_year WHERE programme_id = $1`, [
      programmeId,
    ])) as { fy: number }[];
    return row?.fy ?? null;
  }
}
