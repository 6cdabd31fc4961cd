/**
 * The steering group's programme evaluation framework: 16 areas rated red, amber or green (with evidence) in
 * each review period, tracked over time, and the action log that follows from the reviews.
 */

export const FRAMEWORK_AREAS = [
  { key: 'overall-effectiveness', label: 'Overall effectiveness' },
  { key: 'relevance', label: 'Relevance' },
  { key: 'efficiency', label: 'Efficiency' },
  { key: 'implementation', label: 'Implementation' },
  { key: 'stakeholder-engagement', label: 'Stakeholder engagement' },
  { key: 'participation-accessibility', label: 'Participation and accessibility' },
  { key: 'quality-of-outputs', label: 'Quality of outputs' },
  { key: 'learning-adaptation', label: 'Learning and adaptation' },
  { key: 'sustainability', label: 'Sustainability' },
  { key: 'impact-on-target-cohort', label: 'Impact on target cohort' },
  { key: 'collaboration-partnerships', label: 'Collaboration and partnerships' },
  { key: 'communication-effectiveness', label: 'Communication effectiveness' },
  { key: 'cost-benefit', label: 'Cost-benefit' },
  { key: 'monitoring-evaluation', label: 'Monitoring and evaluation processes' },
  { key: 'long-term-impact', label: 'Long-term impact' },
  { key: 'recommendations', label: 'Recommendations' },
] as const;

export type FrameworkArea = (typeof FRAMEWORK_AREAS)[number]['key'];

export const FRAMEWORK_AREA_KEYS: readonly FrameworkArea[] = FRAMEWORK_AREAS.map((area) => area.key);

export const FRAMEWORK_AREA_LABELS = Object.fromEntries(
  FRAMEWORK_AREAS.map((area) => [area.key, area.label]),
) as Record<FrameworkArea, string>;

export const RAG_RATINGS = ['red', 'amber', 'green'] as const;
export type RagRating = (typeof RAG_RATINGS)[number];

export const RAG_LABELS: Record<RagRating, string> = { red: 'Red', amber: 'Amber', green: 'Green' };

export const EVIDENCE_MAX_LENGTH = 4000;
export const REVIEW_LABEL_MAX_LENGTH = 100;

/** One area's rating in one review: the latest one given, with who gave it and when. */
export interface AreaRating {
  area: FrameworkArea;
  rating: RagRating;
  evidence: string;
  ratedByName: string | null;
  ratedAt: string;
}

/** A review period of a programme, for example "2024 Q1"; once closed its ratings cannot change. */
export interface ProgrammeReview {
  id: string;
  programmeId: string;
  label: string;
  /** YYYY-MM-DD */
  periodStart: string;
  /** YYYY-MM-DD, on or after the start */
  periodEnd: string;
  closedAt: string | null;
  createdAt: string;
  /** Only the areas rated so far, in the framework's order. */
  ratings: AreaRating[];
}

export interface CreateReviewRequest {
  label: string;
  periodStart: string;
  periodEnd: string;
}

export interface RateAreaRequest {
  rating: RagRating;
  evidence: string;
}

export interface ReviewPeriod {
  id: string;
  label: string;
  periodStart: string;
  periodEnd: string;
  closed: boolean;
}

/** An area's rating in one review period. */
export interface AreaRatingPoint {
  reviewId: string;
  rating: RagRating;
  evidence: string;
  ratedAt: string;
}

/** Ratings tracked over time: every area with its rating in each review period that rated it. */
export interface ProgrammeFramework {
  programmeId: string;
  /** Oldest period first. */
  reviews: ReviewPeriod[];
  areas: { area: FrameworkArea; label: string; history: AreaRatingPoint[] }[];
}

export const ACTION_STATUSES = ['open', 'in-progress', 'done', 'dropped'] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];

export const ACTION_STATUS_LABELS: Record<ActionStatus, string> = {
  open: 'Open',
  'in-progress': 'In progress',
  done: 'Done',
  dropped: 'Dropped',
};

export const ACTION_TEXT_MAX_LENGTH = 1000;
export const ACTION_OWNER_MAX_LENGTH = 200;

export interface ProgrammeAction {
  id: string;
  programmeId: string;
  action: string;
  owner: string;
  /** YYYY-MM-DD */
  dueDate: string;
  status: ActionStatus;
  area: FrameworkArea | null;
  reviewId: string | null;
  reviewLabel: string | null;
  /** Open or in progress with the due date before today in England. */
  overdue: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface CreateActionRequest {
  action: string;
  owner: string;
  dueDate: string;
  area?: FrameworkArea | null;
  reviewId?: string | null;
}

export interface UpdateActionRequest {
  action?: string;
  owner?: string;
  dueDate?: string;
  status?: ActionStatus;
}
