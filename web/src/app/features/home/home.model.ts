import {
  CalendarEntry,
  EvaluationDue,
  ItemAnalytics,
  Journey,
  JourneySession,
  ProgrammeAction,
  SessionFeedbackDue,
} from '@upstand/contracts';
import { formatLondonRange } from '../../shared/london-time';

/** The one thing a home page asks someone to do next: a heading, a sentence and where to go. */
export interface NextStep {
  /** For tests and analytics of the page: which rule chose it. */
  kind: string;
  heading: string;
  text: string;
  link: string;
  linkText: string;
  /** An extra line under the text: a session's date, time and place. */
  detail?: string;
}

/** How far back a facilitator's register is still "to take": the sessions they ran in the last fortnight. */
export const REGISTER_DAYS = 14;
/** How many upcoming sessions or actions a home page lists before "see all". */
export const HOME_LIST_LENGTH = 3;

/** "Thursday 25 March 2027, 9:00am to 4:30pm, Leicester General Hospital" (or "online"). */
export function sessionWhenWhere(session: JourneySession): string {
  const where = session.mode === 'virtual' ? 'online' : (session.venueName ?? 'in person');
  return `${formatLondonRange(session.startsAt, session.endsAt)}, ${where}`;
}

/**
 * A delegate's single next thing to do, most urgent first: answer an offered place; answer a questionnaire that
 * is open; download a certificate that is ready; give feedback on a session; go to the next session; otherwise
 * say what they are waiting for, or find a cohort.
 */
export function delegateNextStep(
  journey: Journey,
  questionnaires: readonly EvaluationDue[],
  feedback: readonly SessionFeedbackDue[],
): NextStep {
  const enrolment = journey.enrolment;
  const status = enrolment?.status;
  if (!enrolment || status === 'withdrawn' || status === 'declined' || status === 'did-not-complete') {
    return {
      kind: 'find-cohort',
      heading: 'Find a cohort',
      text: 'Choose a cohort of the Active Bystander Programme near you and sign up.',
      link: '/cohorts/open',
      linkText: 'See open cohorts',
    };
  }
  if (status === 'offered') {
    return {
      kind: 'offer',
      heading: 'You have been offered a place',
      text: `A place on ${enrolment.cohortName} is yours if you accept it in time.`,
      link: '/journey',
      linkText: 'Accept or decline the place',
    };
  }
  const booked = status === 'confirmed' || status === 'completed';
  const questionnaire = booked
    ? questionnaires.find((due) => due.state === 'open' && !due.submittedAt)
    : undefined;
  if (questionnaire) {
    return {
      kind: 'questionnaire',
      heading: `Answer the ${questionnaire.title.toLowerCase()}`,
      text: 'It takes about 5 minutes and shows whether the programme works.',
      link: `/journey/questionnaires/${questionnaire.stage}`,
      linkText: `Answer the ${questionnaire.title.toLowerCase()}`,
    };
  }
  if (status === 'completed' && journey.certificateUrl) {
    return {
      kind: 'certificate',
      heading: 'Your certificate is ready',
      text: 'You have finished the programme. Well done.',
      link: journey.certificateUrl,
      linkText: 'Download your certificate (PDF)',
    };
  }
  const sessionFeedback = booked
    ? feedback.find((due) => due.state === 'open' && !due.submittedAt)
    : undefined;
  if (sessionFeedback) {
    return {
      kind: 'session-feedback',
      heading: 'Tell us how a session went',
      text: `Give feedback on ${sessionFeedback.title}.`,
      link: `/journey/session-feedback/${sessionFeedback.sessionId}`,
      linkText: 'Give feedback',
    };
  }
  if (booked && journey.nextSession) {
    return {
      kind: 'next-session',
      heading: `Your next session: ${journey.nextSession.title}`,
      text:
        journey.nextSession.mode === 'virtual'
          ? 'Join online from My journey when it starts.'
          : 'Add it to your calendar so you do not miss it.',
      detail: sessionWhenWhere(journey.nextSession),
      link: '/journey',
      linkText: 'See all your sessions',
    };
  }
  if (status === 'pending-approval') {
    return {
      kind: 'waiting-approval',
      heading: 'Waiting for your line manager',
      text: `We have asked your line manager to approve your place on ${enrolment.cohortName}. Ask them to check their email.`,
      link: '/journey',
      linkText: 'See your journey',
    };
  }
  if (status === 'waitlisted') {
    const position = enrolment.waitlistPosition;
    return {
      kind: 'waitlisted',
      heading: 'You are on the waiting list',
      text: `${position ? `You are number ${position} on the waiting list for ${enrolment.cohortName}. ` : ''}We will email you if a place comes up.`,
      link: '/journey',
      linkText: 'See your journey',
    };
  }
  return {
    kind: 'journey',
    heading: 'Your journey',
    text: 'See your sessions, your attendance and your questionnaires.',
    link: '/journey',
    linkText: 'Go to My journey',
  };
}

/** A facilitator's sessions: registers to take (started in the last fortnight) and what comes next. */
export function facilitatorSessions(
  entries: readonly CalendarEntry[],
  now: Date,
): { registers: CalendarEntry[]; upcoming: CalendarEntry[] } {
  const scheduled = [...entries]
    .filter((entry) => entry.status === 'scheduled')
    .sort((a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt));
  const since = now.getTime() - REGISTER_DAYS * 24 * 3_600_000;
  return {
    registers: scheduled
      .filter((entry) => Date.parse(entry.startsAt) <= now.getTime() && Date.parse(entry.startsAt) >= since)
      .reverse(),
    upcoming: scheduled.filter((entry) => Date.parse(entry.startsAt) > now.getTime()),
  };
}

/** Community of Practice sessions take attendance by person; the others have a register of enrolled delegates. */
export function registerLink(entry: CalendarEntry): string {
  return entry.kind === 'community-of-practice' || entry.kind === 'celebration-event'
    ? `/sessions/${entry.sessionId}/community-attendance`
    : `/sessions/${entry.sessionId}/register`;
}

export function facilitatorNextStep(
  registers: readonly CalendarEntry[],
  upcoming: readonly CalendarEntry[],
): NextStep {
  const [register] = registers;
  if (register) {
    return {
      kind: 'register',
      heading: 'Take the register',
      text: `Mark who came to ${register.title}${register.cohortName ? ` (${register.cohortName})` : ''}.`,
      detail: formatLondonRange(register.startsAt, register.endsAt),
      link: registerLink(register),
      linkText: 'Take the register',
    };
  }
  const [next] = upcoming;
  if (next) {
    return {
      kind: 'next-session',
      heading: `Your next session: ${next.title}`,
      text: next.cohortName ? `With ${next.cohortName}.` : 'See who is coming and how to get there.',
      detail: `${formatLondonRange(next.startsAt, next.endsAt)}, ${next.mode === 'virtual' ? 'online' : (next.venueName ?? 'in person')}`,
      link: '/my-sessions',
      linkText: 'See your sessions',
    };
  }
  return {
    kind: 'no-sessions',
    heading: 'You have no sessions booked',
    text: 'The programme lead will ask you to facilitate sessions. They will appear here and in your calendar.',
    link: '/calendar',
    linkText: 'See the programme calendar',
  };
}

export function managerNextStep(approvals: number, team: number): NextStep {
  if (approvals > 0) {
    return {
      kind: 'approvals',
      heading:
        approvals === 1 ? '1 place waits for your approval' : `${approvals} places wait for your approval`,
      text: 'Your staff cannot start until you approve or decline their place.',
      link: '/manager',
      linkText: 'Approve or decline',
    };
  }
  return {
    kind: 'team',
    heading: 'Your team',
    text:
      team > 0
        ? `${team === 1 ? '1 person' : `${team} people`} in your team ${team === 1 ? 'is' : 'are'} on the programme.`
        : 'Nobody in your team is on the programme yet. When they sign up, we ask you to approve their place.',
    link: '/manager',
    linkText: 'See your team',
  };
}

/**
 * The steering group's headline from the Impact overview, in words, respecting what the API withholds: a withheld
 * group or missing figures say so rather than show a number.
 */
export function impactHeadline(headline: ItemAnalytics | null): string {
  if (!headline) return 'There are no paired answers yet to report a headline.';
  if (headline.withheld || headline.nPaired.value === null || headline.improvedShare === null) {
    return 'The headline figure is withheld until enough people have answered before and after.';
  }
  const percent = Math.round(headline.improvedShare * 100);
  return `${percent}% of the ${headline.nPaired.value} people who answered before and after the programme scored higher afterwards on "${headline.wording}".`;
}

/** Open and in-progress actions, overdue first, then by due date. */
export function openActions(actions: readonly ProgrammeAction[]): ProgrammeAction[] {
  return actions
    .filter((action) => action.status === 'open' || action.status === 'in-progress')
    .sort((a, b) => Number(b.overdue) - Number(a.overdue) || a.dueDate.localeCompare(b.dueDate));
}

/** A programme lead's next step: sessions needing attention (staff, venue), then data requests, then cohorts. */
export function leadNextStep(needsAttention: readonly CalendarEntry[], erasureRequests: number): NextStep {
  const [first] = needsAttention;
  if (first) {
    const count = needsAttention.length;
    return {
      kind: 'sessions',
      heading: count === 1 ? '1 session needs attention' : `${count} sessions need attention`,
      text: `The next is ${first.title}${first.cohortName ? ` (${first.cohortName})` : ''}: ${first.problems[0] ?? ''}.`,
      detail: formatLondonRange(first.startsAt, first.endsAt),
      link: '/calendar',
      linkText: 'See the calendar',
    };
  }
  if (erasureRequests > 0) {
    return {
      kind: 'erasure',
      heading:
        erasureRequests === 1
          ? '1 person asked for their data to be deleted'
          : `${erasureRequests} people asked for their data to be deleted`,
      text: 'Deal with requests to erase data within a month.',
      link: '/admin/erasure-requests',
      linkText: 'See requests to erase data',
    };
  }
  return {
    kind: 'cohorts',
    heading: 'Nothing needs your attention',
    text: 'No session in the next 8 weeks is missing staff or a venue. Plan the next cohorts.',
    link: '/cohorts',
    linkText: 'See cohorts',
  };
}
