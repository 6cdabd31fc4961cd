import { CohortEnrolment, EnrolmentStatus } from './enrolments';
import { Paged, PageQuery } from './paging';

/**
 * Cohort management for programme leads: editing a cohort, adding delegates by hand, withdrawing them, offering
 * waiting-list places by hand, and withdrawing or transferring several at once.
 */

export const COHORT_NAME_MAX_LENGTH = 200;
export const COHORT_CAPACITY_MIN = 1;
export const COHORT_CAPACITY_MAX = 500;
/** Longest reason a lead may give for withdrawing someone. */
export const WITHDRAWAL_REASON_MAX_LENGTH = 500;
/** Most people one bulk action may change (one page of the delegates list at its largest). */
export const BULK_MAX = 100;

/** `PATCH /api/cohorts/{id}`: any of the three; capacity may not go below the places already taken. */
export interface UpdateCohortRequest {
  name?: string;
  capacity?: number;
  signupsOpen?: boolean;
}

/** `GET /api/cohorts/{id}/enrolments`: the shared paging query, a status filter and (for the bulk page) ids. */
export interface CohortEnrolmentQuery extends PageQuery {
  status?: EnrolmentStatus;
  /** Comma-separated enrolment ids (at most BULK_MAX): only these. */
  ids?: string;
}

/** How many of the cohort's enrolments are in each status (all of them, not one page). */
export type EnrolmentCounts = Record<EnrolmentStatus, number>;

export interface CohortEnrolmentPage extends Paged<CohortEnrolment> {
  counts: EnrolmentCounts;
  capacity: number;
  /** Places held: confirmed, offered and completed. */
  placesTaken: number;
}

/** `GET /api/cohorts/{id}/people?q=`: accounts a lead may add, within the systems their grant reaches. */
export interface DelegateCandidate {
  id: string;
  fullName: string;
  email: string;
  organisationName: string | null;
  /** Their current place on this cohort's programme (any cohort of it), if any: they cannot be added again. */
  activePlace: { cohortName: string; status: EnrolmentStatus } | null;
}

/** `POST /api/cohorts/{id}/delegates`: an existing account (`userId`), or a new person to invite. */
export interface AddDelegateRequest {
  userId?: string;
  email?: string;
  fullName?: string;
}

export interface WithdrawRequest {
  /** Required when a lead withdraws someone else; kept in the audit log. */
  reason?: string;
}

export interface BulkWithdrawRequest {
  enrolmentIds: string[];
  reason: string;
}

export interface BulkTransferRequest {
  enrolmentIds: string[];
  cohortId: string;
}

/** One person's result in a bulk action: each person is changed in a transaction of their own. */
export interface BulkOutcome {
  enrolmentId: string;
  fullName: string;
  ok: boolean;
  /** What happened ("Withdrawn", "Moved to …: place confirmed") or why not. */
  message: string;
}

export interface BulkResult {
  outcomes: BulkOutcome[];
  succeeded: number;
  failed: number;
}

/** The emails a withdrawal sends, for the confirmation pages (the same words the web shows before confirming). */
export const WITHDRAWAL_EMAILS =
  'A cancellation for each of their sessions still to come, which removes it from their calendar (only people with a confirmed place were sent invitations). If they held a place, it is offered to the first person on the waiting list.';

export const TRANSFER_EMAILS =
  'A cancellation for each session still to come on this cohort, then a confirmation (or a waiting-list email) for the new cohort with an invitation for each of its sessions. Into another system’s cohort, its leads are asked to accept first.';
