import { ItemType } from './evaluation';
import { Paged } from './paging';

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

/**
 * The disclosure policy in plain English, for the Impact page and downloads (the full policy is
 * docs/disclosure-policy.md). `{threshold}` stands for the configured threshold: see `disclosurePolicySummary`.
 */
export const DISCLOSURE_POLICY_SUMMARY: string[] = [
  'Survey results (answer shares, averages, change and tests) are shown only for groups of {threshold} or more respondents, and then in full, so shares add up to 100%. The number of people each result is based on is shown beside it.',
  'A group of fewer than {threshold} respondents is withheld as a whole, and so is a group that could be worked out by comparing two views you can ask for, such as an organisation and its system, or one year and all years.',
  'Counts of people by organisation, system, cohort or characteristic are withheld when they are fewer than {threshold}, together with another count where that is needed to stop a withheld count being worked out from a total.',
  'Funnel stages for the whole programme and for each system are shown as they are: the difference between two stages is a count of activity, not a group of people who could be identified.',
  'Programme leads, who may already see individual records, see every figure unprotected.',
];

/** The summary with the threshold filled in (e.g. "fewer than 10"). */
export function disclosurePolicySummary(threshold: number): string[] {
  return DISCLOSURE_POLICY_SUMMARY.map((sentence) => sentence.split('{threshold}').join(String(threshold)));
}

/** Why a group of survey results is withheld: `small` (fewer than the threshold) or `overlap` (it could be worked
 * out by differencing with another view the viewer can request, or from its siblings and their total). */
export type GroupWithheldReason = 'small' | 'overlap';

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
 * One item, `from` stage vs `to` stage, over people who answered both: one group whose base is `nPaired`. For a
 * viewer subject to suppression the group is published whole when the base is at least the threshold and no wider
 * view or sibling would reveal a smaller group by differencing; otherwise every statistic is null, `withheld` is
 * true and `withheldReason` says why. `responseRate` is a separate group (the `to` stage's respondents).
 */
export interface ItemAnalytics {
  itemCode: string;
  wording: string;
  type: ItemType;
  construct: string | null;
  withheld: boolean;
  /** null when published (or for a programme lead) */
  withheldReason: GroupWithheldReason | null;
  /** People who answered the `from` stage's questionnaire (the same for every item). */
  nFrom: Count;
  /** People who answered the `to` stage's questionnaire. */
  nTo: Count;
  /** People who answered this item at both stages: the base of every paired statistic below. */
  nPaired: Count;
  /**
   * People with a `to` response out of those asked for the `to` stage (see ResponseRateRow: places whose window for
   * that stage has opened, plus anyone who answered it), so never above 1; null when the respondents' group or the
   * number asked is withheld.
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
  /** yes-no items only; its counts are part of the published group, shown however small */
  mcnemar: McNemarSummary | null;
  /**
   * likert-5 items: paired respondents' answers at each level 1 … 5, as shares of nPaired. Published whole (no
   * level is withheld, so the five shares add up to 1); null when the group is withheld or for other item types.
   */
  distributionFrom: number[] | null;
  distributionTo: number[] | null;
}

/**
 * Construct score = mean of a person's numeric answers to the construct's items (scale items rescaled to 1–5). One
 * group whose base is `nPaired` (people paired on any of the construct's items), published or withheld whole.
 */
export interface ConstructAnalytics {
  construct: string;
  itemCodes: string[];
  withheld: boolean;
  /** null when published (or for a programme lead) */
  withheldReason: GroupWithheldReason | null;
  /** The base of the construct's statistics; withheld (null) with them. */
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

/** What a breakdown's rows are, in the plural, for "Showing 1 to 25 of 10,021 cohorts". */
export const BREAKDOWN_DIMENSION_NOUNS: Record<BreakdownDimension, string> = {
  group: 'groups',
  system: 'integrated care systems',
  organisation: 'organisations',
  cohort: 'cohorts',
  'staff-group': 'staff groups',
  'pay-band': 'pay bands',
  ethnicity: 'ethnic groups',
  disability: 'groups',
};

export interface BreakdownRow {
  key: string;
  label: string;
  /** certified Active Bystanders */
  trained: Count;
  /** people with pre and post responses */
  paired: Count;
  /**
   * The headline item among the category's people paired on it: a group published whole (mean change and improved
   * share) or withheld whole, as for an item. Its base is `headlineN` (null when withheld).
   */
  headlineN: number | null;
  /** headline item mean change (post − pre); null when the headline group is withheld or empty */
  headlineMeanChange: number | null;
  /** share of the headline group whose answer went up; null when withheld or empty */
  headlineImprovedShare: number | null;
  /** why the headline group is withheld; null when published */
  headlineWithheld: GroupWithheldReason | null;
}

export interface Breakdown extends Disclosure {
  dimension: BreakdownDimension;
  /** A page of the categories (by cohort a programme has thousands); the totals are the whole view's. */
  rows: Paged<BreakdownRow>;
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

/** Reach: Active Bystanders (certified) per 1,000 staff of an organisation. */
export interface ReachRow {
  organisationId: string;
  odsCode: string;
  name: string;
  trained: Count;
  headcount: number | null;
  /** YYYY-MM-DD: when the headcount was counted; null when there is no headcount */
  headcountAsOf: string | null;
  /** trained per 1,000 staff, null when unknown or withheld */
  perThousandStaff: number | null;
}

/**
 * Reach of a system (integrated care board): everyone certified from its organisations (the ICB included)
 * against the sum of the headcounts its current organisations have entered. With headcounts missing the
 * figure overstates reach, so the row says how many organisations the headcount covers.
 */
export interface ReachSystemRow {
  systemId: string;
  odsCode: string;
  name: string;
  trained: Count;
  /** Sum of the known headcounts of the system's organisations; null when none is known */
  headcount: number | null;
  /** YYYY-MM-DD: the oldest as-of date among the headcounts summed; null when none is known */
  headcountAsOf: string | null;
  /** Current organisations of the system (the ICB included) with a headcount */
  organisationsWithHeadcount: number;
  /** Current organisations of the system (the ICB included) */
  organisations: number;
  /** trained per 1,000 staff, null when the headcount is unknown or trained is withheld */
  perThousandStaff: number | null;
}

export interface ReachReport extends Disclosure {
  rows: ReachRow[];
  /** One row per system with certified people in view (none for a sponsor, who sees one organisation) */
  systems: ReachSystemRow[];
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
  /**
   * One page of the cohorts anyone in the view was asked the pre questionnaire in, latest start first (a
   * national programme runs thousands of cohorts: nobody reads them on one page). The download has them all.
   */
  cohorts: Paged<ResponseRateRow>;
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
  /** People who commented (a count of people, protected like any other). */
  total: Count;
  /**
   * One page of the comments, newest first (`comments.total` counts comments, not people). No comments, and a
   * total of 0, when withheld.
   */
  comments: Paged<FreeTextComment>;
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
