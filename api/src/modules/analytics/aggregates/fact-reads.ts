import { BreakdownDimension } from '@upstand/contracts';
import { FactStage, PROFILE_DIMENSIONS, ProfileDimension, STAGE_PAIRS } from './impact-facts';
import { Params } from '../impact-sql';
import { KeyColumn } from './impact-grains';

/**
 * How reports read the kept facts: which fact holds a stage pair (kept in questionnaire order, read swapped for
 * a later-to-earlier report), where each answer flag sits in the `responses` fact, and where each breakdown's
 * category comes from (a cell's key columns, or a profile fact).
 */
export function pairFact(prefix: 'pairs' | 'paired-items', from: FactStage, to: FactStage) {
  const forward = STAGE_PAIRS.some(([a, b]) => a === from && b === to);
  return {
    fact: forward ? `${prefix}:${from}:${to}` : `${prefix}:${to}:${from}`,
    /** The `dims` positions of the answer at `from` and at `to`. */
    from: forward ? 1 : 2,
    to: forward ? 2 : 1,
  };
}

/** `responses` dims: [certified, answered pre, post, follow-up, asked pre, post, follow-up]. */
const ANSWERED: Record<FactStage, number> = { pre: 1, post: 2, 'follow-up': 3 };
const ASKED: Record<FactStage, number> = { pre: 4, post: 5, 'follow-up': 6 };
export const certified = `(dims->>0)::boolean`;
export const answeredAt = (stage: FactStage) => `(dims->>${ANSWERED[stage]})::boolean`;
export const askedAt = (stage: FactStage) => `(dims->>${ASKED[stage]})::boolean`;

/**
 * A breakdown dimension's category, as DIMENSION_KEY in impact-sql.ts gives it, from a cell's key columns. A uuid
 * is grouped as itself (it reaches JavaScript as the same text): grouping 156,000 cohort rows by the uuid cast to
 * text took a third longer.
 */
const KEY_CATEGORY: Partial<Record<BreakdownDimension, { sql: string; needs: KeyColumn[] }>> = {
  group: { sql: 'grp', needs: ['grp'] },
  system: { sql: 'system_id', needs: ['system_id'] },
  organisation: { sql: "coalesce(organisation_id::text, 'unknown')", needs: ['organisation_id'] },
  cohort: { sql: 'cohort_id', needs: ['cohort_id'] },
};

export const isProfileDimension = (dimension: BreakdownDimension): dimension is ProfileDimension =>
  (PROFILE_DIMENSIONS as readonly string[]).includes(dimension);

/** The category of a key-column dimension (group, system, organisation, cohort). */
export function keyCategory(dimension: BreakdownDimension): { sql: string; needs: KeyColumn[] } {
  const category = KEY_CATEGORY[dimension];
  if (!category) throw new Error(`${dimension} is read from its profile fact`);
  return category;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** The key column whose uuid a key dimension's category is (organisation's 'unknown' is a missing one). */
const CATEGORY_COLUMN: Partial<Record<BreakdownDimension, KeyColumn>> = {
  system: 'system_id',
  organisation: 'organisation_id',
  cohort: 'cohort_id',
};

/**
 * A condition keeping a cell's rows of only these categories of a breakdown (a page of them), on the key column
 * itself where there is one, so the cohort grain's (programme, cohort) index finds a page of cohorts among
 * 10,000 instead of every row being cast to text and compared.
 */
export function categoryIn(dimension: BreakdownDimension, categories: string[], params: Params): string {
  const column = CATEGORY_COLUMN[dimension];
  if (!column) {
    const category = isProfileDimension(dimension) ? 'dims->>0' : keyCategory(dimension).sql;
    return `${category} = ANY(${params.add(categories)}::text[])`;
  }
  const ids = categories.filter((category) => UUID.test(category));
  const condition = `${column} = ANY(${params.add(ids)}::uuid[])`;
  return dimension === 'organisation' && categories.includes('unknown')
    ? `(${condition} OR ${column} IS NULL)`
    : condition;
}
