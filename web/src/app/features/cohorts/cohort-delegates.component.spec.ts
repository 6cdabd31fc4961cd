import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { CohortEnrolment, CohortEnrolmentPage, ENROLMENT_STATUSES } from '@upstand/contracts';
import { COHORT, enrolment } from '../../../testing/fixtures';
import { CohortDelegatesComponent, DELEGATES_MESSAGES, placesLine } from './cohort-delegates.component';

const person = (id: string, fullName: string, status: CohortEnrolment['status']): CohortEnrolment => ({
  ...enrolment({ id, status }),
  delegate: { id: `user-${id}`, fullName, email: `${id}@example.nhs.uk`, organisationName: null },
});

function page(items: CohortEnrolment[], overrides: Partial<CohortEnrolmentPage> = {}): CohortEnrolmentPage {
  const counts = Object.fromEntries(
    ENROLMENT_STATUSES.map((status) => [status, 0]),
  ) as CohortEnrolmentPage['counts'];
  for (const item of items) counts[item.status] += 1;
  return {
    items,
    total: items.length,
    page: 1,
    pageSize: 25,
    counts,
    capacity: 24,
    placesTaken: counts.confirmed,
    ...overrides,
  };
}

async function render() {
  TestBed.configureTestingModule({
    providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting()],
  });
  const http = TestBed.inject(HttpTestingController);
  const navigate = jest.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
  const fixture = TestBed.createComponent(CohortDelegatesComponent);
  fixture.componentRef.setInput('cohortId', COHORT.id);
  fixture.componentRef.setInput('cohortName', COHORT.name);
  await fixture.whenStable();
  return { fixture, http, navigate, element: fixture.nativeElement as HTMLElement };
}

describe('CohortDelegatesComponent', () => {
  it('asks the API for the first page and says how many places are taken', async () => {
    const { fixture, http, element } = await render();
    const request = http.expectOne((req) => req.url === `/api/cohorts/${COHORT.id}/enrolments`);
    expect(request.request.params.get('page')).toBe('1');
    expect(request.request.params.has('q')).toBe(false);
    request.flush(
      page([person('a', 'Al Jones', 'confirmed'), person('w', 'Wyn Ray', 'withdrawn')], { total: 40 }),
    );
    await fixture.whenStable();
    expect(element.querySelector('[data-testid="delegate-counts"]')?.textContent).toBe(
      '1 of 24 places taken, 0 waiting for approval, 0 on the waiting list',
    );
    expect(element.textContent).toContain('Showing 1 to 25 of 40 delegates');
    // Only a place that can still change can be ticked.
    expect(element.querySelectorAll('tbody input[type="checkbox"]')).toHaveLength(1);
    expect(element.querySelector('nav[aria-label="Pages of delegates"]')).not.toBeNull();
  });

  it('needs a tick and an action before the confirmation page, then carries both there', async () => {
    const { fixture, http, element, navigate } = await render();
    http
      .expectOne((req) => req.url === `/api/cohorts/${COHORT.id}/enrolments`)
      .flush(page([person('a', 'Al Jones', 'confirmed'), person('b', 'Bo Li', 'waitlisted')]));
    await fixture.whenStable();
    const form = element.querySelector('form:not([role="search"])') as HTMLFormElement;
    form.dispatchEvent(new Event('submit'));
    await fixture.whenStable();
    expect(element.querySelector('.nhsuk-error-summary')?.textContent).toContain(
      DELEGATES_MESSAGES.noneSelected,
    );
    expect(element.querySelector('.nhsuk-error-summary')?.textContent).toContain(DELEGATES_MESSAGES.noAction);
    expect(navigate).not.toHaveBeenCalled();

    (element.querySelector('#select-b') as HTMLInputElement).click();
    (element.querySelector('#bulk-action-transfer') as HTMLInputElement).click();
    form.dispatchEvent(new Event('submit'));
    await fixture.whenStable();
    expect(navigate).toHaveBeenCalledWith(['/cohorts', COHORT.id, 'bulk'], {
      queryParams: { action: 'transfer', ids: 'b' },
    });
  });

  it('words the places line from the counts of the whole cohort', () => {
    expect(
      placesLine(page([], { capacity: 10, placesTaken: 10, counts: { ...page([]).counts, waitlisted: 3 } })),
    ).toBe('10 of 10 places taken, 0 waiting for approval, 3 on the waiting list');
  });
});
