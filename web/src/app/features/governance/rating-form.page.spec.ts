import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { ProgrammeReview } from '@upstand/contracts';
import { apiError, signInAs, user } from '../../../testing/fixtures';
import { FlashService } from '../../core/flash.service';
import { GOVERNANCE_MESSAGES } from './governance.model';
import { RatingFormPage } from './rating-form.page';

const REVIEW: ProgrammeReview = {
  id: 'review-1',
  programmeId: 'programme-1',
  label: '2024 Q1',
  periodStart: '2024-01-01',
  periodEnd: '2024-03-31',
  closedAt: null,
  createdAt: '2024-04-02T09:00:00.000Z',
  ratings: [],
};

async function render(review: ProgrammeReview = REVIEW, area = 'relevance') {
  TestBed.configureTestingModule({
    providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting()],
  });
  await signInAs(user(['steering']));
  const http = TestBed.inject(HttpTestingController);
  const navigate = jest.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
  const fixture = TestBed.createComponent(RatingFormPage);
  fixture.componentRef.setInput('reviewId', review.id);
  fixture.componentRef.setInput('area', area);
  await fixture.whenStable();
  http.expectOne(`/api/reviews/${review.id}`).flush(review);
  await fixture.whenStable();
  const element = fixture.nativeElement as HTMLElement;
  const submit = async () => {
    element.querySelector<HTMLButtonElement>('button[type="submit"]')?.click();
    await fixture.whenStable();
  };
  return { fixture, element, http, navigate, submit };
}

describe('RatingFormPage', () => {
  it('names the area and review, and summarises a missing rating and evidence with links to the fields', async () => {
    const { element, http, submit } = await render();
    expect(element.querySelector('h1')?.textContent?.replace(/\s+/g, ' ').trim()).toBe(
      '2024 Q1: 1 January 2024 to 31 March 2024 Rate Relevance',
    );
    const labels = Array.from(element.querySelectorAll('.nhsuk-radios__label')).map((label) =>
      label.textContent?.trim(),
    );
    expect(labels).toEqual(['Red', 'Amber', 'Green']);

    await submit();
    const links = Array.from(element.querySelectorAll('.nhsuk-error-summary a'));
    expect(links.map((link) => [link.textContent?.trim(), link.getAttribute('href')])).toEqual([
      [GOVERNANCE_MESSAGES.ratingRequired, '#rating'],
      [GOVERNANCE_MESSAGES.evidenceRequired, '#evidence'],
    ]);
    expect(element.querySelector('#rating')?.getAttribute('type')).toBe('radio');
    http.verify();
  });

  it('saves the rating with PUT and returns to the review with a message', async () => {
    const { fixture, element, http, navigate, submit } = await render();
    element.querySelector<HTMLInputElement>('#rating-2')?.click();
    const evidence = element.querySelector<HTMLTextAreaElement>('#evidence') as HTMLTextAreaElement;
    evidence.value = 'Completion is 64% against a target of 75%.';
    evidence.dispatchEvent(new Event('input'));
    await submit();

    const request = http.expectOne('/api/reviews/review-1/ratings/relevance');
    expect(request.request.method).toBe('PUT');
    expect(request.request.body).toEqual({
      rating: 'amber',
      evidence: 'Completion is 64% against a target of 75%.',
    });
    request.flush(REVIEW);
    await fixture.whenStable();
    expect(navigate).toHaveBeenCalledWith(['/governance'], {
      queryParams: { programmeId: 'programme-1', reviewId: 'review-1' },
    });
    expect(TestBed.inject(FlashService).take()).toBe('Relevance rated Amber for 2024 Q1');
  });

  it('shows the conflict when the review was closed in the meantime', async () => {
    const { fixture, element, http, submit } = await render({
      ...REVIEW,
      ratings: [
        {
          area: 'relevance',
          rating: 'green',
          evidence: 'Good',
          ratedByName: 'Sam Patel',
          ratedAt: '2024-04-02T09:00:00.000Z',
        },
      ],
    });
    expect(element.querySelector<HTMLInputElement>('#rating-3')?.checked).toBe(true);
    await submit();
    http
      .expectOne('/api/reviews/review-1/ratings/relevance')
      .flush(...apiError(409, 'Review 2024 Q1 is closed: its ratings cannot change'));
    await fixture.whenStable();
    expect(element.querySelector('.nhsuk-error-summary')?.textContent).toContain(
      'Review 2024 Q1 is closed: its ratings cannot change',
    );
  });

  it('offers no form for a closed review', async () => {
    const { element } = await render({ ...REVIEW, closedAt: '2024-04-10T09:00:00.000Z' });
    expect(element.querySelector('form')).toBeNull();
    expect(element.textContent).toContain('This review is closed: its ratings can no longer change.');
  });
});
