import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { ActivatedRoute, convertToParamMap, provideRouter, Router } from '@angular/router';
import { Role } from '@upstand/contracts';
import { BehaviorSubject } from 'rxjs';
import { AISHA, calendarEntry, COHORT, LLR_ICB, signInAs, TOM, user } from '../../../testing/fixtures';
import { CalendarPage } from './calendar.page';

async function render(query: Record<string, string>, roles: Role[] = ['programme-lead']) {
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
  const fixture = TestBed.createComponent(CalendarPage);
  await fixture.whenStable();
  http.expectOne('/api/organisations?type=icb').flush([LLR_ICB]);
  http.expectOne('/api/cohorts/options').flush([COHORT]);
  if (roles.includes('programme-lead')) http.expectOne('/api/facilitators').flush([TOM, AISHA]);
  else http.expectNone('/api/facilitators');
  const element = fixture.nativeElement as HTMLElement;
  return { fixture, element, http, queryParamMap };
}

const DAY_1 = calendarEntry();
const DAY_2 = calendarEntry({
  sessionId: 'session-2',
  title: 'Active Bystander workshop: day 2',
  startsAt: '2027-03-30T09:00:00+01:00',
  endsAt: '2027-03-30T12:30:00+01:00',
  problems: ['Needs 2 facilitators, has 1'],
});
/** 00:30 BST on 1 April 2027 is 23:30 UTC on 31 March. */
const AFTER_MIDNIGHT = calendarEntry({
  sessionId: 'session-3',
  cohortId: null,
  cohortName: null,
  title: 'Night shift drop-in',
  startsAt: '2027-03-31T23:30:00Z',
  endsAt: '2027-04-01T00:30:00Z',
});

describe('CalendarPage', () => {
  it('shows a month as an accessible grid, each session on its London day, linking to its cohort', async () => {
    const { fixture, element, http } = await render({ from: '2027-03-01' });
    const request = http.expectOne((r) => r.url === '/api/calendar');
    expect(request.request.params.toString()).toBe('from=2027-03-01&to=2027-04-01');
    request.flush([DAY_2, DAY_1]);
    await fixture.whenStable();

    const grid = element.querySelector('table[data-testid="calendar-grid"]');
    expect(grid?.querySelector('caption')?.textContent?.trim()).toBe('Sessions, March 2027');
    const headers = Array.from(grid?.querySelectorAll('thead th') ?? []);
    expect(headers.map((th) => th.getAttribute('scope'))).toEqual(Array(7).fill('col'));
    expect(headers.map((th) => th.querySelector('.nhsuk-u-visually-hidden')?.textContent)).toEqual([
      'Monday',
      'Tuesday',
      'Wednesday',
      'Thursday',
      'Friday',
      'Saturday',
      'Sunday',
    ]);

    const cell = (date: string) => grid?.querySelector(`td[data-date="${date}"]`);
    const thursday = cell('2027-03-25');
    expect(thursday?.querySelector('a')?.getAttribute('href')).toBe(`/cohorts/${COHORT.id}`);
    expect(thursday?.querySelector('a')?.textContent?.trim()).toBe('9:00am Active Bystander workshop: day 1');
    expect(thursday?.textContent).toContain(COHORT.name);
    expect(cell('2027-03-30')?.querySelector('[data-testid="problem-flag"]')?.textContent).toContain(
      'Needs attention',
    );
    expect(cell('2027-03-25')?.querySelector('[data-testid="problem-flag"]')).toBeNull();
    expect(thursday?.closest('tr')?.querySelector('td')?.getAttribute('data-date')).toBe('2027-03-22');
  });

  it('puts a session at 00:30 BST on its London day, not the UTC day before', async () => {
    const { fixture, element, http } = await render({ view: 'week', from: '2027-03-31' });
    const request = http.expectOne((r) => r.url === '/api/calendar');
    expect(request.request.params.toString()).toBe('from=2027-03-29&to=2027-04-05');
    request.flush([AFTER_MIDNIGHT]);
    await fixture.whenStable();
    const grid = element.querySelector('[data-testid="calendar-grid"]');
    expect(grid?.querySelectorAll('tbody tr')).toHaveLength(1);
    expect(grid?.querySelector('td[data-date="2027-04-01"]')?.textContent).toContain(
      '12:30am Night shift drop-in',
    );
    expect(grid?.querySelector('td[data-date="2027-03-31"]')?.textContent).not.toContain('Night shift');
  });

  it('links to the previous and next month and to the other views, keeping the filters', async () => {
    const { fixture, element, http } = await render({ from: '2027-03-01', system: 'QK1', kind: 'workshop' });
    http.expectOne((r) => r.url === '/api/calendar').flush([]);
    await fixture.whenStable();
    const href = (selector: string) => element.querySelector(selector)?.getAttribute('href');
    expect(href('[data-testid="previous-period"]')).toBe(
      '/calendar?view=month&from=2027-02-01&system=QK1&kind=workshop',
    );
    expect(href('[data-testid="next-period"]')).toBe(
      '/calendar?view=month&from=2027-04-01&system=QK1&kind=workshop',
    );
    expect(element.querySelector('[data-testid="previous-period"]')?.textContent).toContain('February 2027');
    const views = Array.from(element.querySelectorAll('.app-view-switch a')).map((a) => [
      a.textContent?.trim(),
      a.getAttribute('href'),
      a.getAttribute('aria-current'),
    ]);
    expect(views).toEqual([
      ['Month view', '/calendar?view=month&from=2027-03-01&system=QK1&kind=workshop', 'page'],
      ['Week view', '/calendar?view=week&from=2027-03-01&system=QK1&kind=workshop', null],
      ['List view', '/calendar?view=list&from=2027-03-01&system=QK1&kind=workshop', null],
    ]);
    expect(element.querySelector<HTMLSelectElement>('#system')?.value).toBe('QK1');
    expect(element.querySelector<HTMLSelectElement>('#kind')?.value).toBe('workshop');
  });

  it('sends the filters to the API and puts the filter form into the address', async () => {
    const { fixture, element, http } = await render({
      view: 'list',
      from: '2027-03-01',
      cohortId: COHORT.id,
    });
    const request = http.expectOne((r) => r.url === '/api/calendar');
    expect(request.request.params.toString()).toBe(`from=2027-03-01&to=2027-04-01&cohortId=${COHORT.id}`);
    request.flush([DAY_1, DAY_2]);
    await fixture.whenStable();

    const rows = element.querySelectorAll('[data-testid="calendar-list"] tbody tr');
    expect(rows).toHaveLength(2);
    expect(rows[0].textContent).toContain('Thursday 25 March 2027');
    expect(rows[1].textContent).toContain('Needs 2 facilitators, has 1');

    const navigate = jest.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
    const facilitatorSelect = element.querySelector<HTMLSelectElement>('#facilitatorId');
    if (facilitatorSelect) facilitatorSelect.value = TOM.id;
    element.querySelector<HTMLButtonElement>('form[role="search"] button[type="submit"]')?.click();
    expect(navigate).toHaveBeenCalledWith(['/calendar'], {
      queryParams: { view: 'list', from: '2027-03-01', cohortId: COHORT.id, facilitatorId: TOM.id },
    });
  });

  it('does not offer the facilitator filter to a facilitator', async () => {
    const { fixture, element, http } = await render({}, ['facilitator']);
    http.expectOne((r) => r.url === '/api/calendar').flush([]);
    await fixture.whenStable();
    expect(element.querySelector('#facilitatorId')).toBeNull();
    expect(element.querySelector('[data-testid="calendar-count"]')?.textContent).toContain('No sessions');
  });
});
