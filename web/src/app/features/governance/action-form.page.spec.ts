import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { ProgrammeAction } from '@upstand/contracts';
import { signInAs, user } from '../../../testing/fixtures';
import { ActionFormPage } from './action-form.page';

const ACTION: ProgrammeAction = {
  id: 'action-1',
  programmeId: 'programme-1',
  action: 'Offer an evening workshop',
  owner: 'Programme lead',
  dueDate: '2025-03-31',
  status: 'open',
  area: 'participation-accessibility',
  reviewId: 'review-1',
  reviewLabel: '2025 Q1',
  overdue: false,
  createdAt: '2025-01-03T09:00:00.000Z',
  updatedAt: '2025-01-03T09:00:00.000Z',
};

describe('ActionFormPage', () => {
  it('edits an action: fills the day, month and year, and saves a new status with PATCH', async () => {
    TestBed.configureTestingModule({
      providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting()],
    });
    await signInAs(user(['programme-lead']));
    const http = TestBed.inject(HttpTestingController);
    const navigate = jest.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
    const fixture = TestBed.createComponent(ActionFormPage);
    fixture.componentRef.setInput('actionId', ACTION.id);
    fixture.componentRef.setInput('reviewId', 'review-2');
    await fixture.whenStable();
    http.expectOne(`/api/actions/${ACTION.id}`).flush(ACTION);
    await fixture.whenStable();
    const element = fixture.nativeElement as HTMLElement;
    const value = (id: string) => element.querySelector<HTMLInputElement>(`#${id}`)?.value;
    expect([value('dueDate'), value('dueDate-month'), value('dueDate-year')]).toEqual(['31', '3', '2025']);
    expect(element.textContent).toContain('Area: Participation and accessibility.');
    expect(element.querySelector('#area')).toBeNull();

    element.querySelector<HTMLInputElement>('#status-2')?.click();
    element.querySelector<HTMLButtonElement>('button[type="submit"]')?.click();
    await fixture.whenStable();
    const request = http.expectOne(`/api/actions/${ACTION.id}`);
    expect(request.request.method).toBe('PATCH');
    expect(request.request.body).toEqual({
      action: ACTION.action,
      owner: ACTION.owner,
      dueDate: '2025-03-31',
      status: 'in-progress',
    });
    request.flush({ ...ACTION, status: 'in-progress' });
    await fixture.whenStable();
    expect(navigate).toHaveBeenCalledWith(['/governance'], {
      queryParams: { programmeId: 'programme-1', reviewId: 'review-2' },
    });
  });
});
