import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import {
  AISHA,
  apiError,
  COHORT,
  cohortSession,
  facilitator,
  signInAs,
  TOM,
  user,
} from '../../../testing/fixtures';
import { SessionFacilitatorsPage, staffingHint } from './session-facilitators.page';

describe('SessionFacilitatorsPage', () => {
  it('explains what each kind of session needs', () => {
    expect(staffingHint('workshop')).toBe(
      'A workshop needs 2 facilitators, at least 1 of them a lead facilitator.',
    );
    expect(staffingHint('action-learning-set')).toBe('An action learning set needs 1 facilitator.');
    expect(staffingHint('sponsor-meeting')).toBe('A sponsor meeting does not need a facilitator.');
  });

  it('offers qualified facilitators with the current ones ticked, saves with PUT and shows a 409', async () => {
    TestBed.configureTestingModule({
      providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting()],
    });
    await signInAs(user(['programme-lead']));
    const http = TestBed.inject(HttpTestingController);
    const navigate = jest.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
    const fixture = TestBed.createComponent(SessionFacilitatorsPage);
    fixture.componentRef.setInput('cohortId', COHORT.id);
    fixture.componentRef.setInput('sessionId', 'session-1');
    await fixture.whenStable();
    http
      .expectOne('/api/facilitators')
      .flush([
        AISHA,
        TOM,
        facilitator({ id: 'x', fullName: 'Only Sets', sessionKinds: ['action-learning-set'] }),
      ]);
    http.expectOne(`/api/cohorts/${COHORT.id}`).flush(COHORT);
    http.expectOne(`/api/cohorts/${COHORT.id}/sessions`).flush([cohortSession()]);
    await fixture.whenStable();
    const element = fixture.nativeElement as HTMLElement;

    const boxes = Array.from(element.querySelectorAll<HTMLInputElement>('input[name="facilitatorIds"]'));
    expect(boxes.map((b) => [b.nextElementSibling?.textContent?.trim(), b.checked])).toEqual([
      ['Tom Okafor', true],
      ['Aisha Rahman', false],
    ]);
    boxes[1].click();
    element.querySelector<HTMLButtonElement>('button[type="submit"]')?.click();
    const request = http.expectOne('/api/sessions/session-1/facilitators');
    expect(request.request.method).toBe('PUT');
    expect(request.request.body).toEqual({ facilitatorIds: [TOM.id, AISHA.id] });
    request.flush(...apiError(409, 'Aisha Rahman is not available on Thursday 25 March 2027'));
    await fixture.whenStable();
    expect(element.querySelector('.nhsuk-error-summary')?.textContent).toContain(
      'Aisha Rahman is not available on Thursday 25 March 2027',
    );
    expect(navigate).not.toHaveBeenCalled();
  });
});
