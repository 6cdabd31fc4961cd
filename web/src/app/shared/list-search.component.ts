import { ChangeDetectionStrategy, Component, computed, inject, input, Signal } from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import { Router } from '@angular/router';
import { DEFAULT_PAGE_SIZE, Paged, PAGE_SIZE_OPTIONS } from '@upstand/contracts';
import { Observable, switchMap } from 'rxjs';
import { LOADING, loadedValue, loadState, LoadState } from './load-state';

/** One filter of a list: a select whose value goes into the address as `name`. */
export interface ListFilter {
  /** The query parameter, e.g. `status`. */
  name: string;
  label: string;
  /** The choice that means "no filter", e.g. "All statuses". */
  anyLabel: string;
  options: readonly { value: string; label: string }[];
  /** The value in the address now ('' for none). */
  value: string;
}

/**
 * The search box, filters and page size above a paged list. Submitting puts them in the address (and back to
 * page 1), so the list's state lives in its URL: back and forward work, and a link shares the same view.
 */
@Component({
  selector: 'app-list-search',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <form class="nhsuk-u-margin-bottom-4" role="search" [attr.aria-label]="label()" (submit)="submit($event)">
      <div class="nhsuk-form-group nhsuk-u-margin-bottom-3">
        <label class="nhsuk-label" [for]="id() + '-q'">{{ searchLabel() }}</label>
        <input
          class="nhsuk-input nhsuk-u-width-two-thirds"
          [id]="id() + '-q'"
          name="q"
          type="search"
          autocomplete="off"
          spellcheck="false"
          maxlength="200"
          [value]="q()"
        />
      </div>
      <div class="app-list-search__row">
        @for (filter of filters(); track filter.name) {
          <div class="nhsuk-form-group nhsuk-u-margin-bottom-3">
            <label class="nhsuk-label" [for]="id() + '-' + filter.name">{{ filter.label }}</label>
            <select class="nhsuk-select" [id]="id() + '-' + filter.name" [name]="filter.name">
              <option value="" [selected]="!filter.value">{{ filter.anyLabel }}</option>
              @for (option of filter.options; track option.value) {
                <option [value]="option.value" [selected]="option.value === filter.value">
                  {{ option.label }}
                </option>
              }
            </select>
          </div>
        }
        <div class="nhsuk-form-group nhsuk-u-margin-bottom-3">
          <label class="nhsuk-label" [for]="id() + '-page-size'">Rows per page</label>
          <select class="nhsuk-select" [id]="id() + '-page-size'" name="pageSize">
            @for (size of sizes; track size) {
              <option [value]="size" [selected]="size === pageSize()">{{ size }}</option>
            }
          </select>
        </div>
        <button class="nhsuk-button nhsuk-button--secondary nhsuk-u-margin-bottom-3" type="submit">
          {{ buttonText() }}
        </button>
      </div>
    </form>
  `,
  styles: `
    .app-list-search__row {
      display: flex;
      flex-wrap: wrap;
      gap: 0 16px;
      align-items: flex-end;
    }
    .app-list-search__row .nhsuk-select {
      max-width: 100%;
    }
  `,
})
export class ListSearchComponent {
  private readonly router = inject(Router);

  /** Unique on the page: prefixes the ids of the fields. */
  readonly id = input.required<string>();
  /** The search form's name, e.g. "Search cohorts". */
  readonly label = input.required<string>();
  /** What the box searches, e.g. "Search by name, venue or system". */
  readonly searchLabel = input.required<string>();
  readonly q = input('');
  readonly pageSize = input(DEFAULT_PAGE_SIZE);
  readonly filters = input<readonly ListFilter[]>([]);
  readonly buttonText = input('Search');
  /** Query parameters to reset with the search besides `page` (e.g. a second list's page on the same page). */
  readonly pageParam = input('page');

  protected readonly sizes = PAGE_SIZE_OPTIONS;

  protected submit(event: Event): void {
    event.preventDefault();
    const form = new FormData(event.target as HTMLFormElement);
    const text = (name: string) => String(form.get(name) ?? '').trim() || null;
    const size = Number(form.get('pageSize'));
    const queryParams: Record<string, string | number | null> = {
      q: text('q'),
      pageSize: size === DEFAULT_PAGE_SIZE ? null : size,
      [this.pageParam()]: null,
    };
    for (const filter of this.filters()) queryParams[filter.name] = text(filter.name);
    void this.router.navigate([], { queryParams, queryParamsHandling: 'merge' });
  }
}

/** A page size from the address: one of PAGE_SIZE_OPTIONS, else the default. */
export function pageSizeParam(value: string | undefined): number {
  const size = Number(value);
  return (PAGE_SIZE_OPTIONS as readonly number[]).includes(size) ? size : DEFAULT_PAGE_SIZE;
}

/** A filter value from the address if it is one of `allowed`, else undefined (no filter). */
export function choiceParam<T extends string>(
  value: string | undefined,
  allowed: readonly T[],
): T | undefined {
  return allowed.includes(value as T) ? (value as T) : undefined;
}

/**
 * Follows a paged request that changes with the address: a new request whenever `request` changes (an older
 * one still running is dropped). Call in an injection context (a field initialiser).
 */
export function pagedList<R, T>(request: Signal<R>, fetch: (request: R) => Observable<Paged<T>>) {
  const state = toSignal(toObservable(request).pipe(switchMap((value) => loadState(fetch(value)))), {
    initialValue: LOADING as LoadState<Paged<T>>,
  });
  const result = computed(() => loadedValue(state()));
  const rows = computed<LoadState<T[]>>(() => {
    const current = state();
    return current.status === 'loaded' ? { status: 'loaded', value: current.value.items } : current;
  });
  const items = computed(() => result()?.items ?? []);
  return { state, result, rows, items };
}
