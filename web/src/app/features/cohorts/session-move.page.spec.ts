import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { apiError, COHORT, cohortSession, signInAs, user } from '../../../testing/fixtures';
import { FlashService } from '../../core/flash.service';
import { SessionMovePage } from './session-move.page';

const SESSION = cohortSession({
  id: 'session-2',
  title: 'Active Bystander workshop: day 2',
  startsAt: '2027-03-26T09:00:00+00:00',
  endsAt: '2027-03-26T12:30:00+00:00',
});

async function render(sessions = [SESSION]) {
  TestBed.configureTestingModule({
    providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting()],
  });
  await signInAs(user(['programme-lead']));
  const http = TestBed.inject(HttpTestingController);
  const navigate = jest.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
  const fixture = TestBed.createComponent(SessionMovePage);
  fixture.componentRef.setInput('cohortId', COHORT.id);
  fixture.componentRef.setInput('sessionId', SESSION.id);
  await fixture.whenStable();
  http.expectOne(`/api/cohorts/${COHORT.id}`).flush(COHORT);
  http.expectOne(`/api/cohorts/${COHORT.id}/sessions`).flush(sessions);
  await fixture.whenStable();
  const element = fixture.nativeElement as HTMLElement;
  const input = (id: string) => element.querySelector<HTMLInputElement>(`#${id}`) as HTMLInputElement;
  const type = (id: string, value: string) => {
    input(id).value = value;
    input(id).dispatchEvent(new Event('input'));
  };
  /** Types a date (YYYY-MM-DD) into the day, month and year boxes. */
  const typeDate = (id: string, iso: string) => {
    const [year, month, day] = iso.split('-');
    type(id, String(Number(day)));
    type(`${id}-month`, String(Number(month)));
    type(`${id}-year`, year ?? '');
  };
  const submit = async () => {
    Array.from(element.querySelectorAll('button'))
      .find((b) => b.textContent?.trim() === 'Move session')
      ?.click();
    await fixture.whenStable();
  };
  return { fixture, element, http, navigate, input, type, typeDate, submit };
}

describe('SessionMovePage', () => {
  it('starts from the session as it is now, in London time', async () => {
    const { element, input } = await render();
    expect(element.querySelector('h1')?.textContent).toContain(COHORT.name);
    expect(element.querySelector('[data-testid="current-time"]')?.textContent).toBe(
      'Friday 26 March 2027, 9:00am to 12:30pm',
    );
    expect([
      input('date').value,
      input('date-month').value,
      input('date-year').value,
      input('startTime').value,
      input('endTime').value,
    ]).toEqual(['26', '3', '2027', '09:00', '12:30']);
    expect(input('startTime').type).toBe('time');
  });

  it('moves the session over the clock change with the summer-time offset, then returns to the cohort', async () => {
    const { fixture, http, navigate, type, submit, typeDate } = await render();
    typeDate('date', '2027-03-29');
    type('startTime', '10:00');
    type('endTime', '13:30');
    type('reason', 'Venue closed on Friday');
    await submit();

    const request = http.expectOne(`/api/sessions/${SESSION.id}`);
    expect(request.request.method).toBe('PATCH');
    expect(request.request.body).toEqual({
      startsAt: '2027-03-29T10:00:00+01:00',
      endsAt: '2027-03-29T13:30:00+01:00',
      reason: 'Venue closed on Friday',
    });
    request.flush({ ...SESSION, startsAt: '2027-03-29T10:00:00+01:00', endsAt: '2027-03-29T13:30:00+01:00' });
    await fixture.whenStable();
    expect(navigate).toHaveBeenCalledWith(['/cohorts', COHORT.id]);
    expect(TestBed.inject(FlashService).take()).toBe(
      'Session moved: Active Bystander workshop: day 2 on Monday 29 March 2027, 10:00am to 1:30pm',
    );
  });

  it('after a move onto a bank holiday, stays on the page and says what to check, with "move it again"', async () => {
    const { fixture, element, http, navigate, input, submit, typeDate } = await render();
    typeDate('date', '2027-05-03');
    await submit();
    const moved = { ...SESSION, startsAt: '2027-05-03T09:00:00+01:00', endsAt: '2027-05-03T12:30:00+01:00' };
    http.expectOne(`/api/sessions/${SESSION.id}`).flush({
      ...moved,
      warnings: [
        {
          code: 'bank-holiday',
          message: 'Monday 3 May 2027 is a bank holiday (Early May bank holiday).',
          sessionId: SESSION.id,
        },
        {
          code: 'workshop-split',
          message:
            'The workshop is split over a weekend: Friday 30 April 2027 and Monday 3 May 2027. ' +
            'Its days are meant to run back to back.',
          sessionId: SESSION.id,
        },
      ],
    });
    await fixture.whenStable();

    expect(navigate).not.toHaveBeenCalled();
    expect(element.querySelector('[data-testid="moved"]')?.textContent).toContain(
      'Session moved: Active Bystander workshop: day 2 on Monday 3 May 2027, 9:00am to 12:30pm. Invitations are updated.',
    );
    const callout = element.querySelector('[data-testid="scheduling-warnings"]');
    expect(callout?.classList).toContain('nhsuk-warning-callout');
    expect(callout?.querySelector('h2')?.textContent).toContain('Check the new date');
    expect(Array.from(callout?.querySelectorAll('li') ?? []).map((li) => li.textContent?.trim())).toEqual([
      'Monday 3 May 2027 is a bank holiday (Early May bank holiday).',
      'The workshop is split over a weekend: Friday 30 April 2027 and Monday 3 May 2027. ' +
        'Its days are meant to run back to back.',
    ]);
    expect(element.querySelector('[data-testid="current-time"]')?.textContent).toBe(
      'Monday 3 May 2027, 9:00am to 12:30pm',
    );
    const again = Array.from(callout?.querySelectorAll('a') ?? []).find(
      (a) => a.textContent === 'move it again',
    );
    again?.click();
    expect(document.activeElement).toBe(input('date'));

    // Moving it again to an ordinary day goes back to the cohort as usual.
    typeDate('date', '2027-05-04');
    await submit();
    http
      .expectOne(`/api/sessions/${SESSION.id}`)
      .flush({ ...moved, startsAt: '2027-05-04T09:00:00+01:00', warnings: [] });
    await fixture.whenStable();
    expect(navigate).toHaveBeenCalledWith(['/cohorts', COHORT.id]);
  });

  it('shows a clash (409) in the error summary and field errors against the time inputs', async () => {
    const { fixture, element, http, navigate, submit } = await render();
    await submit();
    const clash =
      'Tom Okafor is already facilitating Active Bystander workshop: day 1 (LLR autumn) on Friday 26 March 2027 09:00–16:30';
    http.expectOne(`/api/sessions/${SESSION.id}`).flush(...apiError(409, clash));
    await fixture.whenStable();
    expect(element.querySelector('.nhsuk-error-summary')?.textContent).toContain(clash);
    expect(navigate).not.toHaveBeenCalled();

    await submit();
    http
      .expectOne(`/api/sessions/${SESSION.id}`)
      .flush(
        ...apiError(400, 'Validation failed', [
          { field: 'endsAt', message: 'endsAt must be after startsAt' },
        ]),
      );
    await fixture.whenStable();
    expect(element.querySelector('.nhsuk-error-summary a')?.getAttribute('href')).toBe('#endTime');
    expect(element.querySelector('#endTime-error')?.textContent).toContain('endsAt must be after startsAt');
  });

  it('says so when the session is not in the cohort', async () => {
    const { element } = await render([]);
    expect(element.querySelector('.nhsuk-error-summary')?.textContent).toContain(
      'This session does not exist.',
    );
    expect(element.querySelector('form')).toBeNull();
  });
});
