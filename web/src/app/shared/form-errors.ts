import { computed, signal } from '@angular/core';
import { ErrorItem, mapApiError, MapApiErrorOptions } from '../core/api-error';

/**
 * Errors of one form: the list for the error summary and the first message of each field for the inline
 * NHS error message.
 */
export class FormErrors {
  private readonly list = signal<ErrorItem[]>([]);

  readonly items = this.list.asReadonly();
  readonly any = computed(() => this.list().length > 0);
  readonly byField = computed(() => {
    const map: Record<string, string> = {};
    for (const item of this.list()) {
      if (item.field && !(item.field in map)) map[item.field] = item.text;
    }
    return map;
  });

  constructor(private readonly fields: readonly string[] = []) {}

  set(items: ErrorItem[]): void {
    this.list.set([...items]);
  }

  clear(): void {
    this.list.set([]);
  }

  /** Shows the errors of a failed API call; returns the HTTP status. */
  fromApi(error: unknown, options: Omit<MapApiErrorOptions, 'fields'> = {}): number {
    const mapped = mapApiError(error, { ...options, fields: this.fields });
    this.set(mapped.errors);
    return mapped.status;
  }

  message(field: string): string | undefined {
    return this.byField()[field];
  }

  /** Value for `aria-describedby`: the hint (if any) and the error message when the field has one. */
  describedBy(field: string, hint = false): string | null {
    const ids = [hint ? `${field}-hint` : '', this.message(field) ? `${field}-error` : ''].filter(Boolean);
    return ids.length ? ids.join(' ') : null;
  }
}
