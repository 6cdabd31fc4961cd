import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { ActivatedRoute, convertToParamMap, provideRouter, Router } from '@angular/router';
import { Role, SessionFeedbackResult, SessionFeedbackResults } from '@upstand/contracts';
import { BehaviorSubject } from 'rxjs';
import { PROGRAMME, signInAs, user } from '../../../testing/fixtures';
import { distributionText } from './feedback-format';
import { SessionFeedbackResultsPage } from './session-feedback-results.page';

function result(overrides: Partial<SessionFeedbackResult> = {}): SessionFeedbackResult {
  return {
    sessionId: 'session-workshop',
    cohortName: 'LLR spring',
    kind: 'workshop',
    title: 'Workshop day 1',
    startsAt: '2025-04-10T08:00:00Z',
    responses: 10,
    attended: 12,
    withheld: false,
    meanUseful: 4.2,
    distribution: [0, 1, 1, 3, 5],
    comments: ['Really useful, thanks [name]', 'More role play please'],
    ...overrides,
  };
}

const WITHHELD = result({
  sessionId: 'session-set',
  kind: 'action-learning-set',
  title: 'Action learning set 1',
  startsAt: '2025-05-08T09:00:00Z',
  responses: 3,
  attended: 6,
  withheld: true,
  meanUseful: null,
  distribution: null,
  comments: [],
});

function pageOf<T>(items: T[], total = items.length) {
  return { items, total, page: 1, pageSize: 25 };
}

const FACILITATOR_VIEW: SessionFeedbackResults = {
  threshold: 5,
  suppressionApplied: true,
  sessions: pageOf([WITHHELD, result()]),
  byKind: [
    { kind: 'action-learning-set', sessions: 1, responses: 3, meanUseful: null, withheldSessions: 1 },
    { kind: 'workshop', sessions: 1, responses: 10, meanUseful: 4.2, withheldSessions: 0 },
  ],
};

const LEAD_VIEW: SessionFeedbackResults = {
  threshold: 5,
  suppressionApplied: false,
  sessions: pageOf([
    { ...WITHHELD, withheld: false, meanUseful: 4, distribution: [0, 0, 1, 1, 1], comments: ['Good'] },
    result(),
  ]),
  byKind: [
    { kind: 'action-learning-set', sessions: 1, responses: 3, meanUseful: 4, withheldSessions: 0 },
    { kind: 'workshop', sessions: 1, responses: 10, meanUseful: 4.2, withheldSessions: 0 },
  ],
};

const text = (element: Element | null | undefined) => element?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
const cells = (row: Element | null | undefined) =>
  Array.from(row?.querySelectorAll('th, td') ?? []).map((cell) => text(cell));

async function render(roles: Role[], query: Record<string, string> = {}) {
  const queryParamMap = new BehaviorSubject(convertToParamMap(query));
  TestBed.configureTestingModule({
    providers: [
      provideRouter([]),
      provideHttpClient(),
      provideHttpClientTesting(),
      { provide: ActivatedRoute, useValue: { queryParamMap } },
    ],
  });
  await signInAs(user(roles));
  const http = TestBed.inject(HttpTestingController);
  const fixture = TestBed.createComponent(SessionFeedbackResultsPage);
  await fixture.whenStable();
  http.expectOne('/api/programmes').flush([PROGRAMME, { id: 'programme-2', name: 'Pilot' }]);
  await fixture.whenStable();
  const element = fixture.nativeElement as HTMLElement;
  return { fixture, element, http, queryParamMap };
}

async function renderWith(roles: Role[], report: SessionFeedbackResults) {
  const rendered = await render(roles);
  const request = rendered.http.expectOne((r) => r.url === '/api/session-feedback/results');
  expect(request.request.params.toString()).toBe('programmeId=programme-1');
  request.flush(report);
  await rendered.fixture.whenStable();
  return rendered;
}

const sessionRow = (element: HTMLElement, id: string) =>
  element.querySelector(`[data-testid="sessions-table"] tr[data-session-id="${id}"]`);

describe('SessionFeedbackResultsPage', () => {
  it('shows a facilitator the count of a session with fewer than 5 responses but withholds its scores and comments', async () => {
    const { element } = await renderWith(['facilitator'], FACILITATOR_VIEW);
    expect(text(element.querySelector('h1'))).toBe('Session feedback');
    expect(text(element.querySelector('[data-testid="sessions-table"] caption'))).toBe(
      'Feedback on each session, latest first',
    );
    expect(cells(sessionRow(element, 'session-set'))).toEqual([
      'Thursday 8 May 2025',
      'LLR spring',
      'Action learning set 1 Action learning set',
      '3 / 6',
      'Withheld: fewer than 5 responses',
    ]);
    expect(cells(sessionRow(element, 'session-workshop'))).toEqual([
      'Thursday 10 April 2025',
      'LLR spring',
      'Workshop day 1 Workshop',
      '10 / 12',
      '4.2',
      '5: 50%, 4: 30%, 3: 10%, 2: 10%, 1: 0%',
    ]);

    const kindRows = Array.from(element.querySelectorAll('[data-testid="by-kind-table"] tbody tr'));
    expect(kindRows.map((row) => cells(row))).toEqual([
      ['Action learning set', '1', '3', 'Withheld: fewer than 5 responses'],
      ['Workshop', '1', '10', '4.2'],
    ]);

    const details = Array.from(element.querySelectorAll('[data-testid="comments"] details'));
    expect(details.map((detail) => text(detail.querySelector('summary')))).toEqual([
      'Action learning set 1, Thursday 8 May 2025, LLR spring (withheld)',
      'Workshop day 1, Thursday 10 April 2025, LLR spring (2 comments)',
    ]);
    expect(text(details[0].querySelector('.nhsuk-details__text'))).toBe('Withheld: fewer than 5 responses.');
    expect(Array.from(details[1].querySelectorAll('li')).map((li) => text(li))).toEqual([
      'Really useful, thanks [name]',
      'More role play please',
    ]);
    expect(element.textContent).toContain('because you know who was there');
  });

  it('shows a programme lead every score and comment, with nothing withheld', async () => {
    const { element } = await renderWith(['programme-lead'], LEAD_VIEW);
    expect(element.textContent).not.toContain('Withheld');
    expect(element.textContent).not.toContain('because you know who was there');
    expect(cells(sessionRow(element, 'session-set')).slice(3)).toEqual([
      '3 / 6',
      '4.0',
      '5: 33%, 4: 33%, 3: 33%, 2: 0%, 1: 0%',
    ]);
    const summaries = Array.from(element.querySelectorAll('[data-testid="comments"] summary')).map((s) =>
      text(s),
    );
    expect(summaries).toEqual([
      'Action learning set 1, Thursday 8 May 2025, LLR spring (1 comment)',
      'Workshop day 1, Thursday 10 April 2025, LLR spring (2 comments)',
    ]);
  });

  it('says when a session has had no feedback yet, and when no sessions match', async () => {
    const { element } = await renderWith(['facilitator'], {
      ...FACILITATOR_VIEW,
      sessions: pageOf([result({ responses: 0, meanUseful: null, distribution: null, comments: [] })]),
      byKind: [{ kind: 'workshop', sessions: 1, responses: 0, meanUseful: null, withheldSessions: 0 }],
    });
    expect(cells(sessionRow(element, 'session-workshop')).slice(3)).toEqual(['0 / 12', 'No feedback yet']);
    expect(element.textContent).toContain('Nobody has left a comment on these sessions.');

    TestBed.resetTestingModule();
    const empty = await renderWith(['facilitator'], {
      ...FACILITATOR_VIEW,
      sessions: pageOf([]),
      byKind: [],
    });
    expect(empty.element.querySelector('table')).toBeNull();
    expect(empty.element.textContent).toContain('No sessions match these filters yet.');
  });

  it('asks for the filters in the address bar, and puts submitted filters there', async () => {
    const { element, http, fixture } = await render(['programme-lead'], {
      programmeId: 'programme-2',
      startFrom: '2025-04-01',
      kind: 'workshop',
    });
    const request = http.expectOne((r) => r.url === '/api/session-feedback/results');
    expect(request.request.params.toString()).toBe(
      'programmeId=programme-2&startFrom=2025-04-01&kind=workshop',
    );
    request.flush(LEAD_VIEW);
    await fixture.whenStable();
    expect(element.querySelector<HTMLSelectElement>('#programmeId')?.value).toBe('programme-2');
    expect(element.querySelector<HTMLSelectElement>('#kind')?.value).toBe('workshop');

    const navigate = jest.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
    element.querySelector<HTMLInputElement>('#startTo')!.value = '30';
    element.querySelector<HTMLInputElement>('#startTo-month')!.value = '6';
    element.querySelector<HTMLInputElement>('#startTo-year')!.value = '2025';
    element.querySelector<HTMLSelectElement>('#kind')!.value = 'action-learning-set';
    element.querySelector('form')!.dispatchEvent(new Event('submit'));
    expect(navigate).toHaveBeenCalledWith(['/session-feedback'], {
      queryParams: {
        programmeId: 'programme-2',
        startFrom: '2025-04-01',
        startTo: '2025-06-30',
        kind: 'action-learning-set',
      },
    });
  });

  it('refuses dates the wrong way round without asking the server', async () => {
    const { element, http, fixture } = await render(['facilitator'], {
      startFrom: '2025-06-01',
      startTo: '2025-05-01',
    });
    await fixture.whenStable();
    http.expectNone((r) => r.url === '/api/session-feedback/results');
    expect(text(element.querySelector('.nhsuk-error-summary'))).toContain(
      'Sessions up to must be the same as or after sessions from',
    );
    expect(text(element.querySelector('#startTo-error'))).toContain(
      'Sessions up to must be the same as or after',
    );
  });
  it('asks for the search and page in the address, and says which sessions of how many it shows', async () => {
    const rendered = await render(['programme-lead'], { q: '50%_off', page: '2', pageSize: '50' });
    const request = rendered.http.expectOne((r) => r.url === '/api/session-feedback/results');
    expect(request.request.params.toString()).toBe('programmeId=programme-1&q=50%25_off&page=2&pageSize=50');
    request.flush({ ...LEAD_VIEW, sessions: { ...LEAD_VIEW.sessions, total: 52, page: 2, pageSize: 50 } });
    await rendered.fixture.whenStable();
    expect(rendered.element.textContent).toContain('Showing 51 to 52 of 52 sessions');
    expect(rendered.element.querySelector<HTMLInputElement>('#q')?.value).toBe('50%_off');
    expect(rendered.element.querySelector('.nhsuk-pagination__link--prev')?.textContent).toContain(
      'Page 1 of 2',
    );
  });
});

describe('distributionText', () => {
  it('gives each score as a share of the answers, highest score first', () => {
    expect(distributionText([1, 0, 0, 1, 2]).replace(/\u00a0/g, ' ')).toBe(
      '5: 50%, 4: 25%, 3: 0%, 2: 0%, 1: 25%',
    );
    expect(distributionText(null)).toBe('');
    expect(distributionText([0, 0, 0, 0, 0])).toBe('');
  });
});
