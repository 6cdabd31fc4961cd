import { ApprovalState, EnrolmentStatus, MailboxMessage } from './enrolments';
import { PageQuery } from './paging';

/**
 * The filters each paged list accepts beside `q`, `page` and `pageSize` (paging.ts), and the words the pages
 * use for them. The API refuses values outside these lists with a 400 naming the field.
 */

/** Where a cohort is in its life, by London date: not started, under way, or every session over. */
export const COHORT_TIMINGS = ['upcoming', 'running', 'finished'] as const;
export type CohortTiming = (typeof COHORT_TIMINGS)[number];
export const COHORT_TIMING_LABELS: Record<CohortTiming, string> = {
  upcoming: 'Not started yet',
  running: 'Running now',
  finished: 'Finished',
};

/** `GET /api/cohorts`: `q` matches the cohort's name, its venue, or its system's name or ODS code. */
export interface CohortQuery extends PageQuery {
  when?: CohortTiming;
}

export type MailboxStatus = MailboxMessage['status'];
export const MAILBOX_STATUSES: readonly MailboxStatus[] = [
  'pending',
  'sending',
  'sent',
  'kept',
  'dropped',
  'failed',
];
/** `GET /api/mailbox`: `q` matches the recipient's address or the subject. */
export interface MailboxQuery extends PageQuery {
  status?: MailboxStatus;
}

/**
 * `GET /api/sponsor/delegates` and `GET /api/manager/team`: `q` matches the person's name or their cohort's
 * name.
 */
export interface PeopleProgressQuery extends PageQuery {
  status?: EnrolmentStatus;
}

/** `GET /api/community/members`: `q` matches the member's name or organisation. */
export type CommunityMemberQuery = PageQuery;

/** `GET /api/manager/approvals`: `q` matches the person's name or the cohort's name. */
export type ApprovalQuery = PageQuery;

/** Most approvals a line manager may decide in one go (a page of them at the largest page size). */
export const BULK_APPROVAL_MAX = 100;

/** `POST /api/manager/approvals/approve`: approve several waiting places at once. */
export interface BulkApproveRequest {
  ids: string[];
}

/** What happened to one of the places in a bulk approval: each is decided on its own. */
export interface BulkApprovalOutcome {
  id: string;
  /** Null when the request is not one of the manager's (nothing about it is disclosed). */
  delegateName: string | null;
  cohortName: string | null;
  /** The request's state afterwards; null when it could not be found. */
  state: ApprovalState | null;
  approved: boolean;
  /** Why it was not approved, in plain English; null when it was. */
  problem: string | null;
}
