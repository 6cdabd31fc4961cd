import { Injectable } from '@nestjs/common';
import { answeredAt, askedAt, pairFact } from '../aggregates/fact-reads';
import { FactStage } from '../aggregates/impact-facts';
import { CellSource, Params } from '../impact-sql';
import { AnalyticsScope } from '../analytics-scope';
import { AnalyticsRepository, LevelCellRow } from '../analytics.repository';

export interface JointRow {
  itemCode: string;
  from: number;
  to: number;
  n: number;
}

export interface ConstructRow {
  construct: string;
  n: number;
  meanFrom: number;
  meanTo: number;
  meanChange: number;
  sdChange: number | null;
}

/**
 * Paired answers per item as a joint frequency table (item, answer before, answer after): n paired (each item's
 * group base), the distributions of likert items and every paired statistic come from it.
 */
export function pairedAnswers(from: FactStage, to: FactStage, itemCodes: string[]): CellSource {
  const pair = pairFact('pairs', from, to);
  return {
    fact: pair.fact,
    dimensions: ['dims->>0', `(dims->>${pair.from})::float8`, `(dims->>${pair.to})::float8`],
    where: (params) => `dims->>0 = ANY(${params.add(itemCodes)}::text[])`,
    toCells: ([item, x, y], n) => [
      [`item:${String(item)}:paired`, n],
      [`joint:${String(item)}:${Number(x)}:${Number(y)}`, n],
    ],
  };
}

/**
 * The base of each construct's scores: people paired on any of the construct's items (`construct:<name>`), counted
 * per level and year like any cell so the group can be checked against wider views and siblings. Read from the
 * set of items each person answered at both stages.
 */
export function constructPairs(
  from: FactStage,
  to: FactStage,
  members: { code: string; construct: string }[],
): CellSource {
  const constructs = [...new Set(members.map((m) => m.construct))];
  return {
    fact: pairFact('paired-items', from, to).fact,
    dimensions: ['dims->0'],
    toCells: ([items], n) => {
      const paired = new Set(Array.isArray(items) ? items.map(String) : []);
      return constructs
        .filter((construct) => members.some((m) => m.construct === construct && paired.has(m.code)))
        .map((construct): [string, number] => [`construct:${construct}`, n]);
    },
  };
}

/**
 * People who answered each stage's questionnaire, and the people asked to answer the `to` stage's, for its
 * response rate.
 */
export function stageResponses(from: FactStage, to: FactStage): CellSource {
  return {
    fact: 'responses',
    dimensions: [answeredAt(from), answeredAt(to), askedAt(to)],
    toCells: ([answeredFrom, answeredTo, asked], n) => [
      ...(answeredFrom ? ([['responses:from', n]] as [string, number][]) : []),
      ...(answeredTo ? ([['responses:to', n]] as [string, number][]) : []),
      ...(asked ? ([['asked:to', n]] as [string, number][]) : []),
    ],
  };
}

/** The items report's SQL: paired answers as joint frequency tables, stage responses and construct scores. */
@Injectable()
export class ItemsRepository {
  constructor(private readonly cells: AnalyticsRepository) {}

  pairedAnswers(
    scope: AnalyticsScope,
    from: FactStage,
    to: FactStage,
    itemCodes: string[],
  ): Promise<LevelCellRow[]> {
    return this.cells.countCells(scope, pairedAnswers(from, to, itemCodes));
  }

  stageResponses(scope: AnalyticsScope, from: FactStage, to: FactStage): Promise<LevelCellRow[]> {
    return this.cells.countCells(scope, stageResponses(from, to));
  }

  constructPairs(
    scope: AnalyticsScope,
    from: FactStage,
    to: FactStage,
    members: { code: string; construct: string }[],
  ): Promise<LevelCellRow[]> {
    return this.cells.countCells(scope, constructPairs(from, to, members));
  }

  /**
   * Construct scores: each person's mean over the construct's items (0–10 scales rescaled to 1–5), paired,
   * summarised as n, means and the mean and SD of the change, from the exact sums the `construct-scores` fact
   * keeps (Σ scores before, after, Σ change²), so the figures are exact whatever order rows are read in; the SD
   * is PostgreSQL's own formula for stddev_samp over numeric: sqrt((nΣd² − (Σd)²) / (n(n − 1))).
   */
  async constructScores(
    scope: AnalyticsScope,
    fromStage: FactStage,
    toStage: FactStage,
    items: { code: string; construct: string; scale: number; offset: number }[],
  ): Promise<ConstructRow[]> {
    if (items.length === 0) return [];
    const params = new Params();
    const cells = await this.cells.cells(scope, `construct-scores:${fromStage}:${toStage}`, params);
    const where = this.cells.viewCondition(scope, params);
    const rows = (await this.cells.aggregate(
      `WITH s AS (SELECT dims->>0 AS construct, sum(n) AS n, sum(s1) AS s_from, sum(s2) AS s_to, sum(s3) AS d2
                  FROM (${cells.sql}) p
                  WHERE ${where} AND dims->>0 = ANY(${params.add([...new Set(items.map((i) => i.construct))])}::text[])
                  GROUP BY 1)
       SELECT construct, n::int AS n, (s_from / n)::float8 AS "meanFrom", (s_to / n)::float8 AS "meanTo",
              ((s_to - s_from) / n)::float8 AS "meanChange",
              CASE WHEN n > 1 THEN sqrt(greatest(n * d2 - (s_to - s_from) * (s_to - s_from), 0) / (n * (n - 1)))::float8
              END AS "sdChange"
       FROM s WHERE n > 0 ORDER BY construct`,
      params.values,
    )) as ConstructRow[];
    return rows.map((row) => ({
      construct: row.construct,
      n: Number(row.n),
      meanFrom: Number(row.meanFrom),
      meanTo: Number(row.meanTo),
      meanChange: Number(row.meanChange),
      sdChange: row.sdChange === null ? null : Number(row.sdChange),
    }));
  }
}
