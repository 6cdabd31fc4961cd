/**
 * The grains Impact counts are kept at. Every report's filters are conditions on where a person is — their
 * cohort (and so its start date, financial year and system), their organisation, and their system (and so its
 * group) — so counts kept per cohort × organisation answer any filter by summing the matching rows. Summing is
 * what costs at national scale (10,000 cohorts), so the same counts are also kept per organisation × financial
 * year (a few hundred rows a year), per system × financial year (a dozen) and per financial year × group (two),
 * and a report reads the coarsest grain that has every column its filters and dimensions use: unfiltered, group
 * and financial-year views read the programme grain; system views the system grain; organisation views the
 * organisation grain; cohort views and a lead's start-date range that is not whole financial years the cohort
 * grain.
 */
export type KeyColumn =
  'cohort_id' | 'organisation_id' | 'system_id' | 'cohort_system_id' | 'start_date' | 'fy' | 'grp';

export interface Grain {
  table: 'impact_cell_cohort' | 'impact_cell_organisation' | 'impact_cell_system' | 'impact_cell_programme';
  columns: KeyColumn[];
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

/** The coarser grains, finest first, each maintained from the changes to the cohort grain. */
export const COARSE_GRAINS = [ORGANISATION_GRAIN, SYSTEM_GRAIN, PROGRAMME_GRAIN];

/** The coarsest grain with every column in `needs`. */
export function grainFor(needs: Iterable<KeyColumn>): Grain {
  const wanted = [...needs];
  return (
    [PROGRAMME_GRAIN, SYSTEM_GRAIN, ORGANISATION_GRAIN].find((grain) =>
      wanted.every((column) => grain.columns.includes(column)),
    ) ?? COHORT_GRAIN
  );
}
