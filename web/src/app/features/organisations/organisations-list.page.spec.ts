import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { ActivatedRoute, convertToParamMap, provideRouter, Router } from '@angular/router';
import { Role } from '@upstand/contracts';
import { BehaviorSubject } from 'rxjs';
import { LLR_ICB, signInAs, UHL, user } from '../../../testing/fixtures';
import { FlashService } from '../../core/flash.service';
import { OrganisationsListPage } from './organisations-list.page';

async function render(roles: Role[], query: Record<string, string> = {}, flash?: string) {
  const queryParamMap = new BehaviorSubject(convertToParamMap(query));
  TestBed.configureTestingModule({
    providers: [
      provideRouter([]),
      provideHttpClient(),
      provideHttpClientTesting(),
      { provide: ActivatedRoute, useValue: { queryParamMap } },
    ],
  });
  await signInAs(user(roles));
  if (flash) TestBed.inject(FlashService).set(flash);
  const http = TestBed.inject(HttpTestingController);
  const fixture = TestBed.createComponent(OrganisationsListPage);
  await fixture.whenStable();
  const element = fixture.nativeElement as HTMLElement;
  return { fixture, element, http, queryParamMap };
}

function flushLists(http: HttpTestingController, listUrl: string) {
  http.expectOne('/api/organisations?type=icb&includeClosed=true').flush([LLR_ICB]);
  http
    .expectOne(listUrl.replace('/api/organisations', '/api/organisations/paged'))
    .flush({ items: [LLR_ICB, UHL], total: 2, page: 1, pageSize: 25 });
}

describe('OrganisationsListPage', () => {
  it('lists organisations with type label, system and the home system tag', async () => {
    const { fixture, element, http } = await render(['delegate']);
    flushLists(http, '/api/organisations');
    await fixture.whenStable();

    const table = element.querySelector('[data-testid="organisations-table"]');
    const rows = Array.from(table?.querySelectorAll('tbody tr') ?? []);
    expect(rows.map((row) => row.querySelector('td')?.textContent?.trim())).toEqual(['QK1', 'RWE']);
    expect(rows[0].textContent).toContain('Home system');
    expect(rows[0].textContent).toContain('Integrated care board');
    expect(rows[1].textContent).not.toContain('Home system');
    expect(rows[1].textContent).toContain(LLR_ICB.name);
    expect(rows[1].textContent).toContain('1 July 2022');
    // Not a programme lead: no add button, no edit links.
    expect(element.textContent).not.toContain('Add organisation');
    expect(table?.querySelector('a')).toBeNull();
  });

  it('gives programme leads "Add organisation" and an Edit link per row', async () => {
    const { fixture, element, http } = await render(['programme-lead']);
    flushLists(http, '/api/organisations');
    await fixture.whenStable();
    const add = Array.from(element.querySelectorAll('a')).find(
      (a) => a.textContent?.trim() === 'Add organisation',
    );
    expect(add?.getAttribute('href')).toBe('/organisations/new');
    const edits = Array.from(element.querySelectorAll('[data-testid="organisations-table"] a'));
    expect(edits.map((a) => a.getAttribute('href'))).toEqual([
      `/organisations/${LLR_ICB.id}/edit`,
      `/organisations/${UHL.id}/edit`,
    ]);
  });

  it('reads the filters from the address and sends them to the API', async () => {
    const { fixture, element, http } = await render(['delegate'], {
      q: 'leic',
      type: 'acute-trust',
      system: 'QK1',
      includeClosed: 'true',
    });
    flushLists(http, '/api/organisations?type=acute-trust&system=QK1&q=leic&includeClosed=true');
    await fixture.whenStable();
    expect(element.querySelector<HTMLInputElement>('#q')?.value).toBe('leic');
    expect(element.querySelector<HTMLSelectElement>('#type')?.value).toBe('acute-trust');
    expect(element.querySelector<HTMLSelectElement>('#system')?.value).toBe('QK1');
    expect(element.querySelector<HTMLInputElement>('#includeClosed')?.checked).toBe(true);
  });

  it('puts the filters in the address when the form is submitted', async () => {
    const { fixture, element, http } = await render(['delegate']);
    flushLists(http, '/api/organisations');
    await fixture.whenStable();
    const navigate = jest.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
    const q = element.querySelector<HTMLInputElement>('#q');
    if (q) q.value = ' RWE ';
    element.querySelector<HTMLInputElement>('#includeClosed')?.click();
    element.querySelector<HTMLButtonElement>('form[role="search"] button[type="submit"]')?.click();
    expect(navigate).toHaveBeenCalledWith(['/organisations'], {
      queryParams: { q: 'RWE', includeClosed: 'true' },
    });
  });

  it('shows the success message carried from the form once', async () => {
    const { fixture, element, http } = await render(['programme-lead'], {}, 'Organisation RWE saved');
    flushLists(http, '/api/organisations');
    await fixture.whenStable();
    expect(element.querySelector('.nhsuk-notification-banner--success')?.textContent).toContain(
      'Organisation RWE saved',
    );
    expect(TestBed.inject(FlashService).take()).toBeNull();
  });

  it('asks the API for the page and page size in the address and shows where the rows are in the whole', async () => {
    const { fixture, element, http } = await render(['delegate'], { page: '2', pageSize: '50' });
    http.expectOne('/api/organisations?type=icb&includeClosed=true').flush([LLR_ICB]);
    http
      .expectOne('/api/organisations/paged?page=2&pageSize=50')
      .flush({ items: [UHL], total: 51, page: 2, pageSize: 50 });
    await fixture.whenStable();
    expect(element.querySelector('[data-testid="organisations-count"]')?.textContent?.trim()).toBe(
      'Showing 51 to 51 of 51 organisations',
    );
    expect(element.querySelector<HTMLSelectElement>('#pageSize')?.value).toBe('50');
    expect(element.querySelector('.nhsuk-pagination__link--prev')?.textContent).toContain('Page 1 of 2');
    expect(element.querySelector('.nhsuk-pagination__link--next')).toBeNull();
  });

  it('keeps a chosen page size in the address and starts again at page 1', async () => {
    const { fixture, element, http } = await render(['delegate'], { page: '3' });
    flushLists(http, '/api/organisations?page=3');
    await fixture.whenStable();
    const navigate = jest.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
    const size = element.querySelector<HTMLSelectElement>('#pageSize');
    if (size) size.value = '100';
    element.querySelector<HTMLButtonElement>('form[role="search"] button[type="submit"]')?.click();
    expect(navigate).toHaveBeenCalledWith(['/organisations'], { queryParams: { pageSize: 100 } });
  });
});
