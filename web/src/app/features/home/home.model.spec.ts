import { EvaluationDue, ItemAnalytics, ProgrammeAction, SessionFeedbackDue } from '@upstand/contracts';
import { ALS_SESSION, calendarEntry, enrolment, journey } from '../../../testing/fixtures';
import {
  delegateNextStep,
  facilitatorNextStep,
  facilitatorSessions,
  impactHeadline,
  leadNextStep,
  managerNextStep,
  openActions,
} from './home.model';

const due = (overrides: Partial<EvaluationDue> = {}): EvaluationDue => ({
  stage: 'post',
  title: 'Post-programme questionnaire',
  opensAt: '2027-06-01T00:00:00Z',
  closesAt: '2027-07-01T00:00:00Z',
  state: 'open',
  submittedAt: null,
  anonymous: false,
  ...overrides,
});

const feedback = (overrides: Partial<SessionFeedbackDue> = {}): SessionFeedbackDue => ({
  sessionId: 'session-als-2',
  title: 'Action learning set 2',
  kind: 'action-learning-set',
  startsAt: '2027-05-20T09:00:00Z',
  endsAt: '2027-05-20T10:30:00Z',
  closesAt: '2027-06-03T10:30:00Z',
  state: 'open',
  submittedAt: null,
  anonymous: false,
  ...overrides,
});

describe('a delegate’s next step', () => {
  it('asks someone with no place to find a cohort', () => {
    const step = delegateNextStep(journey({ enrolment: null, nextSession: null }), [], []);
    expect(step).toMatchObject({ kind: 'find-cohort', link: '/cohorts/open' });
  });

  it('leads with a questionnaire that is open, before the next session', () => {
    const step = delegateNextStep(journey(), [due({ stage: 'pre', state: 'closed' }), due()], []);
    expect(step).toMatchObject({
      kind: 'questionnaire',
      heading: 'Answer the post-programme questionnaire',
      link: '/journey/questionnaires/post',
    });
  });

  it('shows the next session with its date, time and place when nothing is due', () => {
    const step = delegateNextStep(journey(), [due({ submittedAt: '2027-03-01T10:00:00Z' })], []);
    expect(step).toMatchObject({
      kind: 'next-session',
      heading: 'Your next session: Active Bystander workshop: day 1',
      detail: 'Thursday 25 March 2027, 9:00am to 4:30pm, Leicester General Hospital, Education Centre',
      link: '/journey',
    });
    const online = delegateNextStep(journey({ nextSession: ALS_SESSION }), [], []);
    expect(online.detail).toBe('Thursday 22 April 2027, 10:00am to 11:30am, online');
  });

  it('asks for session feedback before the next session', () => {
    const step = delegateNextStep(journey(), [], [feedback({ state: 'closed' }), feedback()]);
    expect(step).toMatchObject({ kind: 'session-feedback', link: '/journey/session-feedback/session-als-2' });
  });

  it('offers the certificate once complete', () => {
    const step = delegateNextStep(
      journey({
        enrolment: enrolment({ status: 'completed' }),
        nextSession: null,
        certificateUrl: '/api/enrolments/enrolment-1/certificate.pdf',
      }),
      [due({ stage: 'follow-up', state: 'not-yet-open' })],
      [],
    );
    expect(step).toMatchObject({ kind: 'certificate', link: '/api/enrolments/enrolment-1/certificate.pdf' });
  });

  it('puts an offered place first, and explains waiting for approval or on the waiting list', () => {
    expect(delegateNextStep(journey({ enrolment: enrolment({ status: 'offered' }) }), [due()], []).kind).toBe(
      'offer',
    );
    expect(
      delegateNextStep(journey({ enrolment: enrolment({ status: 'pending-approval' }) }), [due()], []).kind,
    ).toBe('waiting-approval');
    const waiting = delegateNextStep(
      journey({ enrolment: enrolment({ status: 'waitlisted', waitlistPosition: 3 }) }),
      [],
      [],
    );
    expect(waiting.text).toContain('You are number 3 on the waiting list');
  });
});

describe('a facilitator’s sessions', () => {
  const now = new Date('2027-03-25T12:00:00Z');
  const entries = [
    calendarEntry({ sessionId: 'today', startsAt: '2027-03-25T09:00:00Z', endsAt: '2027-03-25T16:30:00Z' }),
    calendarEntry({ sessionId: 'old', startsAt: '2027-02-01T09:00:00Z', endsAt: '2027-02-01T10:30:00Z' }),
    calendarEntry({ sessionId: 'next', startsAt: '2027-04-22T09:00:00Z', endsAt: '2027-04-22T10:30:00Z' }),
    calendarEntry({
      sessionId: 'cancelled',
      status: 'cancelled',
      startsAt: '2027-03-24T09:00:00Z',
      endsAt: '2027-03-24T10:30:00Z',
    }),
  ];

  it('offers the register of a session that has started, and lists what comes next', () => {
    const { registers, upcoming } = facilitatorSessions(entries, now);
    expect(registers.map((entry) => entry.sessionId)).toEqual(['today']);
    expect(upcoming.map((entry) => entry.sessionId)).toEqual(['next']);
    expect(facilitatorNextStep(registers, upcoming)).toMatchObject({
      kind: 'register',
      link: '/sessions/today/register',
    });
    expect(facilitatorNextStep([], upcoming)).toMatchObject({ kind: 'next-session', link: '/my-sessions' });
    expect(facilitatorNextStep([], [])).toMatchObject({ kind: 'no-sessions' });
  });

  it('never offers to create cohorts', () => {
    for (const step of [facilitatorNextStep([], []), facilitatorNextStep([], entries)])
      expect(`${step.heading} ${step.text} ${step.linkText}`).not.toMatch(/create/i);
  });
});

describe('other roles’ next steps', () => {
  it('asks a line manager to approve places first', () => {
    expect(managerNextStep(2, 5)).toMatchObject({
      heading: '2 places wait for your approval',
      link: '/manager',
    });
    expect(managerNextStep(0, 0).text).toContain('Nobody in your team is on the programme yet');
    expect(managerNextStep(0, 1).text).toBe('1 person in your team is on the programme.');
  });

  it('puts the Impact headline in words, and says so when it is withheld', () => {
    const headline = {
      wording: 'I feel confident to intervene',
      withheld: false,
      nPaired: { value: 40, suppressed: false },
      improvedShare: 0.8,
    } as unknown as ItemAnalytics;
    expect(impactHeadline(headline)).toBe(
      '80% of the 40 people who answered before and after the programme scored higher afterwards on "I feel confident to intervene".',
    );
    expect(impactHeadline({ ...headline, withheld: true })).toContain('withheld');
    expect(
      impactHeadline({ ...headline, nPaired: { value: null, suppressed: true } } as ItemAnalytics),
    ).toContain('withheld');
    expect(impactHeadline(null)).toContain('no paired answers yet');
  });

  it('lists open actions, overdue first', () => {
    const action = (id: string, status: ProgrammeAction['status'], dueDate: string, overdue = false) =>
      ({ id, status, dueDate, overdue }) as ProgrammeAction;
    expect(
      openActions([
        action('done', 'done', '2027-01-01'),
        action('later', 'open', '2027-09-01'),
        action('overdue', 'in-progress', '2027-02-01', true),
        action('sooner', 'open', '2027-05-01'),
      ]).map((entry) => entry.id),
    ).toEqual(['overdue', 'sooner', 'later']);
  });

  it('tells a lead about sessions needing attention, then requests to erase data', () => {
    const unstaffed = calendarEntry({ problems: ['Needs 2 facilitators, has 0'] });
    expect(leadNextStep([unstaffed], 1)).toMatchObject({
      heading: '1 session needs attention',
      link: '/calendar',
    });
    expect(leadNextStep([unstaffed], 1).text).toContain('Needs 2 facilitators, has 0');
    expect(leadNextStep([], 2)).toMatchObject({
      heading: '2 people asked for their data to be deleted',
      link: '/admin/erasure-requests',
    });
    expect(leadNextStep([], 0).kind).toBe('cohorts');
  });
});
