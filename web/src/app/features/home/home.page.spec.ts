import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { Role } from '@upstand/contracts';
import { approvalView, calendarEntry, journey, signInAs, user } from '../../../testing/fixtures';
import { FeaturesService } from '../../core/features.service';
import { HomePage } from './home.page';

async function render(roles: Role[], demoMailbox = true) {
  TestBed.configureTestingModule({
    providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting()],
  });
  await signInAs(user(roles));
  TestBed.inject(FeaturesService).set({ demoMailbox });
  const fixture = TestBed.createComponent(HomePage);
  await fixture.whenStable();
  const http = TestBed.inject(HttpTestingController);
  const element = fixture.nativeElement as HTMLElement;
  /** Answers the requests to `path` (any query string). */
  const answer = async (path: string, body: object) => {
    for (const request of http.match((candidate) => candidate.url === path)) request.flush(body);
    await fixture.whenStable();
  };
  return { fixture, element, http, answer };
}

const text = (element: Element | null | undefined) => element?.textContent?.replace(/\s+/g, ' ').trim();
const taskLinks = (element: HTMLElement) =>
  Array.from(element.querySelectorAll<HTMLAnchorElement>('[data-testid="tasks"] a')).map((a) => [
    a.textContent,
    a.getAttribute('href'),
  ]);

describe('HomePage', () => {
  it('welcomes the user by name and lists their roles', async () => {
    const { element } = await render(['sponsor', 'programme-lead']);
    expect(element.querySelector('h1')?.textContent).toBe('Welcome, Sam Patel');
    expect(text(element.querySelector('[data-testid="roles"]'))).toBe('Programme lead, Organisation sponsor');
  });

  it('gives a delegate one next step (not the journey page) and a link to My journey', async () => {
    const { element, answer } = await render(['delegate']);
    await answer('/api/me/journey', journey());
    await answer('/api/me/evaluations', []);
    await answer('/api/me/session-feedback', []);
    const next = element.querySelector('[data-testid="next-step"]');
    expect(next?.getAttribute('data-kind')).toBe('next-session');
    expect(text(next?.querySelector('[data-testid="next-step-detail"]'))).toBe(
      'Thursday 25 March 2027, 9:00am to 4:30pm, Leicester General Hospital, Education Centre',
    );
    expect(element.querySelector('h1')?.textContent).not.toBe('My journey');
    expect(Array.from(element.querySelectorAll('a')).some((a) => a.getAttribute('href') === '/journey')).toBe(
      true,
    );
  });

  it('offers a facilitator their registers and sessions, and never "create cohorts"', async () => {
    const { element, answer, http } = await render(['facilitator']);
    const [request] = http.match((candidate) => candidate.url === '/api/me/sessions');
    const started = new Date(Date.now() - 3_600_000).toISOString();
    request!.flush([
      calendarEntry({ sessionId: 'now', startsAt: started, endsAt: new Date().toISOString() }),
    ]);
    await answer('/api/me/sessions', []);
    const next = element.querySelector('[data-testid="next-step"]');
    expect(next?.getAttribute('data-kind')).toBe('register');
    expect(next?.querySelector('a.nhsuk-button')?.getAttribute('href')).toBe('/sessions/now/register');
    expect(element.textContent).not.toMatch(/create cohorts/i);
    expect(taskLinks(element).map(([title]) => title)).toEqual([
      'My sessions',
      'Cohorts',
      'Calendar',
      'Community',
    ]);
  });

  it('shows a line manager the approvals waiting, working with a plain or a paged list', async () => {
    const { element, answer } = await render(['line-manager']);
    await answer('/api/manager/approvals', { items: [approvalView()], total: 1, page: 1, pageSize: 25 });
    await answer('/api/manager/team', { items: [], total: 0, page: 1, pageSize: 25 });
    expect(text(element.querySelector('[data-testid="next-step-heading"]'))).toBe(
      '1 place waits for your approval',
    );
    expect(text(element.querySelector('[data-testid="approvals-waiting"]'))).toContain(
      approvalView().delegateName,
    );
  });

  it("leads a sponsor to their organisation's figures and counts their delegates", async () => {
    const { element, answer } = await render(['sponsor']);
    await answer('/api/sponsor/delegates', { items: [], total: 0, page: 1, pageSize: 25 });
    expect(element.querySelector('[data-testid="next-step"] a')?.getAttribute('href')).toBe('/impact');
    expect(text(element.querySelector('[data-testid="sponsor-delegates"]'))).toBe(
      'Nobody from your organisation has signed up yet.',
    );
  });

  it('shows the steering group the Impact headline and the open actions', async () => {
    const { element, answer } = await render(['steering']);
    await answer('/api/programmes', [{ id: 'programme-1', name: 'Active Bystander Programme' }]);
    await answer('/api/analytics/overview', {
      headline: {
        wording: 'I feel confident to intervene',
        withheld: false,
        nPaired: { value: 40, suppressed: false },
        improvedShare: 0.75,
      },
    });
    await answer('/api/programmes/programme-1/actions', [
      {
        id: 'a1',
        action: 'Recruit more facilitators in Lincolnshire',
        owner: 'Programme lead',
        dueDate: '2027-01-31',
        status: 'open',
        overdue: true,
      },
    ]);
    expect(text(element.querySelector('[data-testid="impact-headline"]'))).toContain('75% of the 40 people');
    expect(text(element.querySelector('[data-testid="open-actions"]'))).toContain(
      'Recruit more facilitators in Lincolnshire',
    );
    expect(text(element.querySelector('[data-testid="next-step-heading"]'))).toBe('1 action is overdue');
    expect(element.textContent).not.toContain('There is nothing for you to do');
  });

  it('tells a programme lead what needs attention, and offers imports and session feedback', async () => {
    const { element, answer } = await render(['programme-lead']);
    await answer('/api/calendar', [calendarEntry({ problems: ['Needs 2 facilitators, has 0'] })]);
    await answer('/api/erasure-requests', []);
    expect(text(element.querySelector('[data-testid="next-step-heading"]'))).toBe(
      '1 session needs attention',
    );
    expect(text(element.querySelector('[data-testid="needs-attention"]'))).toContain('Needs 2 facilitators');
    expect(taskLinks(element)).toEqual([
      ['Cohorts', '/cohorts'],
      ['Calendar', '/calendar'],
      ['Facilitators', '/facilitators'],
      ['Venues', '/venues'],
      ['Organisations', '/organisations'],
      ['Programmes', '/programmes'],
      ['Session feedback', '/session-feedback'],
      ['Imports', '/imports'],
      ['Mailbox', '/mailbox'],
      ['Impact', '/impact'],
      ['Programme review', '/governance'],
    ]);
  });

  it('offers no mailbox where emails are really sent', async () => {
    const { element } = await render(['programme-lead'], false);
    expect(taskLinks(element).map(([title]) => title)).not.toContain('Mailbox');
  });

  it('shows helpful empty states when there is nothing yet', async () => {
    const { element, answer } = await render(['programme-lead', 'delegate']);
    await answer('/api/calendar', []);
    await answer('/api/erasure-requests', []);
    await answer('/api/me/journey', journey({ enrolment: null, nextSession: null, stages: [] }));
    await answer('/api/me/evaluations', []);
    await answer('/api/me/session-feedback', []);
    const kinds = Array.from(element.querySelectorAll('[data-testid="next-step"]')).map((card) =>
      card.getAttribute('data-kind'),
    );
    expect(kinds).toEqual(['cohorts', 'find-cohort']);
    expect(
      Array.from(element.querySelectorAll('[data-testid="next-step"] h2')).map((heading) => text(heading)),
    ).toEqual(['What to do next as a programme lead', 'What to do next as a delegate']);
  });
});
