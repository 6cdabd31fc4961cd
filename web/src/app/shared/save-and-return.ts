import { inject, signal } from '@angular/core';
import { Router } from '@angular/router';
import { Observable } from 'rxjs';
import { FlashService } from '../core/flash.service';
import { FormErrors } from './form-errors';

/** What happens after a successful save: the success message for the next page and the page to go back to. */
export interface SaveAndReturnTo<T> {
  message: (saved: T) => string;
  back: readonly unknown[];
}

/**
 * The submit of an add or edit form page: one save at a time; on success the form's errors clear, the message is
 * carried to the page it returns to (shown there in the success banner); on failure the API's errors show in the
 * form's error summary and the form can be sent again.
 *
 * Create it in a field initialiser (it injects the router):
 *
 * ```ts
 * private readonly save = new SaveAndReturn(this.errors);
 * protected submit(): void {
 *   this.save.submit(() => this.request(), { message: (venue) => `Venue ${venue.name} saved`, back: ['/venues'] });
 * }
 * ```
 */
export class SaveAndReturn {
  private readonly router = inject(Router);
  private readonly flash = inject(FlashService);
  private readonly busy = signal(false);

  /** True from sending the save until it failed (or for good once it succeeded and the page navigates away). */
  readonly saving = this.busy.asReadonly();

  constructor(private readonly errors: FormErrors) {}

  /** `request` checks the form and returns the save call, or null after showing what is wrong. */
  submit<T>(request: () => Observable<T> | null, then: SaveAndReturnTo<T>): void {
    if (this.busy()) return;
    const save = request();
    if (!save) return;
    this.busy.set(true);
    save.subscribe({
      next: (saved) => {
        this.errors.clear();
        this.flash.set(then.message(saved));
        void this.router.navigate(then.back);
      },
      error: (error: unknown) => {
        this.busy.set(false);
        this.errors.fromApi(error);
      },
    });
  }
}
