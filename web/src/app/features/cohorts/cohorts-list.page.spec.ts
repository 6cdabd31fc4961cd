import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { COHORT, signInAs, user } from '../../../testing/fixtures';
import { CohortsListPage } from './cohorts-list.page';

async function render(params: Record<string, string> = {}) {
  TestBed.configureTestingModule({
    providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting()],
  });
  await signInAs(user(['facilitator']));
  const http = TestBed.inject(HttpTestingController);
  const fixture = TestBed.createComponent(CohortsListPage);
  for (const [name, value] of Object.entries(params)) fixture.componentRef.setInput(name, value);
  await fixture.whenStable();
  return { fixture, http, element: fixture.nativeElement as HTMLElement };
}

describe('CohortsListPage', () => {
  it('asks for the search, filter, page and page size in the address, and says where the rows sit', async () => {
    const { fixture, http, element } = await render({
      q: ' leic ',
      when: 'upcoming',
      page: '2',
      pageSize: '50',
    });
    http
      .expectOne('/api/cohorts?q=leic&when=upcoming&page=2&pageSize=50')
      .flush({ items: [COHORT], total: 51, page: 2, pageSize: 50 });
    await fixture.whenStable();
    expect(element.querySelector('.app-page-summary')?.textContent).toBe('Showing 51 to 51 of 51 cohorts');
    expect(element.querySelectorAll('[data-testid="cohorts-table"] tbody tr')).toHaveLength(1);
    expect(element.querySelector<HTMLSelectElement>('#cohort-search-when')?.value).toBe('upcoming');
    expect(element.querySelector('.nhsuk-pagination__link--prev')?.textContent).toContain('Page 1 of 2');
  }, 20_000); // the first render compiles the page's templates, slow on a busy machine

  it('ignores a filter value it does not offer, and says when nothing matches', async () => {
    const { fixture, http, element } = await render({ when: 'someday', q: 'zzz' });
    http
      .expectOne('/api/cohorts?q=zzz&page=1&pageSize=25')
      .flush({ items: [], total: 0, page: 1, pageSize: 25 });
    await fixture.whenStable();
    expect(element.textContent).toContain('No cohorts match your search.');
    expect(element.querySelector('.app-page-summary')).toBeNull();
  });
});
