import { CohortEnrolment, Enrolment } from '@upstand/contracts';
import { EnrolmentRow } from './enrolments.repository';

export function toEnrolment(row: EnrolmentRow): Enrolment {
  return {
    id: row.id,
    cohortId: row.cohortId,
    cohortName: row.cohortName,
    status: row.status,
    createdAt: new Date(row.createdAt).toISOString(),
    statusChangedAt: new Date(row.statusChangedAt).toISOString(),
    offerExpiresAt: row.offerExpiresAt ? new Date(row.offerExpiresAt).toISOString() : null,
    waitlistPosition: row.waitlistPosition,
  };
}

export function toCohortEnrolment(row: EnrolmentRow): CohortEnrolment {
  return {
    ...toEnrolment(row),
    delegate: {
      id: row.delegateUserId,
      fullName: row.delegateName,
      email: row.delegateEmail,
      organisationName: row.organisationName,
    },
  };
}
