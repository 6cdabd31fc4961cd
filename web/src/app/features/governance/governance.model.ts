import {
  ACTION_OWNER_MAX_LENGTH,
  ACTION_STATUSES,
  ACTION_STATUS_LABELS,
  ACTION_TEXT_MAX_LENGTH,
  ActionStatus,
  CreateReviewRequest,
  EVIDENCE_MAX_LENGTH,
  FRAMEWORK_AREAS,
  FrameworkArea,
  RAG_LABELS,
  RAG_RATINGS,
  RagRating,
  RateAreaRequest,
  REVIEW_LABEL_MAX_LENGTH,
} from '@upstand/contracts';
import { ErrorItem } from '../../core/api-error';
import { RadioOption } from '../../shared/form-field';
import { DateParts, datePartsToIso } from '../../shared/date-parts';
import { formatNhsDate } from '../../shared/nhs-date.pipe';

/** NHS tag colour of each rating; the tag always carries the word too, never the colour alone. */
export const RAG_TAGS: Record<RagRating, string> = {
  red: 'nhsuk-tag--red',
  amber: 'nhsuk-tag--yellow',
  green: 'nhsuk-tag--green',
};

export const ACTION_STATUS_TAGS: Record<ActionStatus, string> = {
  open: 'nhsuk-tag--blue',
  'in-progress': 'nhsuk-tag--purple',
  done: 'nhsuk-tag--green',
  dropped: 'nhsuk-tag--grey',
};

export const RAG_OPTIONS: RadioOption[] = (['red', 'amber', 'green'] as const).map((rating) => ({
  value: rating,
  label: RAG_LABELS[rating],
  hint: {
    red: 'Serious concerns: not on track without action',
    amber: 'Some concerns: partly on track',
    green: 'On track',
  }[rating],
}));

export const STATUS_OPTIONS: RadioOption[] = ACTION_STATUSES.map((status) => ({
  value: status,
  label: ACTION_STATUS_LABELS[status],
}));

export function areaLabel(area: FrameworkArea | null | undefined): string {
  return FRAMEWORK_AREAS.find((candidate) => candidate.key === area)?.label ?? '';
}

export function isFrameworkArea(value: string | undefined): value is FrameworkArea {
  return FRAMEWORK_AREAS.some((area) => area.key === value);
}

/** "1 January 2024 to 31 March 2024" */
export function formatPeriod(period: { periodStart: string; periodEnd: string }): string {
  return `${formatNhsDate(period.periodStart)} to ${formatNhsDate(period.periodEnd)}`;
}

/** Where the review page of a programme lives, optionally showing one review. */
export function reviewPageParams(programmeId: string, reviewId?: string | null): Record<string, string> {
  return reviewId ? { programmeId, reviewId } : { programmeId };
}

export const GOVERNANCE_MESSAGES = {
  labelRequired: 'Enter a name for the review period, for example 2024 Q1',
  labelTooLong: `Name must be ${REVIEW_LABEL_MAX_LENGTH} characters or fewer`,
  periodStartRequired: 'Enter the date the review period starts',
  periodStartInvalid: 'Start date must be a real date, for example 1 4 2024',
  periodEndRequired: 'Enter the date the review period ends',
  periodEndInvalid: 'End date must be a real date, for example 30 6 2024',
  periodEndBeforeStart: 'End date must be the same as or after the start date',
  ratingRequired: 'Select a rating: red, amber or green',
  evidenceRequired: 'Enter the evidence for this rating',
  evidenceTooLong: `Evidence must be ${EVIDENCE_MAX_LENGTH} characters or fewer`,
  actionRequired: 'Enter what will be done',
  actionTooLong: `Action must be ${ACTION_TEXT_MAX_LENGTH} characters or fewer`,
  ownerRequired: 'Enter who owns the action',
  ownerTooLong: `Owner must be ${ACTION_OWNER_MAX_LENGTH} characters or fewer`,
  dueDateRequired: 'Enter the date the action is due',
  dueDateInvalid: 'Due date must be a real date, for example 31 3 2025',
} as const;

type Checked<T> = { ok: true; request: T } | { ok: false; errors: ErrorItem[] };

function checkDate(
  field: string,
  parts: DateParts,
  messages: { required: string; invalid: string },
  errors: ErrorItem[],
): string | null {
  const iso = datePartsToIso(parts);
  if (iso === '') errors.push({ field, text: messages.required });
  else if (iso === null) errors.push({ field, text: messages.invalid });
  return iso || null;
}

export interface ReviewFormValue {
  label: string;
  periodStart: DateParts;
  periodEnd: DateParts;
}

export function checkReview(value: ReviewFormValue): Checked<CreateReviewRequest> {
  const errors: ErrorItem[] = [];
  const label = value.label.trim();
  if (!label) errors.push({ field: 'label', text: GOVERNANCE_MESSAGES.labelRequired });
  else if (label.length > REVIEW_LABEL_MAX_LENGTH)
    errors.push({ field: 'label', text: GOVERNANCE_MESSAGES.labelTooLong });
  const periodStart = checkDate(
    'periodStart',
    value.periodStart,
    { required: GOVERNANCE_MESSAGES.periodStartRequired, invalid: GOVERNANCE_MESSAGES.periodStartInvalid },
    errors,
  );
  const periodEnd = checkDate(
    'periodEnd',
    value.periodEnd,
    { required: GOVERNANCE_MESSAGES.periodEndRequired, invalid: GOVERNANCE_MESSAGES.periodEndInvalid },
    errors,
  );
  if (periodStart && periodEnd && periodEnd < periodStart)
    errors.push({ field: 'periodEnd', text: GOVERNANCE_MESSAGES.periodEndBeforeStart });
  if (errors.length || !periodStart || !periodEnd) return { ok: false, errors };
  return { ok: true, request: { label, periodStart, periodEnd } };
}

export interface RatingFormValue {
  rating: string | null;
  evidence: string;
}

export function checkRating(value: RatingFormValue): Checked<RateAreaRequest> {
  const errors: ErrorItem[] = [];
  const rating = RAG_RATINGS.find((candidate) => candidate === value.rating);
  if (!rating) errors.push({ field: 'rating', text: GOVERNANCE_MESSAGES.ratingRequired });
  const evidence = value.evidence.trim();
  if (!evidence) errors.push({ field: 'evidence', text: GOVERNANCE_MESSAGES.evidenceRequired });
  else if (evidence.length > EVIDENCE_MAX_LENGTH)
    errors.push({ field: 'evidence', text: GOVERNANCE_MESSAGES.evidenceTooLong });
  if (errors.length || !rating) return { ok: false, errors };
  return { ok: true, request: { rating, evidence } };
}

export interface ActionFormValue {
  action: string;
  owner: string;
  dueDate: DateParts;
  area: string;
  reviewId: string;
  status: string | null;
}

export interface CheckedAction {
  action: string;
  owner: string;
  dueDate: string;
  area: FrameworkArea | null;
  reviewId: string | null;
  status: ActionStatus | null;
}

export function checkAction(value: ActionFormValue): Checked<CheckedAction> {
  const errors: ErrorItem[] = [];
  const action = value.action.trim();
  if (!action) errors.push({ field: 'action', text: GOVERNANCE_MESSAGES.actionRequired });
  else if (action.length > ACTION_TEXT_MAX_LENGTH)
    errors.push({ field: 'action', text: GOVERNANCE_MESSAGES.actionTooLong });
  const owner = value.owner.trim();
  if (!owner) errors.push({ field: 'owner', text: GOVERNANCE_MESSAGES.ownerRequired });
  else if (owner.length > ACTION_OWNER_MAX_LENGTH)
    errors.push({ field: 'owner', text: GOVERNANCE_MESSAGES.ownerTooLong });
  const dueDate = checkDate(
    'dueDate',
    value.dueDate,
    { required: GOVERNANCE_MESSAGES.dueDateRequired, invalid: GOVERNANCE_MESSAGES.dueDateInvalid },
    errors,
  );
  const status = ACTION_STATUSES.find((candidate) => candidate === value.status) ?? null;
  if (errors.length || !dueDate) return { ok: false, errors };
  return {
    ok: true,
    request: {
      action,
      owner,
      dueDate,
      area: isFrameworkArea(value.area) ? value.area : null,
      reviewId: value.reviewId || null,
      status,
    },
  };
}
