import { ItemType } from './evaluation';

/**
 * Filters shared by every analytics endpoint (query string). `startFrom`/`startTo` are cohort start dates
 * (YYYY-MM-DD, inclusive; for viewers subject to suppression they widen to whole financial years, April–March).
 * `group` is the home system or the Midlands scale-up systems. Viewers subject to suppression may use one of
 * group, systemId, organisationId and cohortId at a time. (`from`/`to` on /api/analytics/items are stages.)
 */
export interface AnalyticsFilters {
  programmeId: string;
  startFrom?: string;
  startTo?: string;
  group?: SystemGroup;
  systemId?: string;
  organisationId?: string;
  cohortId?: string;
}

export const SYSTEM_GROUPS = ['home', 'scale-up'] as const;
export type SystemGroup = (typeof SYSTEM_GROUPS)[number];

/**
 * A count of people that may be withheld. Withheld counts are `null` with a reason: `small` (fewer than the
 * threshold), `secondary` (withheld so another withheld count cannot be worked out from totals) or `overlap`
 * (withheld so it cannot be worked out by subtracting it from a wider view the same user can see).
 */
export interface Count {
  value: number | null;
  suppressed: boolean;
  reason?: 'small' | 'secondary' | 'overlap';
}

/** Describes how the figures in a response were protected. */
export interface Disclosure {
  /** false for a programme lead (person-level access): nothing is withheld. */
  suppressionApplied: boolean;
  /** Counts 1 … threshold − 1 are withheld. */
  threshold: number;
  /** The cohort start dates the figures cover after any widening to financial years (null = no limit). */
  startFrom: string | null;
  startTo: string | null;
}

export interface WilcoxonSummary {
  /** W+ (sum of ranks of positive differences, post − pre). */
  statistic: number;
  pValue: number;
  /** Holm-adjusted across the items reported together. */
  pValueHolm: number | null;
  z: number | null;
  method: 'exact' | 'normal';
}

export interface McNemarSummary {
  /** yes → no */
  becameNo: number | null;
  /** no → yes */
  becameYes: number | null;
  pValue: number;
  method: 'exact' | 'chi-squared';
}

/**
 * One item, `from` stage vs `to` stage, over people who answered both. When the people paired are fewer than the
 * threshold (for a viewer subject to suppression) every statistic is null and `withheld` is true.
 */
export interface ItemAnalytics {
  itemCode: string;
  wording: string;
  type: ItemType;
  construct: string | null;
  withheld: boolean;
  /** People who answered the `from` stage's questionnaire (the same for every item). */
  nFrom: Count;
  /** People who answered the `to` stage's questionnaire. */
  nTo: Count;
  /** People who answered this item at both stages. */
  nPaired: Count;
  /**
   * People with a `to` response out of those asked for the `to` stage (see ResponseRateRow: places whose window for
   * that stage has opened, plus anyone who answered it), so never above 1.
   */
  responseRate: number | null;
  meanFrom: number | null;
  meanTo: number | null;
  medianFrom: number | null;
  medianTo: number | null;
  meanChange: number | null;
  ci95: [number, number] | null;
  improvedShare: number | null;
  sameShare: number | null;
  worseShare: number | null;
  wilcoxon: WilcoxonSummary | null;
  effectSizeR: number | null;
  /** yes-no items only */
  mcnemar: McNemarSummary | null;
  /**
   * likert-5 items: paired respondents' answers at each level 1 … 5, as shares of nPaired (levels describing fewer
   * than the threshold are withheld as null for viewers subject to suppression).
   */
  distributionFrom: (number | null)[] | null;
  distributionTo: (number | null)[] | null;
}

/** Construct score = mean of a person's numeric answers to the construct's items (scale items rescaled to 1–5). */
export interface ConstructAnalytics {
  construct: string;
  itemCodes: string[];
  withheld: boolean;
  nPaired: Count;
  meanFrom: number | null;
  meanTo: number | null;
  meanChange: number | null;
  ci95: [number, number] | null;
  t: number | null;
  df: number | null;
  pValue: number | null;
  cohensDz: number | null;
}

export interface ItemAnalyticsReport extends Disclosure {
  from: 'pre' | 'post' | 'follow-up';
  to: 'pre' | 'post' | 'follow-up';
  items: ItemAnalytics[];
  constructs: ConstructAnalytics[];
}

export const HEADLINE_ITEM_CODE = 'confidence_intervene';

export interface AnalyticsOverview extends Disclosure {
  /** Certified Active Bystanders (completed the journey). */
  trained: Count;
  trainedHome: Count;
  trainedScaleUp: Count;
  /** share of trained from scale-up systems, null when either count is withheld */
  scaleUpShare: number | null;
  /** people with both a pre and a post response */
  pairedPrePost: Count;
  /** the headline item, pre vs post */
  headline: ItemAnalytics | null;
}

export const BREAKDOWN_DIMENSIONS = [
  'group',
  'system',
  'organisation',
  'cohort',
  'staff-group',
  'pay-band',
  'ethnicity',
  'disability',
] as const;
export type BreakdownDimension = (typeof BREAKDOWN_DIMENSIONS)[number];

export const BREAKDOWN_DIMENSION_LABELS: Record<BreakdownDimension, string> = {
  group: 'Home system or scale-up',
  system: 'Integrated care system',
  organisation: 'Organisation',
  cohort: 'Cohort',
  'staff-group': 'Staff group',
  'pay-band': 'Pay band',
  ethnicity: 'Ethnicity (WRES grouping)',
  disability: 'Disability',
};

export interface BreakdownRow {
  key: string;
  label: string;
  /** certified Active Bystanders */
  trained: Count;
  /** people with pre and post responses */
  paired: Count;
  /** headline item mean change (post − pre) among paired people; null when paired is withheld or under threshold */
  headlineMeanChange: number | null;
  /** share of paired people whose headline answer went up */
  headlineImprovedShare: number | null;
}

export interface Breakdown extends Disclosure {
  dimension: BreakdownDimension;
  rows: BreakdownRow[];
  totalTrained: Count;
  totalPaired: Count;
}

/**
 * The stages of a journey, each holding everyone in the stages after it: confirmed a place; attended the workshop;
 * attended the action learning sets the completion rule asks for; certified (completed the journey); and, of the
 * certified, active in the Community of Practice — attended at least one catch-up or the celebration event in the
 * reporting year: the financial years (April–March) of the view's dates, or, with no dates, the latest financial
 * year in which the programme held one.
 */
export const FUNNEL_STAGES = [
  'signed-up',
  'confirmed',
  'attended-workshop',
  'completed-sets',
  'certified',
  'community',
] as const;
export type FunnelStage = (typeof FUNNEL_STAGES)[number];
export const FUNNEL_STAGE_LABELS: Record<FunnelStage, string> = {
  'signed-up': 'Signed up',
  confirmed: 'Confirmed a place',
  'attended-workshop': 'Attended the workshop',
  'completed-sets': 'Completed the action learning sets',
  certified: 'Certified',
  community: 'Active in the Community of Practice (this reporting year)',
};

export interface FunnelRow {
  key: string;
  label: string;
  /** one count per FUNNEL_STAGES entry */
  counts: Count[];
}

export interface FunnelReport extends Disclosure {
  stages: FunnelStage[];
  overall: Count[];
  /** by system */
  bySystem: FunnelRow[];
  /** by organisation */
  byOrganisation: FunnelRow[];
}

export interface ReachRow {
  organisationId: string;
  odsCode: string;
  name: string;
  trained: Count;
  headcount: number | null;
  /** trained per 1,000 staff, null when unknown or withheld */
  perThousandStaff: number | null;
}

export interface ReachReport extends Disclosure {
  rows: ReachRow[];
}

export interface CumulativePoint {
  /** YYYY-"Q"Q, e.g. 2023-Q1: calendar quarter of certification (Europe/London) */
  month: string;
  home: Count;
  scaleUp: Count;
  total: Count;
}

export interface CumulativeReport extends Disclosure {
  points: CumulativePoint[];
}

/**
 * A cohort's response rates, stage by stage: the people who answered out of the people asked. Everyone who answered
 * a stage counts among those asked for it, so no rate passes 100%.
 */
export interface ResponseRateRow {
  cohortId: string;
  cohortName: string;
  startDate: string;
  /**
   * Asked to answer before the workshop: everyone who held a confirmed place (the questionnaire opens at sign-up),
   * including those who later withdrew, plus anyone else who answered it.
   */
  preAsked: Count;
  /**
   * Asked to answer after the action learning sets: places still held (confirmed, completed or did not complete)
   * once the cohort's last set had ended (the post questionnaire opens then), plus anyone else who answered it.
   */
  postAsked: Count;
  /** answered the pre questionnaire */
  pre: Count;
  /** answered the post questionnaire */
  post: Count;
  /** pre ÷ preAsked */
  preRate: number | null;
  /** post ÷ postAsked */
  postRate: number | null;
}

export interface ResponseRateReport extends Disclosure {
  rows: ResponseRateRow[];
}

export interface FreeTextComment {
  itemCode: string;
  stage: 'pre' | 'post' | 'follow-up';
  text: string;
  /** leads only */
  cohortName: string | null;
}

export interface CommentsReport extends Disclosure {
  /** true when there are fewer comments than the threshold and the viewer is subject to suppression */
  withheld: boolean;
  total: Count;
  comments: FreeTextComment[];
}

/** What the dashboard's filters can be set to (only what the viewer may see). */
export interface AnalyticsFilterOptions {
  programmes: { id: string; name: string }[];
  systems: { id: string; odsCode: string; name: string; group: SystemGroup }[];
  organisations: { id: string; odsCode: string; name: string; systemId: string | null }[];
  cohorts: { id: string; name: string; startDate: string; systemId: string }[];
}

/** The dashboard tables that can be exported as CSV or XLSX. */
export const ANALYTICS_EXPORT_TABLES = [
  'items',
  'breakdown',
  'funnel',
  'reach',
  'cumulative',
  'response-rates',
] as const;
export type AnalyticsExportTable = (typeof ANALYTICS_EXPORT_TABLES)[number];
