import { BreakdownDimension } from '@upstand/contracts';
import { KeyColumn } from './aggregates/impact-grains';

/**
 * SQL shared by the Impact reports' repositories: query parameters, the shape of a report's source of cells and
 * the fragments several reports join in (who answered, who was asked, paired answers, breakdown categories).
 */

/** Collects query parameters and hands out their placeholders. */
export class Params {
  readonly values: unknown[] = [];
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/**
 * Where a report's counts come from: one kept fact (see aggregates/impact-facts.ts), read at the coarsest grain
 * that has the key columns its dimensions use (`needs`), as dimension expressions over a cell's key columns and
 * its `dims`, turned into named cells.
 */
export interface CellSource {
  fact: string;
  dimensions: string[];
  /**
   * Counts summed beside `n`, each an expression over a kept row (its `n` and `dims`), handed to `toCells` in
   * order: several counts from one row, where making each a dimension would multiply the rows returned.
   */
  measures?: string[];
  needs?: KeyColumn[];
  where?: (params: Params) => string;
  toCells: (dimensions: unknown[], n: number, measures: number[]) => [string, number][];
}

/** The category a person falls in for each breakdown (equality data is only ever grouped, never listed). */
export const DIMENSION_KEY: Record<BreakdownDimension, string> = {
  group: 'p.grp',
  system: 'p.system_id::text',
  organisation: "coalesce(p.organisation_id::text, 'unknown')",
  cohort: 'p.cohort_id::text',
  'staff-group': "coalesce(dp.staff_group, 'not-known')",
  'pay-band':
    "coalesce(CASE WHEN dp.pay_band IS NOT NULL THEN 'band-' || dp.pay_band ELSE dp.pay_scheme END, 'not-known')",
  ethnicity: `CASE WHEN em.ethnic_category IN ('A', 'B', 'C') THEN 'white'
                   WHEN em.ethnic_category IS NOT NULL AND em.ethnic_category <> 'Z' THEN 'bme'
                   ELSE 'not-stated' END`,
  disability: "coalesce(em.disability, 'not-stated')",
};

/** The answer `a` is to a free-text item of the questionnaire version `i` it was given in. */
export const IS_FREE_TEXT_ANSWER = `EXISTS (SELECT 1 FROM jsonb_array_elements(i.items) item
  WHERE item->>'code' = a.item_code AND item->>'type' = 'free-text')`;
