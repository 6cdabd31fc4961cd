import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { EvaluationDue, Journey, SessionFeedbackDue } from '@upstand/contracts';
import { ALS_SESSION, enrolment, journey, journeySession, signInAs, user } from '../../../testing/fixtures';
import { FlashService } from '../../core/flash.service';
import { JourneyPage } from './journey.page';

async function render(value: Journey, flash?: string) {
  jest.useFakeTimers({
    now: new Date('2027-03-01T12:00:00Z'),
    doNotFake: ['queueMicrotask', 'setTimeout', 'setInterval', 'requestAnimationFrame'],
  });
  TestBed.configureTestingModule({
    providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting()],
  });
  await signInAs(user(['delegate']));
  if (flash) TestBed.inject(FlashService).set(flash);
  const http = TestBed.inject(HttpTestingController);
  const fixture = TestBed.createComponent(JourneyPage);
  await fixture.whenStable();
  http.expectOne('/api/me/journey').flush(value);
  await fixture.whenStable();
  const element = fixture.nativeElement as HTMLElement;
  const text = (selector: string) =>
    element.querySelector(selector)?.textContent?.replace(/\s+/g, ' ').trim();
  const button = (label: string) =>
    Array.from(element.querySelectorAll('button')).find(
      (b) => b.textContent?.replace(/\s+/g, ' ').trim() === label,
    );
  return { fixture, element, http, text, button };
}

describe('JourneyPage', () => {
  afterEach(() => jest.useRealTimers());

  it('offers a booked delegate all their sessions as one calendar file, and a calendar subscription', async () => {
    const { fixture, element, http, text, button } = await render(
      journey({ enrolment: enrolment({ status: 'confirmed' }) }),
    );
    expect(text('#calendar')).toBe('Your calendar');
    const download = element.querySelector<HTMLAnchorElement>('[data-testid="calendar-download"]');
    expect(download?.getAttribute('href')).toBe('/api/me/calendar.ics');
    expect(download?.hasAttribute('download')).toBe(true);
    expect(download?.textContent?.replace(/\s+/g, ' ').trim()).toBe(
      'Add all my sessions to my calendar (.ics file)',
    );
    http.expectOne('/api/me/calendar-feed').flush({ active: false, createdAt: null });
    await fixture.whenStable();
    expect(button('Create subscription link')).toBeDefined();
  });

  it('has no calendar to add while the place is not yet confirmed', async () => {
    const { element, http } = await render(
      journey({ enrolment: enrolment({ status: 'waitlisted', waitlistPosition: 2 }) }),
    );
    expect(element.querySelector('#calendar')).toBeNull();
    expect(element.querySelector('[data-testid="calendar-download"]')).toBeNull();
    http.expectNone('/api/me/calendar-feed');
  });

  it('sends a delegate without an enrolment to the open cohorts', async () => {
    const { element } = await render(
      journey({ enrolment: null, programmeName: null, stages: [], nextSession: null }),
    );
    expect(element.querySelector('h1')?.textContent?.trim()).toBe('My journey');
    expect(element.textContent).toContain('You have not signed up for a cohort yet.');
    expect(element.querySelector('a[href="/cohorts/open"]')?.textContent).toContain('Find a cohort to join');
    expect(element.querySelector('[data-testid="journey-status"]')).toBeNull();
  });

  it('shows "Waiting for manager approval" with the banner from signing up, and offers to withdraw', async () => {
    const { element, text, button } = await render(
      journey({ enrolment: enrolment({ status: 'pending-approval' }), nextSession: null }),
      'You have asked for a place on LLR spring 2027.',
    );
    expect(text('[data-testid="success-banner"]')).toContain(
      'You have asked for a place on LLR spring 2027.',
    );
    expect(text('[data-testid="journey-status-tag"]')).toBe('Waiting for manager approval');
    expect(text('[data-testid="journey-status"]')).toContain('We have emailed your line manager');
    expect(element.querySelector('[data-testid="next-session"]')).toBeNull();
    expect(button('Withdraw from this cohort')).toBeDefined();
    expect(button('Accept place')).toBeUndefined();
  });

  it('shows a waiting-list position, and an offer with its deadline and Accept / Decline', async () => {
    const waiting = await render(
      journey({ enrolment: enrolment({ status: 'waitlisted', waitlistPosition: 3 }) }),
    );
    expect(waiting.text('[data-testid="journey-status"]')).toContain('You are number 3 on the waiting list');
    TestBed.resetTestingModule();

    const offered = await render(
      journey({ enrolment: enrolment({ status: 'offered', offerExpiresAt: '2027-03-03T12:00:00Z' }) }),
    );
    expect(offered.text('[data-testid="journey-status-tag"]')).toBe('Place offered');
    expect(offered.text('[data-testid="journey-status"]')).toContain(
      'Accept it by midday on Wednesday 3 March 2027',
    );
    offered.button('Accept place')?.click();
    const accept = offered.http.expectOne('/api/enrolments/enrolment-1/accept');
    expect(accept.request.method).toBe('POST');
    accept.flush(enrolment({ status: 'confirmed' }));
    offered.http.expectOne('/api/me/journey').flush(journey());
    await offered.fixture.whenStable();
    expect(offered.text('[data-testid="success-banner"]')).toContain(
      'You have accepted your place on LLR spring 2027',
    );
    expect(offered.text('[data-testid="journey-status-tag"]')).toBe('Place confirmed');
  });

  it('shows the next session with the venue, and no join link for an in-person session', async () => {
    const { element, text } = await render(journey());
    expect(text('[data-testid="next-session"] h3')).toBe('Active Bystander workshop: day 1');
    expect(text('[data-testid="next-session-when"]')).toBe('Thursday 25 March 2027, 9:00am to 4:30pm');
    expect(text('[data-testid="next-session-where"]')).toBe('Leicester General Hospital, Education Centre');
    expect(element.querySelector('[data-testid="join-link"]')).toBeNull();
  });

  it('gives a join link button only when the next session has one', async () => {
    const next = { ...ALS_SESSION, joinUrl: 'https://teams.microsoft.com/l/meetup-join/als-1' };
    const { element, text } = await render(journey({ nextSession: next, setName: 'Set 2' }));
    expect(text('[data-testid="next-session-where"]')).toBe('Online');
    const join = element.querySelector<HTMLAnchorElement>('[data-testid="join-link"]');
    expect(join?.getAttribute('href')).toBe(next.joinUrl);
    expect(join?.textContent).toContain('Join the online session');
    expect(text('[data-testid="set-name"]')).toBe('Your action learning set: Set 2');
    TestBed.resetTestingModule();

    const withoutLink = await render(journey({ nextSession: ALS_SESSION }));
    expect(withoutLink.text('[data-testid="next-session-where"]')).toBe('Online');
    expect(withoutLink.element.querySelector('[data-testid="join-link"]')).toBeNull();
  });

  it('lists each stage with its sessions and attendance, and the certificate once completed', async () => {
    const attended = journeySession({
      startsAt: '2027-02-25T09:00:00Z',
      endsAt: '2027-02-25T16:30:00Z',
      attendance: 'present',
    });
    const { element, text, http, fixture } = await render(
      journey({
        enrolment: enrolment({ status: 'completed' }),
        stages: [
          { key: 'workshop', title: 'Active Bystander workshop', sessions: [attended] },
          {
            key: 'action-learning-sets',
            title: 'Action learning sets',
            sessions: [{ ...ALS_SESSION, status: 'cancelled' }],
          },
        ],
        nextSession: null,
        certificateUrl: '/api/enrolments/enrolment-1/certificate.pdf',
        communityMember: true,
      }),
    );
    http.expectOne('/api/me/community').flush({ member: true, inDirectory: false });
    await fixture.whenStable();
    expect(text('[data-testid="journey-status-tag"]')).toBe('Completed');
    const stages = Array.from(element.querySelectorAll('section[data-stage]')).map((section) => [
      section.querySelector('h3')?.textContent?.trim(),
      section.querySelector('.nhsuk-tag')?.textContent?.trim(),
    ]);
    expect(stages).toEqual([
      ['Active Bystander workshop', 'Present'],
      ['Action learning sets', 'Cancelled'],
    ]);
    const certificate = element.querySelector<HTMLAnchorElement>('[data-testid="certificate-link"]');
    expect(certificate?.getAttribute('href')).toBe('/api/enrolments/enrolment-1/certificate.pdf');
    expect(certificate?.hasAttribute('download')).toBe(true);
    expect(element.querySelector('button')?.textContent).not.toContain('Withdraw');

    const consent = element.querySelector<HTMLInputElement>('#inDirectory');
    expect(consent?.checked).toBe(false);
    consent?.click();
    element.querySelector<HTMLButtonElement>('form button[type="submit"]')?.click();
    const put = http.expectOne('/api/me/community');
    expect(put.request.method).toBe('PUT');
    expect(put.request.body).toEqual({ inDirectory: true });
    put.flush({ member: true, inDirectory: true });
    await fixture.whenStable();
    expect(text('[data-testid="success-banner"]')).toContain(
      'You are listed in the Community of Practice directory',
    );
  });

  it('lists the questionnaires with where each stands, and the sessions whose feedback is open', async () => {
    const due = (overrides: Partial<EvaluationDue>): EvaluationDue => ({
      stage: 'pre',
      title: 'Before the programme',
      opensAt: '2027-02-01T10:00:00Z',
      closesAt: '2027-03-25T09:00:00Z',
      state: 'open',
      submittedAt: null,
      anonymous: false,
      ...overrides,
    });
    const feedback = (overrides: Partial<SessionFeedbackDue>): SessionFeedbackDue => ({
      sessionId: 'session-1',
      title: 'Active Bystander workshop: day 1',
      kind: 'workshop',
      startsAt: '2027-02-25T09:00:00Z',
      endsAt: '2027-02-25T16:30:00Z',
      closesAt: '2027-03-11T16:30:00Z',
      state: 'open',
      submittedAt: null,
      anonymous: false,
      ...overrides,
    });
    const { fixture, element, http } = await render(journey());
    http.expectOne('/api/me/evaluations').flush([
      due({ submittedAt: '2027-02-20T10:00:00Z' }),
      due({
        stage: 'post',
        title: 'After the programme',
        state: 'not-yet-open',
        opensAt: '2027-07-22T10:30:00Z',
      }),
      due({ stage: 'follow-up', title: 'Three months on', state: 'closed' }),
    ]);
    http
      .expectOne('/api/me/session-feedback')
      .flush([feedback({}), feedback({ sessionId: 'session-old', title: 'Old session', state: 'closed' })]);
    await fixture.whenStable();
    const rows = Array.from(element.querySelectorAll('[data-testid="questionnaires"] [data-stage]')).map(
      (row) => ({
        title: row.querySelector('dt')?.textContent?.trim(),
        status: row.querySelector('.nhsuk-tag')?.textContent?.trim(),
        detail: row.querySelector('.nhsuk-summary-list__value p')?.textContent?.trim() ?? null,
        link: row.querySelector('a')?.getAttribute('href') ?? null,
        linkText: row.querySelector('a')?.textContent?.trim() ?? null,
      }),
    );
    expect(rows).toEqual([
      {
        title: 'Before the programme',
        status: 'Submitted',
        detail:
          'Submitted Saturday 20 February 2027. You can change your answers until 9:00am on Thursday 25 March 2027.',
        link: '/journey/questionnaires/pre',
        linkText: 'Change your answers (Before the programme)',
      },
      {
        title: 'After the programme',
        status: 'Not open yet',
        detail: 'Opens Thursday 22 July 2027',
        link: null,
        linkText: null,
      },
      { title: 'Three months on', status: 'Closed', detail: null, link: null, linkText: null },
    ]);
    const sessions = Array.from(
      element.querySelectorAll('[data-testid="session-feedback"] [data-session-id]'),
    );
    expect(sessions.map((row) => row.getAttribute('data-session-id'))).toEqual(['session-1']);
    expect(sessions[0]?.querySelector('a')?.getAttribute('href')).toBe('/journey/session-feedback/session-1');
    expect(sessions[0]?.querySelector('a')?.textContent?.trim()).toBe(
      'Give feedback on Active Bystander workshop: day 1',
    );
  });

  it('has no questionnaires while the place is not confirmed', async () => {
    const { element, http } = await render(journey({ enrolment: enrolment({ status: 'pending-approval' }) }));
    http.expectNone('/api/me/evaluations');
    expect(element.querySelector('[data-testid="questionnaires"]')).toBeNull();
  });

  it('asks for confirmation before withdrawing', async () => {
    const { fixture, http, text, button } = await render(journey());
    button('Withdraw from this cohort')?.click();
    await fixture.whenStable();
    http.expectNone('/api/enrolments/enrolment-1/withdraw');
    expect(text('[data-testid="withdraw-confirm"] h2')).toBe(
      'Are you sure you want to withdraw from LLR spring 2027?',
    );
    button('No, keep my place')?.click();
    await fixture.whenStable();
    expect(button('Yes, withdraw')).toBeUndefined();

    button('Withdraw from this cohort')?.click();
    await fixture.whenStable();
    button('Yes, withdraw')?.click();
    http.expectOne('/api/enrolments/enrolment-1/withdraw').flush(enrolment({ status: 'withdrawn' }));
    http
      .expectOne('/api/me/journey')
      .flush(journey({ enrolment: enrolment({ status: 'withdrawn' }), nextSession: null }));
    await fixture.whenStable();
    expect(text('[data-testid="success-banner"]')).toContain('You have withdrawn from LLR spring 2027');
    expect(text('[data-testid="journey-status-tag"]')).toBe('Withdrawn');
    expect(button('Withdraw from this cohort')).toBeUndefined();
  });
});
