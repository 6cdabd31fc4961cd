import { Injectable } from '@nestjs/common';
import { BreakdownDimension } from '@upstand/contracts';
import {
  answeredAt,
  categoryIn,
  certified,
  isProfileDimension,
  keyCategory,
  pairFact,
} from '../aggregates/fact-reads';
import { CellSource, Params } from '../impact-sql';
import { AnalyticsScope } from '../analytics-scope';
import { AnalyticsRepository, LevelCellRow } from '../analytics.repository';
import { HEADLINE_ITEM_CODE } from '@upstand/contracts';

export interface CategoryChangeRow {
  key: string;
  n: number;
  sumChange: number;
  improved: number;
}

/** A category's cells from its trained and paired counts (`trained:<category>`, `trained`…); zeros are left out. */
function measureCells(category: unknown, trained: number, paired: number): [string, number][] {
  const cells: [string, number][] = [];
  if (trained > 0) cells.push([`trained:${String(category)}`, trained], ['trained', trained]);
  if (paired > 0) cells.push([`paired:${String(category)}`, paired], ['paired', paired]);
  return cells;
}

/**
 * People trained and paired per category. A key dimension's (cohort, organisation…) are summed side by side in SQL,
 * one row per category: grouped by the two flags as well, a national breakdown by cohort came back as 32,000 rows
 * from 156,000 and took half as long again in SQL.
 */
export function breakdownCells(dimension: BreakdownDimension): CellSource {
  if (isProfileDimension(dimension))
    return {
      fact: `breakdown:${dimension}`,
      dimensions: ['dims->>0', 'dims->1', 'dims->2'],
      needs: [],
      toCells: ([category, trained, paired], n) => measureCells(category, trained ? n : 0, paired ? n : 0),
    };
  return {
    fact: 'responses',
    dimensions: [keyCategory(dimension).sql],
    measures: [
      `CASE WHEN ${certified} THEN n ELSE 0 END`,
      `CASE WHEN ${answeredAt('pre')} AND ${answeredAt('post')} THEN n ELSE 0 END`,
    ],
    needs: keyCategory(dimension).needs,
    toCells: ([category], _n, [trained, paired]) => measureCells(category, trained ?? 0, paired ?? 0),
  };
}

/**
 * The headline item's paired answers per category: from a profile fact (kept for the headline item only), or
 * from the pre → post pairs with the category taken from a cell's key columns.
 */
function headlineAnswers(dimension: BreakdownDimension, itemCode: string) {
  if (itemCode !== HEADLINE_ITEM_CODE) throw new Error(`Only the headline item is kept by category`);
  if (isProfileDimension(dimension))
    return {
      fact: `headline:${dimension}`,
      category: 'dims->>0',
      from: 'dims->>1',
      to: 'dims->>2',
      needs: [],
      where: () => 'TRUE',
    };
  const pair = pairFact('pairs', 'pre', 'post');
  return {
    fact: pair.fact,
    category: keyCategory(dimension).sql,
    from: `dims->>${pair.from}`,
    to: `dims->>${pair.to}`,
    needs: keyCategory(dimension).needs,
    where: (params: Params) => `dims->>0 = ${params.add(itemCode)}`,
  };
}

/**
 * The base of the headline item's change in each breakdown category (`headline:<category>`) and in the whole view
 * (`headline`): people paired on the headline item, from a profile fact (kept for the headline item only) or the
 * `headline-paired` fact with the category taken from a cell's key columns.
 */
export function headlineCategoryPairs(dimension: BreakdownDimension, itemCode: string): CellSource {
  if (itemCode !== HEADLINE_ITEM_CODE) throw new Error(`Only the headline item is kept by category`);
  const profile = isProfileDimension(dimension);
  return {
    fact: profile ? `headline:${dimension}` : 'headline-paired',
    dimensions: [profile ? 'dims->>0' : keyCategory(dimension).sql],
    needs: profile ? [] : keyCategory(dimension).needs,
    toCells: ([category], n) => [
      [`headline:${String(category)}`, n],
      ['headline', n],
    ],
  };
}

/** Key dimensions with a category per cohort or organisation: thousands of them in a national programme. */
const MANY_CATEGORIES: ReadonlySet<BreakdownDimension> = new Set(['organisation', 'cohort']);

/** A source's cells of these categories only (`<measure>:<category>`); its totals are left to totalsOf. */
function onlyCategories(source: CellSource, dimension: BreakdownDimension, categories: string[]): CellSource {
  return {
    ...source,
    where: (params) =>
      [source.where?.(params), categoryIn(dimension, categories, params)].filter(Boolean).join(' AND '),
    toCells: (dims, n, measures) => source.toCells(dims, n, measures).filter(([cell]) => cell.includes(':')),
  };
}

/**
 * A source's totals (`trained`, `headline`…) alone, with no category: read from the coarsest grain that holds the
 * view's own columns, as the totals do not need the category's.
 */
function totalsOf(source: CellSource): CellSource {
  return {
    ...source,
    dimensions: ['NULL::text', ...source.dimensions.slice(1)],
    needs: [],
    toCells: (dims, n, measures) => source.toCells(dims, n, measures).filter(([cell]) => !cell.includes(':')),
  };
}

/** The breakdowns' SQL: people trained and paired per category, and the headline item's change per category. */
@Injectable()
export class BreakdownRepository {
  constructor(private readonly cells: AnalyticsRepository) {}

  counts(scope: AnalyticsScope, dimension: BreakdownDimension): Promise<LevelCellRow[]> {
    return this.protectedCells(scope, dimension, breakdownCells(dimension));
  }

  /**
   * The cells of a protected view narrowed below the whole programme (a system, a year…), by cohort or
   * organisation. Its categories are published only where someone in the view is, and each such cell is checked
   * only against the same cell in wider views and siblings; so those are read for the view's own categories
   * (a few hundred cohorts) rather than all 10,000, each wider view's totals from a coarser grain. At 200,000
   * delegates a steering member's breakdown by cohort for one system and year read every system's cohorts twice
   * (1.5 s of SQL).
   */
  private async protectedCells(
    scope: AnalyticsScope,
    dimension: BreakdownDimension,
    source: CellSource,
  ): Promise<LevelCellRow[]> {
    if (scope.personLevel || scope.chain[0].level === 'all' || !MANY_CATEGORIES.has(dimension))
      return this.cells.countCells(scope, source);
    const categories = await this.viewCategories(scope, dimension);
    const [byCategory, totals] = await Promise.all([
      this.cells.countCells(scope, onlyCategories(source, dimension, categories)),
      this.cells.countCells(scope, totalsOf(source)),
    ]);
    return [...byCategory, ...totals];
  }

  /** The categories (cohorts, organisations) anyone in the requested view is in, from the kept counts. */
  private async viewCategories(scope: AnalyticsScope, dimension: BreakdownDimension): Promise<string[]> {
    const category = keyCategory(dimension);
    const params = new Params();
    const cells = await this.cells.cells(scope, 'responses', params, category.needs);
    const where = this.cells.viewCondition(scope, params);
    const rows = (await this.cells.aggregate(
      `SELECT DISTINCT ${category.sql} AS key FROM (${cells.sql}) p WHERE ${where} AND n > 0`,
      params.values,
    )) as { key: string }[];
    return rows.map((row) => row.key);
  }

  /** Every category's base of the headline item's change (see headlineCategoryPairs). */
  headlinePairs(
    scope: AnalyticsScope,
    dimension: BreakdownDimension,
    itemCode: string,
  ): Promise<LevelCellRow[]> {
    return this.protectedCells(scope, dimension, headlineCategoryPairs(dimension, itemCode));
  }

  /**
   * Headline item change per breakdown category among paired people: sums over the joint table, exact. Only the
   * `categories` given (a page of them), or all when null.
   */
  async headlineChangeByCategory(
    scope: AnalyticsScope,
    dimension: BreakdownDimension,
    itemCode: string,
    categories: string[] | null = null,
  ): Promise<CategoryChangeRow[]> {
    const answers = headlineAnswers(dimension, itemCode);
    const params = new Params();
    const cells = await this.cells.cells(scope, answers.fact, params, answers.needs);
    const where = this.cells.viewCondition(scope, params);
    const rows = (await this.cells.aggregate(
      `SELECT key, sum(n)::int AS n, sum(n * (y - x))::float8 AS "sumChange",
              coalesce(sum(n) FILTER (WHERE y > x), 0)::int AS improved
       FROM (SELECT ${answers.category} AS key, (${answers.from})::numeric AS x, (${answers.to})::numeric AS y, n
             FROM (${cells.sql}) p
             WHERE ${where} AND ${answers.where(params)}${categories ? ` AND ${categoryIn(dimension, categories, params)}` : ''}) answers
       GROUP BY 1`,
      params.values,
    )) as CategoryChangeRow[];
    return rows.map((row) => ({
      ...row,
      n: Number(row.n),
      improved: Number(row.improved),
      sumChange: Number(row.sumChange),
    }));
  }
}
