import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { CohortEnrolment, CohortEnrolmentPage, ENROLMENT_STATUSES } from '@upstand/contracts';
import { COHORT, enrolment, signInAs, user } from '../../../testing/fixtures';
import { CohortBulkPage, transferEmails } from './cohort-bulk.page';
import { withdrawalEmails } from './enrolment-withdraw.page';

const AL: CohortEnrolment = {
  ...enrolment({ id: '11111111-1111-4111-8111-111111111111', status: 'confirmed' }),
  delegate: { id: 'user-al', fullName: 'Al Jones', email: 'al@example.nhs.uk', organisationName: null },
};
const BO: CohortEnrolment = {
  ...enrolment({ id: '22222222-2222-4222-8222-222222222222', status: 'waitlisted' }),
  delegate: { id: 'user-bo', fullName: 'Bo Li', email: 'bo@example.nhs.uk', organisationName: null },
};

function page(items: CohortEnrolment[]): CohortEnrolmentPage {
  const counts = Object.fromEntries(
    ENROLMENT_STATUSES.map((status) => [status, 0]),
  ) as CohortEnrolmentPage['counts'];
  return { items, total: items.length, page: 1, pageSize: 100, counts, capacity: 24, placesTaken: 1 };
}

describe('CohortBulkPage', () => {
  it('lists exactly who is affected and what each gets by email, then withdraws with a reason', async () => {
    TestBed.configureTestingModule({
      providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting()],
    });
    await signInAs(user(['programme-lead']));
    const http = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(CohortBulkPage);
    fixture.componentRef.setInput('cohortId', COHORT.id);
    fixture.componentRef.setInput('ids', `${AL.id},${BO.id}`);
    fixture.componentRef.setInput('action', 'withdraw');
    await fixture.whenStable();
    http.expectOne(`/api/cohorts/${COHORT.id}`).flush(COHORT);
    const list = http.expectOne((req) => req.url === `/api/cohorts/${COHORT.id}/enrolments`);
    expect(list.request.params.get('ids')).toBe(`${AL.id},${BO.id}`);
    list.flush(page([AL, BO]));
    await fixture.whenStable();
    const element = fixture.nativeElement as HTMLElement;
    expect(element.querySelector('h1')?.textContent).toContain('Withdraw 2 delegates');
    const rows = Array.from(element.querySelectorAll('[data-testid="bulk-people"] tbody tr'));
    expect(rows.map((row) => row.querySelector('th')?.textContent?.trim())).toEqual([
      expect.stringContaining('Al Jones'),
      expect.stringContaining('Bo Li'),
    ]);
    expect(rows[0]?.textContent).toContain(withdrawalEmails(AL));
    expect(rows[1]?.textContent).toContain('No email');

    const form = element.querySelector('form') as HTMLFormElement;
    form.dispatchEvent(new Event('submit'));
    await fixture.whenStable();
    expect(element.querySelector('.nhsuk-error-summary')?.textContent).toContain(
      'Enter why you are withdrawing them',
    );
    http.expectNone(`/api/cohorts/${COHORT.id}/bulk-withdraw`);

    const reason = element.querySelector('textarea') as HTMLTextAreaElement;
    reason.value = 'Rota clash';
    reason.dispatchEvent(new Event('input'));
    form.dispatchEvent(new Event('submit'));
    const post = http.expectOne(`/api/cohorts/${COHORT.id}/bulk-withdraw`);
    expect(post.request.body).toEqual({ enrolmentIds: [AL.id, BO.id], reason: 'Rota clash' });
    post.flush({
      outcomes: [
        { enrolmentId: AL.id, fullName: 'Al Jones', ok: true, message: 'Withdrawn' },
        {
          enrolmentId: BO.id,
          fullName: 'Bo Li',
          ok: false,
          message: 'This enrolment is withdrawn, so that cannot be done',
        },
      ],
      succeeded: 1,
      failed: 1,
    });
    await fixture.whenStable();
    expect(element.querySelector('h1')?.textContent?.replace(/\s+/g, ' ')).toContain(
      'Withdrawals: 1 done, 1 not done',
    );
    expect(element.querySelector('[data-testid="bulk-results"]')?.textContent).toContain('Not done');
  }, 30_000);

  it('tells a confirmed delegate’s transfer apart from a waiting one’s', () => {
    expect(transferEmails(AL)).toMatch(/^A cancellation for each session still to come/);
    expect(transferEmails(BO)).toMatch(/^A confirmation of their new place/);
  });
});
