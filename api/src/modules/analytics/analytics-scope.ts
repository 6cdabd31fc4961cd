import { AnalyticsFilters, SystemGroup } from '@upstand/contracts';

/** The levels a viewer subject to suppression can filter on, from the finest to the whole programme. */
export type UnitLevel = 'organisation' | 'cohort' | 'system' | 'group' | 'all';

export interface ViewUnit {
  level: UnitLevel;
  /** The filtered value ('' for all). */
  value: string;
}

/**
 * Who is asking and for which people: the filters as given (leads), or resolved to one unit of the
 * organisation → system → group → all hierarchy plus a span of financial years (everyone else).
 */
export interface AnalyticsScope {
  programmeId: string;
  /** Programme leads may see person-level data, so nothing is withheld from them. */
  personLevel: boolean;
  threshold: number;
  /** A sponsor sees only their own organisation's people. */
  sponsorOrganisationId: string | null;
  /**
   * The systems whose people the viewer may see (a person belongs to their employer's system, else their
   * cohort's); null = every system. Nobody else's people are counted at all, at any level of the chain.
   */
  systemIds: string[] | null;
  /** Leads: the filters exactly as given. */
  filters: AnalyticsFilters;
  /**
   * Viewers subject to suppression: the unit filtered on and its ancestors, finest first, ending with the widest
   * view they may ask for ('all', or their system when their grant covers one system).
   */
  chain: ViewUnit[];
  /** The parent of the unit whose other children are the unit's siblings (null when the unit is 'all'). */
  siblingsWithin: ViewUnit | null;
  /** Financial years (April–March, named by the calendar year they start in); null = no limit. */
  fyFrom: number | null;
  fyTo: number | null;
  startFrom: string | null;
  startTo: string | null;
}

/** The financial year (April–March) a date falls in, named by the year it starts in. */
export function financialYear(date: string): number {
  const [year, month] = date.split('-').map(Number);
  return month < 4 ? year - 1 : year;
}

export const financialYearStart = (fy: number) => `${fy}-04-01`;
export const financialYearEnd = (fy: number) => `${fy + 1}-03-31`;

export const GROUP_VALUES: SystemGroup[] = ['home', 'scale-up'];
