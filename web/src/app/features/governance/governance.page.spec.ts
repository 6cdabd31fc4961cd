import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { FRAMEWORK_AREAS, ProgrammeAction, ProgrammeFramework, ProgrammeReview } from '@upstand/contracts';
import { PROGRAMME, signInAs, user } from '../../../testing/fixtures';
import { GovernancePage } from './governance.page';

const Q1: ProgrammeReview = {
  id: 'review-q1',
  programmeId: PROGRAMME.id,
  label: '2024 Q1',
  periodStart: '2024-01-01',
  periodEnd: '2024-03-31',
  closedAt: '2024-04-10T09:00:00.000Z',
  createdAt: '2024-04-02T09:00:00.000Z',
  ratings: [
    {
      area: 'relevance',
      rating: 'red',
      evidence: 'Few referrals',
      ratedByName: 'Ana Steering',
      ratedAt: '2024-04-03T09:00:00.000Z',
    },
  ],
};
const Q2: ProgrammeReview = {
  ...Q1,
  id: 'review-q2',
  label: '2024 Q2',
  periodStart: '2024-04-01',
  periodEnd: '2024-06-30',
  closedAt: null,
  ratings: [
    {
      area: 'relevance',
      rating: 'amber',
      evidence: 'Referrals up by a third',
      ratedByName: 'Ana Steering',
      ratedAt: '2024-07-03T09:00:00.000Z',
    },
  ],
};
const FRAMEWORK: ProgrammeFramework = {
  programmeId: PROGRAMME.id,
  reviews: [
    { id: Q1.id, label: Q1.label, periodStart: Q1.periodStart, periodEnd: Q1.periodEnd, closed: true },
    { id: Q2.id, label: Q2.label, periodStart: Q2.periodStart, periodEnd: Q2.periodEnd, closed: false },
  ],
  areas: FRAMEWORK_AREAS.map(({ key, label }) => ({
    area: key,
    label,
    history:
      key === 'relevance'
        ? [
            { reviewId: Q1.id, rating: 'red' as const, evidence: 'x', ratedAt: Q1.ratings[0]!.ratedAt },
            { reviewId: Q2.id, rating: 'amber' as const, evidence: 'y', ratedAt: Q2.ratings[0]!.ratedAt },
          ]
        : [],
  })),
};
const ACTION: ProgrammeAction = {
  id: 'action-1',
  programmeId: PROGRAMME.id,
  action: 'Offer an evening workshop',
  owner: 'Programme lead',
  dueDate: '2024-05-31',
  status: 'in-progress',
  area: 'participation-accessibility',
  reviewId: Q1.id,
  reviewLabel: Q1.label,
  overdue: true,
  createdAt: '2024-04-03T09:00:00.000Z',
  updatedAt: '2024-04-03T09:00:00.000Z',
};

async function render(reviewId?: string) {
  TestBed.configureTestingModule({
    providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting()],
  });
  await signInAs(user(['steering']));
  const http = TestBed.inject(HttpTestingController);
  const fixture = TestBed.createComponent(GovernancePage);
  if (reviewId) fixture.componentRef.setInput('reviewId', reviewId);
  await fixture.whenStable();
  http.expectOne('/api/programmes').flush([PROGRAMME]);
  await fixture.whenStable();
  http.expectOne(`/api/programmes/${PROGRAMME.id}/reviews`).flush([Q2, Q1]);
  http.expectOne(`/api/programmes/${PROGRAMME.id}/framework`).flush(FRAMEWORK);
  http.expectOne(`/api/programmes/${PROGRAMME.id}/actions`).flush([ACTION]);
  await fixture.whenStable();
  const element = fixture.nativeElement as HTMLElement;
  const rows = (testId: string) =>
    Array.from(element.querySelectorAll(`[data-testid="${testId}"] tbody tr`)).map((row) =>
      Array.from(row.querySelectorAll('th, td')).map((cell) => cell.textContent?.replace(/\s+/g, ' ').trim()),
    );
  return { fixture, element, http, rows };
}

describe('GovernancePage', () => {
  it('shows the newest review: all 16 areas with worded RAG tags, evidence and a Rate link', async () => {
    const { element, rows } = await render();
    expect(element.querySelector('h1')?.textContent).toContain(PROGRAMME.name);
    expect(element.querySelector('[data-testid="review-heading"]')?.textContent).toBe('Ratings for 2024 Q2');
    const ratings = rows('ratings-table');
    expect(ratings).toHaveLength(16);
    expect(ratings[1]).toEqual([
      'Relevance',
      'Amber',
      'Referrals up by a third Rated by Ana Steering on 3 July 2024',
      'Change rating for Relevance',
    ]);
    expect(ratings[0]).toEqual(['Overall effectiveness', 'Not rated', '', 'Rate for Overall effectiveness']);
    const tag = element.querySelector('[data-testid="ratings-table"] .nhsuk-tag');
    expect(tag?.className).toContain('nhsuk-tag--yellow');
    expect(element.querySelector('[data-testid="ratings-table"] caption')?.textContent?.trim()).toBe(
      'Framework ratings, 2024 Q2',
    );
    const link = (text: string) =>
      Array.from(element.querySelectorAll('a'))
        .find((a) => a.textContent?.trim() === text)
        ?.getAttribute('href');
    expect(link('Add a review period')).toBe(`/governance/reviews/new?programmeId=${PROGRAMME.id}`);
    expect(link('Change rating for Relevance')).toBe(
      `/governance/reviews/${Q2.id}/areas/relevance?programmeId=${PROGRAMME.id}`,
    );
    expect(link('Add an action')).toBe(
      `/governance/actions/new?programmeId=${PROGRAMME.id}&reviewId=${Q2.id}`,
    );
  });

  it('tracks each area over time, oldest review first', async () => {
    const { element, rows } = await render();
    const headers = Array.from(element.querySelectorAll('[data-testid="history-table"] thead th')).map((th) =>
      th.textContent?.trim(),
    );
    expect(headers).toEqual(['Area', '2024 Q1', '2024 Q2']);
    expect(rows('history-table')[1]).toEqual(['Relevance', 'Red', 'Amber']);
  });

  it('marks an overdue action next to its status', async () => {
    const { rows } = await render();
    expect(rows('actions-table')).toEqual([
      [
        'Offer an evening workshop Participation and accessibility, 2024 Q1',
        'Programme lead',
        '31 May 2024',
        'In progress Overdue',
        'Edit action: Offer an evening workshop',
      ],
    ]);
  });

  it('shows a closed review read-only, and closes an open one', async () => {
    const closed = await render(Q1.id);
    expect(closed.element.querySelector('[data-testid="review-heading"]')?.textContent).toBe(
      'Ratings for 2024 Q1',
    );
    expect(closed.element.textContent).toContain('the ratings can no longer change');
    expect(closed.element.querySelector('[data-testid="ratings-table"] a')).toBeNull();
    TestBed.resetTestingModule();

    const { fixture, element, http } = await render();
    Array.from(element.querySelectorAll('button'))
      .find((button) => button.textContent?.trim() === 'Close review 2024 Q2')
      ?.click();
    const request = http.expectOne(`/api/reviews/${Q2.id}/close`);
    expect(request.request.method).toBe('POST');
    request.flush({ ...Q2, closedAt: '2024-07-10T09:00:00.000Z' });
    await fixture.whenStable();
    expect(element.querySelector('[data-testid="success-banner"]')?.textContent).toContain(
      'Review 2024 Q2 closed',
    );
    expect(element.querySelector('[data-testid="ratings-table"] a')).toBeNull();
  });
});
