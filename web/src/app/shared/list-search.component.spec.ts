import { ChangeDetectionStrategy, Component, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { ListFilter, ListSearchComponent, choiceParam, pageSizeParam } from './list-search.component';

@Component({
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ListSearchComponent],
  template: `<app-list-search
    id="things"
    label="Search things"
    searchLabel="Search by name"
    [q]="q()"
    [pageSize]="pageSize()"
    [filters]="filters()"
  />`,
})
class HostComponent {
  readonly q = signal('old');
  readonly pageSize = signal(50);
  readonly filters = signal<ListFilter[]>([
    {
      name: 'status',
      label: 'Status',
      anyLabel: 'Any status',
      options: [
        { value: 'open', label: 'Open' },
        { value: 'closed', label: 'Closed' },
      ],
      value: 'closed',
    },
  ]);
}

async function render() {
  TestBed.configureTestingModule({ providers: [provideRouter([])] });
  const fixture = TestBed.createComponent(HostComponent);
  await fixture.whenStable();
  const element = fixture.nativeElement as HTMLElement;
  const navigate = jest.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
  return { element, navigate };
}

describe('ListSearchComponent', () => {
  it('shows the search, filters and page size from the address', async () => {
    const { element } = await render();
    expect(element.querySelector<HTMLInputElement>('#things-q')?.value).toBe('old');
    expect(element.querySelector<HTMLSelectElement>('#things-status')?.value).toBe('closed');
    expect(element.querySelector<HTMLSelectElement>('#things-page-size')?.value).toBe('50');
    expect(element.querySelector('label[for="things-page-size"]')?.textContent).toContain('Rows per page');
  });

  it('puts what was chosen in the address and goes back to page 1, leaving defaults out', async () => {
    const { element, navigate } = await render();
    element.querySelector<HTMLInputElement>('#things-q')!.value = '  50%_off ';
    element.querySelector<HTMLSelectElement>('#things-status')!.value = '';
    element.querySelector<HTMLSelectElement>('#things-page-size')!.value = '25';
    element.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    expect(navigate).toHaveBeenCalledWith([], {
      queryParams: { q: '50%_off', status: null, pageSize: null, page: null },
      queryParamsHandling: 'merge',
    });
  });
});

describe('list address parameters', () => {
  it('accepts only the offered page sizes and filter values', () => {
    expect(pageSizeParam('100')).toBe(100);
    expect(pageSizeParam('1000')).toBe(25);
    expect(pageSizeParam(undefined)).toBe(25);
    expect(choiceParam('open', ['open', 'closed'] as const)).toBe('open');
    expect(choiceParam('lost', ['open', 'closed'] as const)).toBeUndefined();
  });
});
