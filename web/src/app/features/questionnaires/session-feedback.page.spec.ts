import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { SessionFeedbackForm } from '@upstand/contracts';
import { signInAs, user } from '../../../testing/fixtures';
import { FlashService } from '../../core/flash.service';
import { SessionFeedbackPage } from './session-feedback.page';

function feedback(due: Partial<SessionFeedbackForm['due']> = {}): SessionFeedbackForm {
  return {
    due: {
      sessionId: 'session-1',
      title: 'Action learning set 1',
      kind: 'action-learning-set',
      startsAt: '2027-04-22T09:00:00Z',
      endsAt: '2027-04-22T10:30:00Z',
      closesAt: '2027-05-06T10:30:00Z',
      state: 'open',
      submittedAt: null,
      anonymous: false,
      ...due,
    },
    instrument: {
      id: 'instrument-sf',
      programmeId: 'programme-1',
      stage: 'session-feedback',
      version: 1,
      title: 'Session feedback',
      items: [
        {
          code: 'session_useful',
          wording: 'This session was useful to me',
          type: 'likert-5',
          required: true,
        },
        {
          code: 'session_comment',
          wording: 'Anything you would like to tell the facilitators?',
          type: 'free-text',
          required: false,
        },
      ],
      publishedAt: '2027-01-01T10:00:00Z',
    },
    answers: [{ itemCode: 'session_useful', value: 3 }],
  };
}

async function render(value: SessionFeedbackForm) {
  TestBed.configureTestingModule({
    providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting()],
  });
  await signInAs(user(['delegate']));
  const http = TestBed.inject(HttpTestingController);
  const navigate = jest.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
  const fixture = TestBed.createComponent(SessionFeedbackPage);
  fixture.componentRef.setInput('sessionId', 'session-1');
  await fixture.whenStable();
  http.expectOne('/api/me/session-feedback/session-1').flush(value);
  await fixture.whenStable();
  const element = fixture.nativeElement as HTMLElement;
  return { fixture, element, http, navigate };
}

describe('SessionFeedbackPage', () => {
  it('reuses the questionnaire form: saved answer chosen, answers sent, back to My journey', async () => {
    const { fixture, element, http, navigate } = await render(feedback());
    expect(element.querySelector('h1')?.textContent?.replace(/\s+/g, ' ').trim()).toBe(
      'Session feedback Action learning set 1',
    );
    expect(element.querySelector('[data-testid="session-when"]')?.textContent?.trim()).toBe(
      'Thursday 22 April 2027, 10:00am to 11:30am',
    );
    const neither = element.querySelector<HTMLInputElement>('#answer-session_useful-3');
    expect(neither?.checked).toBe(true);
    element.querySelector<HTMLInputElement>('#answer-session_useful-5')?.click();
    const comment = element.querySelector<HTMLTextAreaElement>(
      '#answer-session_comment',
    ) as HTMLTextAreaElement;
    comment.value = 'More role play, please';
    comment.dispatchEvent(new Event('input'));
    await fixture.whenStable();
    element.querySelector<HTMLButtonElement>('button[type="submit"]')?.click();
    const put = http.expectOne('/api/me/session-feedback/session-1');
    expect(put.request.method).toBe('PUT');
    expect(put.request.body).toEqual({
      answers: [
        { itemCode: 'session_useful', value: 5 },
        { itemCode: 'session_comment', value: 'More role play, please' },
      ],
    });
    put.flush(feedback({ submittedAt: '2027-04-23T10:00:00Z' }));
    await fixture.whenStable();
    expect(navigate).toHaveBeenCalledWith(['/journey']);
    expect(TestBed.inject(FlashService).take()).toBe('Thank you for your feedback on Action learning set 1');
  });

  it('shows that feedback has closed instead of the form', async () => {
    const { element } = await render(feedback({ state: 'closed' }));
    expect(element.querySelector('form')).toBeNull();
    expect(element.querySelector('[data-testid="questionnaire-state"]')?.textContent).toContain(
      'Feedback on this session closed at 11:30am on Thursday 6 May 2027.',
    );
  });
});
