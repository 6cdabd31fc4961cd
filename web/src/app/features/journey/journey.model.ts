import { Enrolment, EnrolmentStatus, JourneySession } from '@upstand/contracts';
import { formatLondonDateTime } from '../../shared/london-time';

/** What each status means for the delegate, in a sentence. */
export function statusExplanation(enrolment: Enrolment): string {
  switch (enrolment.status) {
    case 'pending-approval':
      return 'We have emailed your line manager to approve your place. We will email you when they answer.';
    case 'confirmed':
      return 'Your place is confirmed. We will remind you before each session.';
    case 'waitlisted':
      return enrolment.waitlistPosition
        ? `The cohort is full. You are number ${enrolment.waitlistPosition} on the waiting list. If a place comes up, we will email you to offer it.`
        : 'The cohort is full and you are on the waiting list. If a place comes up, we will email you to offer it.';
    case 'offered':
      return enrolment.offerExpiresAt
        ? `A place has come up for you. Accept it by ${formatLondonDateTime(enrolment.offerExpiresAt)}, or it will be offered to the next person.`
        : 'A place has come up for you. Accept it, or it will be offered to the next person.';
    case 'completed':
      return 'Congratulations: you have completed the programme and are now an Active Bystander.';
    case 'declined':
      return 'This place was declined. You can sign up for another cohort.';
    case 'withdrawn':
      return 'You withdrew from this cohort. You can sign up for another cohort.';
    case 'did-not-complete':
      return 'You did not complete the programme with this cohort. You can sign up for another cohort.';
  }
}

/** Statuses a delegate can withdraw from. */
export const WITHDRAWABLE: readonly EnrolmentStatus[] = [
  'pending-approval',
  'confirmed',
  'waitlisted',
  'offered',
];

/** Statuses after which the delegate can sign up again. */
export const FINISHED: readonly EnrolmentStatus[] = ['declined', 'withdrawn', 'did-not-complete'];

/** The banner shown on the journey page after signing up, saying what happens next. */
export function signUpMessage(enrolment: Enrolment): string {
  switch (enrolment.status) {
    case 'pending-approval':
      return `You have asked for a place on ${enrolment.cohortName}. We have emailed your line manager to approve it.`;
    case 'waitlisted':
      return enrolment.waitlistPosition
        ? `${enrolment.cohortName} is full. You are number ${enrolment.waitlistPosition} on the waiting list.`
        : `${enrolment.cohortName} is full. You are on the waiting list.`;
    default:
      return `You have a place on ${enrolment.cohortName}`;
  }
}

/** "Online" for a virtual session; otherwise its venue, or that the venue is still to be confirmed. */
export function sessionWhere(session: Pick<JourneySession, 'mode' | 'venueName'>): string {
  if (session.mode === 'virtual') return 'Online';
  return session.venueName ?? 'In person, venue to be confirmed';
}
