import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { CohortEnrolment } from '@upstand/contracts';
import { COHORT, enrolment, openCohort, signInAs, transferOffer, user } from '../../../testing/fixtures';
import { FlashService } from '../../core/flash.service';
import {
  EnrolmentTransferPage,
  offerTargets,
  TRANSFER_MESSAGES,
  transferTargets,
} from './enrolment-transfer.page';

const SAM: CohortEnrolment = {
  ...enrolment(),
  delegate: { id: 'user-1', fullName: 'Sam Patel', email: 'sam@example.nhs.uk', organisationName: null },
};
const SUMMER = { ...COHORT, id: 'cohort-2', name: 'LLR summer 2027', startDate: '2027-06-10' };
const AUTUMN = { ...COHORT, id: 'cohort-3', name: 'LLR autumn 2027', startDate: '2027-09-16' };
const OTHER_PROGRAMME = { ...COHORT, id: 'cohort-4', programmeId: 'programme-2', startDate: '2027-05-01' };
const STARTED = { ...COHORT, id: 'cohort-5', startDate: '2026-01-01' };

describe('transferring a delegate', () => {
  it('offers the other cohorts of the same programme that have not started, soonest first', () => {
    expect(
      transferTargets([AUTUMN, COHORT, OTHER_PROGRAMME, STARTED, SUMMER], COHORT, '2026-11-23').map(
        (c) => c.id,
      ),
    ).toEqual(['cohort-2', 'cohort-3']);
  });

  it("offers open cohorts of other systems (outside the lead's list) that have a place free", () => {
    const coventry = openCohort({ id: 'cohort-7', name: 'Coventry summer', startDate: '2027-06-01' });
    const full = openCohort({ id: 'cohort-8', startDate: '2027-06-01', placesLeft: 0 });
    const elsewhere = openCohort({ id: 'cohort-6', programmeId: 'programme-2', startDate: '2027-06-01' });
    const visible = openCohort({ id: SUMMER.id, startDate: SUMMER.startDate });
    expect(
      offerTargets([full, coventry, elsewhere, visible], [COHORT, SUMMER], COHORT, '2026-11-23').map(
        (c) => c.id,
      ),
    ).toEqual(['cohort-7']);
  });

  it('tells the lead when their transfer became an offer to another system', async () => {
    jest.useFakeTimers({
      now: new Date('2026-11-23T12:00:00Z'),
      doNotFake: ['queueMicrotask', 'setTimeout', 'setInterval', 'requestAnimationFrame'],
    });
    TestBed.configureTestingModule({
      providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting()],
    });
    await signInAs(user(['programme-lead']));
    const http = TestBed.inject(HttpTestingController);
    jest.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
    const fixture = TestBed.createComponent(EnrolmentTransferPage);
    fixture.componentRef.setInput('cohortId', COHORT.id);
    fixture.componentRef.setInput('enrolmentId', SAM.id);
    await fixture.whenStable();
    http.expectOne(`/api/cohorts/${COHORT.id}`).flush(COHORT);
    http.expectOne(`/api/cohorts/${COHORT.id}/enrolments/${SAM.id}`).flush(SAM);
    http.expectOne('/api/cohorts/options').flush([COHORT]);
    const coventry = openCohort({
      id: 'cohort-7',
      name: 'Coventry summer',
      startDate: '2027-06-01',
      system: { odsCode: 'QWU', name: 'NHS Coventry and Warwickshire Integrated Care Board' },
    });
    http
      .expectOne('/api/open-cohorts?pageSize=100')
      .flush({ items: [coventry], total: 1, page: 1, pageSize: 100 });
    await fixture.whenStable();
    const element = fixture.nativeElement as HTMLElement;
    expect(element.textContent).toContain('Another system: its leads are asked to accept the transfer.');

    element.querySelector<HTMLInputElement>('#cohortId')?.click();
    element.querySelector<HTMLButtonElement>('button[type="submit"]')?.click();
    const request = http.expectOne(`/api/enrolments/${SAM.id}/transfer`);
    expect(request.request.body).toEqual({ cohortId: coventry.id });
    request.flush(
      transferOffer({
        to: { id: coventry.id, name: coventry.name, startDate: coventry.startDate, system: coventry.system },
      }),
      { status: 202, statusText: 'Accepted' },
    );
    await fixture.whenStable();
    expect(TestBed.inject(FlashService).take()).toBe(
      'Transfer offered to NHS Coventry and Warwickshire Integrated Care Board: Sam Patel moves to Coventry summer when one of its leads accepts, and stays on LLR spring 2027 until then',
    );
    jest.useRealTimers();
  });

  it('moves the delegate with POST and goes back to the cohort', async () => {
    jest.useFakeTimers({
      now: new Date('2026-11-23T12:00:00Z'),
      doNotFake: ['queueMicrotask', 'setTimeout', 'setInterval', 'requestAnimationFrame'],
    });
    TestBed.configureTestingModule({
      providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting()],
    });
    await signInAs(user(['programme-lead']));
    const http = TestBed.inject(HttpTestingController);
    const navigate = jest.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
    const fixture = TestBed.createComponent(EnrolmentTransferPage);
    fixture.componentRef.setInput('cohortId', COHORT.id);
    fixture.componentRef.setInput('enrolmentId', SAM.id);
    await fixture.whenStable();
    http.expectOne(`/api/cohorts/${COHORT.id}`).flush(COHORT);
    http.expectOne(`/api/cohorts/${COHORT.id}/enrolments/${SAM.id}`).flush(SAM);
    http.expectOne('/api/cohorts/options').flush([COHORT, SUMMER]);
    http.expectOne('/api/open-cohorts?pageSize=100').flush({ items: [], total: 0, page: 1, pageSize: 100 });
    await fixture.whenStable();
    const element = fixture.nativeElement as HTMLElement;
    expect(element.querySelector('h1')?.textContent).toContain('Transfer Sam Patel');

    element.querySelector<HTMLButtonElement>('button[type="submit"]')?.click();
    await fixture.whenStable();
    expect(element.querySelector('.nhsuk-error-summary a')?.textContent).toBe(
      TRANSFER_MESSAGES.cohortRequired,
    );

    element.querySelector<HTMLInputElement>('#cohortId')?.click();
    element.querySelector<HTMLButtonElement>('button[type="submit"]')?.click();
    const request = http.expectOne(`/api/enrolments/${SAM.id}/transfer`);
    expect(request.request.body).toEqual({ cohortId: SUMMER.id });
    request.flush(enrolment({ id: 'enrolment-2', cohortId: SUMMER.id, cohortName: SUMMER.name }));
    await fixture.whenStable();
    expect(navigate).toHaveBeenCalledWith(['/cohorts', COHORT.id]);
    expect(TestBed.inject(FlashService).take()).toBe('Sam Patel moved to LLR summer 2027: place confirmed');
    jest.useRealTimers();
  });
});
