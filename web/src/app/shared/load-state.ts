import { HttpErrorResponse } from '@angular/common/http';
import { catchError, map, Observable, of, startWith } from 'rxjs';
import { ErrorItem, mapApiError } from '../core/api-error';

/** A request's progress, for pages that show "Loading…", the data, or an error summary. */
export type LoadState<T> =
  | { status: 'loading' }
  | { status: 'loaded'; value: T }
  | { status: 'failed'; httpStatus: number; errors: ErrorItem[] };

export const LOADING: LoadState<never> = { status: 'loading' };

/**
 * Follows a request: starts with `loading`, then `loaded` or `failed`. `notFound` replaces the message of a 404,
 * for example "This cohort does not exist."
 */
export function loadState<T>(source: Observable<T>, notFound?: string): Observable<LoadState<T>> {
  return source.pipe(
    map((value): LoadState<T> => ({ status: 'loaded', value })),
    catchError((error: unknown) => {
      const mapped = mapApiError(error);
      const errors = mapped.status === 404 && notFound ? [{ text: notFound }] : mapped.errors;
      return of<LoadState<T>>({ status: 'failed', httpStatus: mapped.status, errors });
    }),
    startWith<LoadState<T>>(LOADING),
  );
}

export function loadedValue<T>(state: LoadState<T>): T | undefined {
  return state.status === 'loaded' ? state.value : undefined;
}

export function loadErrors(state: LoadState<unknown>): ErrorItem[] {
  return state.status === 'failed' ? state.errors : [];
}

/** The item with `id` from a list request; fails like a 404 response when the list does not have it. */
export function findById<T extends { id: string }>(
  list: Observable<readonly T[]>,
  id: string,
): Observable<T> {
  return list.pipe(
    map((items) => {
      const found = items.find((item) => item.id === id);
      if (!found) throw new HttpErrorResponse({ status: 404, statusText: 'Not Found' });
      return found;
    }),
  );
}
