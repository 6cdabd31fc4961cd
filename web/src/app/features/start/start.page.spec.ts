import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { OpenCohort } from '@upstand/contracts';
import { openCohort, signInAs } from '../../../testing/fixtures';
import { StartPage } from './start.page';

async function render(cohorts: OpenCohort[], total = cohorts.length) {
  TestBed.configureTestingModule({
    providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting()],
  });
  await signInAs(null);
  const fixture = TestBed.createComponent(StartPage);
  await fixture.whenStable();
  TestBed.inject(HttpTestingController)
    .expectOne('/api/open-cohorts')
    .flush({ items: cohorts, total, page: 1, pageSize: 25 });
  await fixture.whenStable();
  return fixture.nativeElement as HTMLElement;
}

const text = (element: Element | null) => element?.textContent?.replace(/\s+/g, ' ').trim();

describe('StartPage', () => {
  it('explains the programme and offers "Create an account" and "Sign in" as the next steps', async () => {
    const element = await render([]);
    expect(text(element.querySelector('h1'))).toBe('The Active Bystander Programme');
    const steps = Array.from(element.querySelectorAll('[data-testid="journey-steps"] h3')).map(text);
    expect(steps).toEqual([
      'A workshop, in person',
      '5 action learning sets, online',
      'The Community of Practice',
    ]);
    expect(text(element.querySelector('[data-testid="journey-steps"]'))).toContain(
      'once a month for 90 minutes, in a set of 6 to 8 people with a facilitator',
    );
    const actions = Array.from(
      element.querySelectorAll<HTMLAnchorElement>('[data-testid="start-actions"] a'),
    ).map((a) => [text(a), a.getAttribute('href')]);
    expect(actions).toEqual([
      ['Create an account', '/register'],
      ['Sign in', '/login'],
    ]);
    expect(element.textContent).toContain('There are no cohorts open for sign-up at the moment.');
  });

  it('shows the 3 soonest open cohorts with where they meet and every date, and links to all of them', async () => {
    const cohorts = ['A', 'B', 'C', 'D'].map((letter) =>
      openCohort({ id: `cohort-${letter}`, name: `Cohort ${letter}` }),
    );
    const element = await render(cohorts, 30);
    const cards = Array.from(element.querySelectorAll('[data-testid="upcoming-cohorts"] > li'));
    expect(cards.map((card) => text(card.querySelector('h3')))).toEqual(['Cohort A', 'Cohort B', 'Cohort C']);
    expect(text(cards[0].querySelector('[data-testid="where"]'))).toBe('Leicester General Hospital');
    expect(cards[0].querySelectorAll('[data-testid="dates"] li')).toHaveLength(3);
    const all = element.querySelector('[data-testid="all-open-cohorts"]');
    expect(text(all)).toBe('See all 30 open cohorts and sign up');
    expect(all?.getAttribute('href')).toBe('/cohorts/open');
  });
});
