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
  http.expectOne(listUrl).flush([LLR_ICB, UHL]);
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
});
