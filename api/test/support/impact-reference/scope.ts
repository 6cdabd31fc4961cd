/**
 * REFERENCE COPY, frozen: the shape of AnalyticsScope (api/src/modules/analytics/analytics-scope.ts) that the
 * reference repositories read, as it stood at commit 56fb4a6, before the Impact aggregates (issue 13). Kept here rather than imported
 * so the reference compiles unchanged whatever the app's scope module becomes; the app's scope objects are passed
 * in at run time, so a field the app renames shows up as a failed comparison, not a silent change of the reference.
 */
import { AnalyticsFilters } from '@upstand/contracts';

export type UnitLevel = 'organisation' | 'cohort' | 'system' | 'group' | 'all';

export interface ViewUnit {
  level: UnitLevel;
  value: string;
}

export interface AnalyticsScope {
  programmeId: string;
  personLevel: boolean;
  threshold: number;
  sponsorOrganisationId: string | null;
  systemIds: string[] | null;
  filters: AnalyticsFilters;
  chain: ViewUnit[];
  siblingsWithin: ViewUnit | null;
  fyFrom: number | null;
  fyTo: number | null;
  startFrom: string | null;
  startTo: string | null;
}
