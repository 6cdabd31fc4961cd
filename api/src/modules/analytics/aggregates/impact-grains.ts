/**
 * The grains Impact counts are kept at. Every report's filters are conditions on where a person is — their
 * cohort (and so its start date, financial year and system), their organisation, and their system (and so its
 * group) — so counts kept per cohort × organisation answer any filter by summing the matching rows. Summing is
 * what costs at national scale (10,000 cohorts), so the same counts are also kept per organisation × financial
 * year (a few hundred rows a year), per system × financial year (a dozen) and per financial year × group (two),
 * and a report reads the coarsest grain that has every column its filters and dimensions use: unfiltered, group
 * and financial-year views read the programme grain; system views the system grain; organisation views the
 * organisation grain; cohort views and a lead's start-date range that is not whole financial years the cohort
 * grain (or, for the facts it keeps, the cohort-whole grain where no organisation or person's system is read).
 */
export type KeyColumn =
  'cohort_id' | 'organisation_id' | 'system_id' | 'cohort_system_id' | 'start_date' | 'fy' | 'grp';

export interface Grain {
  table:
    | 'impact_cell_cohort'
    | 'impact_cell_cohort_whole'
    | 'impact_cell_organisation'
    | 'impact_cell_system'
    | 'impact_cell_programme';
  columns: KeyColumn[];
  /** The only facts kept at this grain (all when absent). */
  facts?: readonly string[];
}

export const COHORT_GRAIN: Grain = {
  table: 'impact_cell_cohort',
  columns: ['cohort_id', 'organisation_id', 'system_id', 'cohort_system_id', 'start_date', 'fy', 'grp'],
};
export const ORGANISATION_GRAIN: Grain = {
  table: 'impact_cell_organisation',
  columns: ['organisation_id', 'system_id', 'fy', 'grp'],
};
export const SYSTEM_GRAIN: Grain = { table: 'impact_cell_system', columns: ['system_id', 'fy', 'grp'] };
export const PROGRAMME_GRAIN: Grain = { table: 'impact_cell_programme', columns: ['fy', 'grp'] };

/**
 * Each cohort whole, all its organisations and systems together, for the facts a national breakdown by cohort (a
 * lead's, or the steering group's whole programme) reads for every cohort: `responses` (156,000 cohort ×
 * organisation rows at 200,000 delegates, 63,000 per cohort) and `headline-paired` (one row per cohort). The other
 * facts are not kept here: their reads by cohort are of one cohort or a page of them, and the applier would pay for
 * every fact on every turn.
 */
export const COHORT_WHOLE_GRAIN: Grain = {
  table: 'impact_cell_cohort_whole',
  columns: ['cohort_id', 'cohort_system_id', 'start_date', 'fy'],
  facts: ['responses', 'headline-paired'],
};

/** Whether a grain keeps a fact (every grain but the cohort-whole one keeps them all). */
export const keeps = (grain: Grain, fact: string) => !grain.facts || grain.facts.includes(fact);

/** The coarser grains, each maintained from the changes to the cohort grain. */
export const COARSE_GRAINS = [ORGANISATION_GRAIN, SYSTEM_GRAIN, PROGRAMME_GRAIN, COHORT_WHOLE_GRAIN];

/** The coarsest grain keeping `fact` with every column in `needs`. */
export function grainFor(needs: Iterable<KeyColumn>, fact: string): Grain {
  const wanted = [...needs];
  return (
    [PROGRAMME_GRAIN, SYSTEM_GRAIN, ORGANISATION_GRAIN, COHORT_WHOLE_GRAIN].find(
      (grain) => keeps(grain, fact) && wanted.every((column) => grain.columns.includes(column)),
    ) ?? COHORT_GRAIN
  );
}
